import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
// The first start imports the demo datasets and runs the five models.
beforeAll(async () => {
  session = await startBrowserSession('e2e-models');
});
afterAll(() => session?.close());

describe('supervision models in the browser', () => {
  it('lets an analyst run a model, open a hit with its evidence and confirm it', async () => {
    const page = await session.loggedIn('analyst1');
    await page.getByTestId('main-menu').getByText('大数据模型').click();
    await page.getByText('公租房违规使用').first().click();
    await expect.poll(() => page.getByText('名下有有效不动产').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'model-page.png'), fullPage: true });

    // The run starts at once and runs on the server: a progress bar with the stage, then the link to its hits.
    await page.getByTestId('run-model').click();
    await page.getByTestId('run-progress').waitFor();
    expect(await page.getByTestId('run-progress').locator('.ant-progress').count()).toBe(1);
    const hitsLink = page.getByTestId('run-hits-link');
    await hitsLink.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('run-progress').getAttribute('data-status')).toBe('succeeded');
    await page.screenshot({ path: path.join(SHOTS, 'model-run-done.png'), fullPage: true });
    await hitsLink.click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const firstHit = page.getByTestId('hits-table').locator('a[href^="/hits/"]').first();
    await firstHit.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'run-hits.png'), fullPage: true });
    // Analysts see masked ID numbers and have no unmask switch.
    expect(await page.getByTestId('unmask-switch').count()).toBe(0);
    expect(await page.getByTestId('hits-table').innerText()).toMatch(/\d{6}\*{8}\d{3}[\dX]/);

    await firstHit.click();
    await page.waitForURL(/\/hits\//);
    await expect.poll(() => page.locator('[data-testid^="evidence-"]').count()).toBeGreaterThan(0);
    await page.getByTestId('hit-confirm').click();
    await expect.poll(() => page.getByText('已确认该线索').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'hit-confirmed.png'), fullPage: true });
    await page.context().close();
  });

  it('lets a procurator unmask ID numbers, and keeps agency users out', async () => {
    const page = await session.loggedIn('procurator1');
    await page.getByTestId('main-menu').getByText('大数据模型').click();
    await page.getByText('从业禁止').first().click();
    await page.locator('a[href^="/runs/"]').first().click();
    // Unmasking asks for the reason first; cancelling keeps the numbers masked.
    await page.getByTestId('unmask-switch').click();
    await page.getByText('说明查看完整证件号的理由').waitFor();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    expect(/\d{17}[\dX]/.test(await page.getByTestId('hits-table').innerText())).toBe(false);
    await page.getByTestId('unmask-switch').click();
    await page.getByTestId('unmask-reason-clueVerification').click();
    await page.getByTestId('unmask-reason-text').fill('核对名单');
    await page.screenshot({ path: path.join(SHOTS, 'unmask-reason.png') });
    await page.getByTestId('unmask-reason-ok').click();
    await expect.poll(async () => /\d{17}[\dX]/.test(await page.getByTestId('hits-table').innerText())).toBe(true);
    await page.context().close();

    const liaison = await session.loggedIn('housing_liaison');
    expect(await liaison.getByTestId('main-menu').getByText('大数据模型').count()).toBe(0);
    await liaison.goto(`${session.server.url}/models`);
    await expect.poll(() => liaison.getByText('403').first().isVisible()).toBe(true);
    await liaison.context().close();
    expect(session.problems).toEqual([]);
  });
});
