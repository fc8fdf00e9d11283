import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession('e2e-datasets');
});
afterAll(() => session?.close());

describe('shared data in the browser', () => {
  it('uploads a GBK CSV: preview with the rejected row, commit into a new dataset, browse masked rows', async () => {
    const page = await session.newPage();
    await session.login(page, 'analyst1');
    await page.getByTestId('main-menu').getByText('数据共享').click();
    await page.getByTestId('datasets-table').waitFor();
    await page.goto(`${session.server.url}/datasets/upload`);
    // The demo's tenant register: GBK, two title lines above the header, one malformed row.
    await page.getByTestId('upload-file').setInputFiles(path.join(session.dataDir, 'demo-sources', 'public_housing_tenants.csv'));
    await expect.poll(() => page.getByTestId('preview-kind').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('公租房承租人').first().isVisible()).toBe(true);
    await expect.poll(async () => (await page.getByTestId('rejected-rows').allInnerTexts()).join(' ')).toMatch(/合同编号/);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-preview.png'), fullPage: true });

    await page.getByTestId('preview-next').click();
    await page.getByText('新建数据集', { exact: true }).click();
    await page.getByTestId('commit-name').fill('e2e 公租房承租人');
    await page.getByTestId('commit-import').click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toMatch(/读取 201 行 = 导入 200 行 \+ 拒绝 1 行/);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-imported.png'), fullPage: true });

    await page.getByTestId('open-dataset').click();
    await page.getByTestId('rows-table').waitFor();
    await expect.poll(async () => (await page.getByTestId('rows-table').innerText()).match(/\d{6}\*{8}\d{3}[\dX]/) !== null).toBe(true);
    expect(await page.getByTestId('unmask-rows').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-rows.png'), fullPage: true });
    expect(session.problems).toEqual([]);
    await page.context().close();
  });

  it('shows an agency liaison only the datasets of their organization', async () => {
    const page = await session.newPage();
    await session.login(page, 'housing_liaison');
    await page.getByTestId('main-menu').getByText('数据共享').click();
    const table = page.getByTestId('datasets-table');
    await expect.poll(() => table.innerText()).toMatch(/不动产登记/);
    expect(await table.innerText()).not.toMatch(/机动车登记|刑事判决/);
    await page.context().close();
  });
});
