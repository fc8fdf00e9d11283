import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
// The first start seeds the demo register (2026), which has repeated problems to work with.
beforeAll(async () => {
  session = await startBrowserSession('e2e-governance');
});
afterAll(() => session?.close());

describe('litigation-source governance (诉源治理) in the browser', () => {
  it('shows the charts and patterns to a procurator, opens a count, drafts a suggestion and lands on the draft', async () => {
    const page = await session.newPage();
    await session.login(page, 'procurator1');
    await page.getByTestId('main-menu').getByText('诉源治理').click();
    await page.waitForURL(/\/governance$/);

    // Both rankings are drawn as ECharts canvases.
    for (const chart of ['governance-agencies-chart', 'governance-matters-chart']) {
      await page.getByTestId(chart).locator('canvas').waitFor();
    }
    const patterns = page.getByTestId('governance-patterns');
    // A threshold of 1: every agency × matter of the demo register counts, so there is a pattern to draft from.
    const threshold = page.locator('input[data-testid="governance-min-cases"], [data-testid="governance-min-cases"] input').first();
    await threshold.fill('1');
    await threshold.press('Tab');
    await patterns.getByTestId('governance-pattern-0-cases').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'governance-page.png'), fullPage: true });

    // A count opens exactly as many cases as it says.
    const count = Number(await patterns.getByTestId('governance-pattern-0-cases').innerText());
    const agency = await patterns.locator('tbody tr.ant-table-row').first().locator('td').first().innerText();
    await patterns.getByTestId('governance-pattern-0-cases').click();
    const drawer = page.getByTestId('governance-cases');
    await drawer.locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(() => drawer.locator('tbody tr.ant-table-row').count()).toBe(Math.min(count, 20));
    await page.screenshot({ path: path.join(SHOTS, 'governance-cases.png') });
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // Drafting: choose the kind, create, land on the draft 检察建议书 addressed to the agency.
    await patterns.getByTestId('governance-pattern-0-draft').click();
    const dialog = page.getByTestId('governance-draft-dialog');
    await dialog.getByText('社会治理检察建议').click();
    await page.locator('.ant-modal').getByRole('button', { name: /生成草稿/ }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('document-title').first().innerText()).toBe('检察建议书');
    await expect.poll(() => page.getByTestId('document-state').first().innerText()).toBe('草稿');
    const annex = page.locator('article[aria-label="附件页"]');
    await annex.waitFor();
    expect(await annex.innerText()).toContain('类案情况表');
    expect(await page.locator('body').innerText()).toContain(agency.replace(/\s+/g, ''));
    await page.screenshot({ path: path.join(SHOTS, 'governance-draft.png'), fullPage: true });

    expect(session.problems).toEqual([]);
    await page.context().close();
  });

  it('does not list the page for an agency liaison', async () => {
    const page = await session.newPage();
    await session.login(page, 'market_liaison');
    expect(await page.getByTestId('main-menu').innerText()).not.toContain('诉源治理');
    await page.context().close();
  });
});
