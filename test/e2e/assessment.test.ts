import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/jointMeetings.js';
import { previousMonthPeriod } from '../../src/server/indicators/assessmentPeriod.js';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
// The server's start generates the previous month's report (the monthly job runs at start).
const month = previousMonthPeriod(chinaToday(new Date())).month;
beforeAll(async () => {
  session = await startBrowserSession('e2e-assessment');
});
afterAll(() => session?.close());

/** Signed in as `username` on the assessment page. */
async function openAssessment(username: string): Promise<Page> {
  const page = await session.loggedIn(username);
  await page.goto(`${session.server.url}/indicators/assessment`);
  return page;
}

/** The link behind a download button answers 200 with the file type, in the page's session. */
async function expectDownload(page: Page, testId: string, contentType: string) {
  const href = await page.getByTestId(testId).getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.request.get(new URL(href!, session.server.url).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe(contentType);
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK');
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('assessment reports in the browser', () => {
  it('exports the table and the report, and lists the monthly report generated at start', async () => {
    const page = await openAssessment('head1');
    await page.getByTestId('assessment-export-xlsx').waitFor();
    await expectDownload(page, 'assessment-export-xlsx', XLSX);
    await expectDownload(page, 'assessment-export-docx', DOCX);
    await expect.poll(() => page.getByTestId(`assessment-state-${month}`).innerText()).toBe('草稿');
    await expectDownload(page, `assessment-download-xlsx-${month}`, XLSX);
    await expectDownload(page, `assessment-download-docx-${month}`, DOCX);
    await page.screenshot({ path: path.join(SHOTS, 'assessment-reports.png'), fullPage: true });
    await page.context().close();
  });

  it('lets an agency confirm its figures, the admin publish with a reason, and then the justice bureau download', async () => {
    const justiceBefore = await openAssessment('justice_observer');
    await justiceBefore.getByTestId('assessment-reports').waitFor();
    await expect.poll(() => justiceBefore.getByTestId(`assessment-state-${month}`).count()).toBe(0);
    await justiceBefore.context().close();

    const police = await openAssessment('police_leader');
    const confirm = police.getByTestId(`assessment-confirm-${month}`);
    if (await confirm.count().then((n) => n > 0, () => false)) {
      await confirm.click();
      await expect.poll(() => police.getByTestId(`assessment-confirm-${month}`).count()).toBe(0);
    }
    await police.context().close();

    const admin = await openAssessment('admin');
    await admin.getByTestId(`assessment-publish-${month}`).click();
    const dialog = admin.locator('.ant-modal');
    await dialog.getByLabel('发布理由').fill('考核材料报送截止');
    await dialog.getByRole('button', { name: /发\s*布/ }).click();
    await expect.poll(() => admin.getByTestId(`assessment-state-${month}`).innerText()).toBe('已发布');
    await admin.context().close();

    const justice = await openAssessment('justice_observer');
    await expect.poll(() => justice.getByTestId(`assessment-state-${month}`).innerText()).toBe('已发布');
    await expectDownload(justice, `assessment-download-docx-${month}`, DOCX);
    await justice.screenshot({ path: path.join(SHOTS, 'assessment-justice.png'), fullPage: true });
    await justice.context().close();
    expect(session.problems).toEqual([]);
  });
});
