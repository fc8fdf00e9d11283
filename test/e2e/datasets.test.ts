import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { SHOTS, startBrowserSession, type BrowserSession } from '../helpers/browser.js';

const id = (body17: string) => body17 + idCheckChar(body17);
let tmp: string;

let session: BrowserSession;
beforeAll(async () => {
  // Imports pause 20 ms per batch, so the large one below still runs when it is cancelled on a fast machine.
  session = await startBrowserSession('e2e-datasets', { JIANXING_TEST_IMPORT_PAUSE_MS: '20' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-e2e-datasets-'));
});
afterAll(async () => {
  await session?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

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
    // The generator's manifest says which row it broke and in which column; the preview names it.
    const manifest = JSON.parse(fs.readFileSync(path.join(session.dataDir, 'demo-sources', 'manifest.json'), 'utf8'));
    const broken = manifest.datasets.public_housing_tenants.malformed[0] as { column: string };
    const label = builtInKind('public_housing_tenants')!.columns.find((c) => c.name === broken.column)!.aliases[0];
    await expect.poll(async () => (await page.getByTestId('rejected-rows').allInnerTexts()).join(' ')).toContain(label);
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
    // The tenant's name pinyin (written at import for fuzzy matching) is titled after its column, not by its warehouse name.
    const header = await page.getByTestId('rows-table').locator('thead').innerText();
    expect(header).toMatch(/（拼音）/);
    expect(header).not.toMatch(/_pinyin/);
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

  it('defines a custom kind with two columns and an alias, imports a GBK CSV into it and shows its rows', async () => {
    const page = await session.newPage();
    await session.login(page, 'analyst1');
    await page.goto(`${session.server.url}/datasets/kinds`);
    await page.getByTestId('define-kind').click();
    const form = page.getByTestId('kind-form');
    await form.getByPlaceholder('community_corrections').fill('e2e_permits');
    await form.getByPlaceholder('社区矫正人员').fill('e2e 许可证持有人');
    // The first column is there already (an ID, required); it gets an alias.
    const columns = page.getByTestId('kind-columns');
    await columns.getByPlaceholder('id_number').first().fill('id_number');
    // The aliases cell (name, type, required, aliases): a tags input.
    await columns.locator('tr.ant-table-row').first().locator('td').nth(3).locator('input').fill('证件号码');
    await page.keyboard.press('Enter');
    await page.getByTestId('add-kind-column').click();
    await columns.getByPlaceholder('id_number').nth(1).fill('holder');
    await page.getByTestId('save-kind').click();
    await expect.poll(() => page.getByTestId('dataset-kinds-table').innerText()).toMatch(/e2e 许可证持有人/);

    const ID = id('11010519900307123');
    const csv = path.join(tmp, '许可证.csv');
    fs.writeFileSync(csv, iconv.encode(`证件号码,holder\r\n${ID},张三丰\r\n${id('11010519851231002')},李四\r\n`, 'gbk'));
    await page.goto(`${session.server.url}/datasets/upload?kind=e2e_permits`);
    await page.getByTestId('upload-file').setInputFiles(csv);
    await expect.poll(() => page.getByTestId('preview-kind').isVisible()).toBe(true);
    await expect.poll(async () => (await page.getByTestId('preview-rows').innerText()).includes('张三丰')).toBe(true);
    await page.getByTestId('preview-next').click();
    await page.getByText('新建数据集', { exact: true }).click();
    await page.getByTestId('commit-name').fill('e2e 许可证');
    await page.getByTestId('commit-import').click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toMatch(/读取 2 行 = 导入 2 行 \+ 拒绝 0 行/);
    await page.getByTestId('open-dataset').click();
    const rows = page.getByTestId('rows-table');
    await expect.poll(() => rows.innerText()).toMatch(/张三丰/);
    expect(await rows.innerText()).toContain(`${ID.slice(0, 6)}********${ID.slice(14)}`);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-custom-kind.png'), fullPage: true });
    expect(session.problems).toEqual([]);
    await page.context().close();
  });

  it('shows the live progress of a large import, finds it again after a reload, and cancels it', async () => {
    const rows = 400_000;
    const lines = ['身份证号,姓名,死亡日期'];
    for (let i = 1; i <= rows; i++) lines.push(`${id(`1101051990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`)},张${i % 97},2024-01-02`);
    const file = path.join(tmp, 'deaths-large.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    const page = await session.newPage();
    await session.login(page, 'analyst1');
    await page.goto(`${session.server.url}/datasets/upload?kind=death_records`);
    await page.getByTestId('upload-file').setInputFiles(file);
    await page.getByTestId('preview-next').click();
    await page.getByText('新建数据集', { exact: true }).click();
    await page.getByTestId('commit-name').fill('e2e 大文件 取消');
    await page.getByTestId('commit-import').click();

    // Live progress: rows read grow while it runs; the job is in the URL.
    await page.getByTestId('import-progress').waitFor();
    await expect.poll(() => page.getByTestId('import-rows').innerText(), { timeout: 20_000, interval: 100 }).toMatch(/已读取 [1-9][\d,]* 行/);
    expect(page.url()).toMatch(/[?&]job=[0-9a-f-]{36}/);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-import-progress.png'), fullPage: true });

    // A reload mid-import finds the job again.
    await page.reload();
    await page.getByTestId('import-progress').waitFor();
    await expect.poll(() => page.getByTestId('import-rows').innerText(), { interval: 100 }).toMatch(/已读取 [1-9]/);
    await page.getByTestId('cancel-import').click();
    await page.getByTestId('cancel-import-confirm').click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toMatch(/导入已取消/);
    await page.screenshot({ path: path.join(SHOTS, 'dataset-import-cancelled.png'), fullPage: true });

    // No version was made.
    await page.goto(`${session.server.url}/datasets`);
    await page.getByTestId('datasets-table').getByText('e2e 大文件 取消').click();
    await expect.poll(() => page.getByText('还没有').first().isVisible().catch(() => false)).toBe(true);
    expect(await page.getByTestId('versions-table').innerText()).not.toMatch(/deaths-large\.csv/);
    expect(session.problems).toEqual([]);
    await page.context().close();
  });
});
