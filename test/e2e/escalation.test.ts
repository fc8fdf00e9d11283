import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession, type BrowserSession } from '../helpers/browser.js';
import { choose, shot, typeDate } from '../helpers/pageActions.js';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession('e2e-escalation');
});
afterAll(() => session?.close());

/** The demo's case 10: market regulation refused the suggestion; the case is in follow-up (procurator2's). */
async function followUpCaseUrl(page: Page): Promise<string> {
  const res = await page.request.get(`${session.server.url}/api/cases?q=${encodeURIComponent('超市销售过期食品')}`);
  expect(res.status()).toBe(200);
  const [item] = (await res.json()).items;
  expect(item.state).toBe('follow_up');
  return `${session.server.url}/cases/${item.id}`;
}

describe('escalation notices (通报与抄送) in the browser', () => {
  it('the procurator reports the refused suggestion to the district government and records its answer; the agency sees nothing of it', async () => {
    const page = await session.loggedIn('procurator2');
    // The demo's notice to the city police bureau waits for its answer on the procurator's tasks.
    await expect.poll(() => page.getByText(/通报待答复：北京市公安局/).first().isVisible()).toBe(true);
    const caseUrl = await followUpCaseUrl(page);
    await page.goto(caseUrl);

    await page.getByTestId('record-escalation').click();
    const drawer = page.locator('.ant-drawer');
    await choose(page, drawer.getByLabel('通报对象类别'), '本级人民政府');
    await drawer.getByLabel('通报对象', { exact: true }).fill('北京市朝阳区人民政府');
    // The served suggestion is proposed as the document concerned.
    await expect.poll(() => drawer.getByTestId('escalation-documents').innerText()).toMatch(/京朝检行建〔2026〕\d+号/);
    await drawer.getByLabel('通报内容').fill('区市场监管局对检察建议不予采纳且理由不能成立，特予通报，请督促依法查处。');
    await typeDate(drawer.getByLabel('期待答复日期'), '2026-12-20');
    await drawer.getByTestId('escalation-submit').click();
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '通报与抄送' }).click();
    const notice = page.getByTestId('escalation-notice').filter({ hasText: '北京市朝阳区人民政府' });
    await expect.poll(() => notice.getByTestId('escalation-status').innerText()).toBe('待答复');
    await shot(page, 'case-escalation-sent', '[data-testid="escalation-status"]');

    await notice.getByTestId('escalation-answer').click();
    const dialog = page.locator('.ant-modal');
    await choose(page, dialog.getByLabel('答复结果'), '已采取措施');
    await dialog.getByLabel('答复内容').fill('区政府已责成区市场监管局对该超市立案查处。');
    await dialog.getByTestId('escalation-answer-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => notice.getByTestId('escalation-status').innerText()).toBe('已答复');
    await expect.poll(() => notice.getByTestId('escalation-answer-text').innerText()).toContain('立案查处');

    await page.getByRole('tab', { name: '时间线' }).click();
    const timeline = page.getByTestId('case-timeline');
    await expect.poll(() => timeline.innerText()).toContain('收到通报答复');
    expect(await timeline.innerText()).toContain('通报对象：北京市朝阳区人民政府');
    await shot(page, 'case-escalation-timeline', '[data-testid="case-timeline"] strong');
    await page.context().close();

    // The market regulator opens the same case: its documents, not the notices.
    const agency = await session.loggedIn('market_liaison');
    await agency.goto(caseUrl);
    await agency.getByTestId('case-title').waitFor();
    await expect.poll(() => agency.getByText('京朝检行建〔2026〕', { exact: false }).first().isVisible()).toBe(true);
    expect(await agency.getByRole('tab', { name: '通报与抄送' }).count()).toBe(0);
    expect(await agency.locator('body').innerText()).not.toContain('朝阳区人民政府');
    await agency.context().close();
  });

  it('runs under the Content-Security-Policy without page errors', () => {
    expect(session.problems).toEqual([]);
  });
});
