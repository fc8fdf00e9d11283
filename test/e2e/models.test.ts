import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/db/seed.js';
import { startServerProcess, tempDataDir, type ServerProcess } from '../helpers/serverProcess.js';

const SHOTS = path.resolve('test-results/e2e');
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const dataDir = tempDataDir('e2e-models');
let server: ServerProcess;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  // The first start imports the demo datasets and runs the five models.
  server = await startServerProcess(dataDir);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  server?.proc.kill('SIGTERM');
  await server?.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function login(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('main-menu').waitFor();
  return page;
}

describe('supervision models in the browser', () => {
  it('lets an analyst run a model, open a hit with its evidence and confirm it', async () => {
    const page = await login('analyst1');
    await page.getByTestId('main-menu').getByText('大数据模型').click();
    await page.getByText('公租房违规使用').first().click();
    await expect.poll(() => page.getByText('名下有有效不动产').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'model-page.png'), fullPage: true });

    await page.getByTestId('run-model').click();
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
    const page = await login('procurator1');
    await page.getByTestId('main-menu').getByText('大数据模型').click();
    await page.getByText('从业禁止').first().click();
    await page.locator('a[href^="/runs/"]').first().click();
    await page.getByTestId('unmask-switch').click();
    await expect.poll(async () => /\d{17}[\dX]/.test(await page.getByTestId('hits-table').innerText())).toBe(true);
    await page.context().close();

    const liaison = await login('housing_liaison');
    expect(await liaison.getByTestId('main-menu').getByText('大数据模型').count()).toBe(0);
    await liaison.goto(`${server.url}/models`);
    await expect.poll(() => liaison.getByText('403').first().isVisible()).toBe(true);
    await liaison.context().close();
    expect(pageErrors).toEqual([]);
  });
});
