import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let procurator: Client;
let head: Client;
let criminal: Client;
let market: Client;
let police: Client;
const org: Record<string, string> = {};
const user: Record<string, string> = {};

const orgId = (fragment: string) => Object.entries(org).find(([name]) => name.includes(fragment))![1];

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

/** The sheet's rows as objects keyed by the English part of each header ("线索编号 number" → number). */
async function download(client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie! } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const headers = (sheet.getRow(1).values as string[]).map((h) => (typeof h === 'string' ? h.split(' ').at(-1)! : h));
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = row.values as unknown[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] === undefined || values[i] === null ? '' : String(values[i])]).filter(([h]) => h)));
  });
  return rows;
}

async function auditDetails(action: string) {
  const rows = await t.database.db.selectFrom('audit_events').select(['details', 'actor_name']).where('action', '=', action).orderBy('seq', 'desc').execute();
  return rows.map((r) => r.details as { rows: number; filter: Record<string, unknown> });
}

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await t.database.db.selectFrom('organizations').select(['id', 'name']).execute()) org[o.name] = o.id;
  for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
  procurator = await t.loginAs('procurator1');
  head = await t.loginAs('head1');
  criminal = await t.loginAs('criminal1');
  market = await t.loginAs('market_liaison');
  police = await t.loginAs('police_liaison');

  ok(await procurator.post('/api/clues', { source: 'complaint', title: '某超市销售过期食品', subjectName: '李四', subjectIdNumber: '11010519850315006X', matter: '销售过期食品', receivedOn: '2026-04-01', agencyId: orgId('市场') }), 201);
  const manual = ok(await procurator.post('/api/clues', { source: 'manual', title: '导出测试：无证经营', subjectName: '王五', receivedOn: '2026-04-02' }), 201).clue;
  ok(
    await criminal.post('/api/clues', {
      title: '张三危险驾驶不起诉案',
      subjectName: '张三',
      subjectIdNumber: '110105199001011232',
      nonProsecution: { decisionNo: '京朝检刑不诉〔2026〕12号', decidedOn: '2026-02-26', kind: 'discretionary', charge: '危险驾驶罪', transferredOn: '2026-03-04' },
      receivedOn: '2026-03-04',
    }),
    201,
  );
  ok(await market.post('/api/clues', { title: '某企业无证经营（移送）', summary: '群众反映', receivedOn: '2026-04-03' }), 201);
  ok(await head.post(`/api/clues/${manual.id}/case`, { version: manual.version, kind: 'illegal_act', agencyId: orgId('市场'), procuratorId: user.procurator1, registeredOn: '2026-04-05' }), 201);
});
afterAll(() => t.close());

describe('GET /api/clues.xlsx', () => {
  it('holds what the register shows, with masked ID numbers and the words of the UI', async () => {
    const list = ok(await procurator.get('/api/clues?pageSize=200'));
    const rows = await download(procurator, '/api/clues.xlsx');
    expect(rows.map((r) => r.number).sort()).toEqual(list.items.map((c: any) => c.number).sort());
    const complaint = rows.find((r) => r.title === '某超市销售过期食品')!;
    expect(complaint).toMatchObject({ source: '举报控告', status: '待评估', subject: '李四', agency: expect.stringContaining('市场') });
    expect(complaint.id_number).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    const np = rows.find((r) => r.decision_no === '京朝检刑不诉〔2026〕12号')!;
    expect(np.id_number).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    // Decided Thu 2026-02-26; due Mon 03-02 (Sat 02-28 a make-up working day); handed over 03-04.
    expect(np).toMatchObject({ transfer_due: '2026-03-02', transfer_status: '逾期移送' });
    expect(rows.find((r) => r.title === '导出测试：无证经营')!.status).toBe('已立案');
    for (const row of rows) expect(row.id_number ?? '').not.toMatch(/^\d{17}[\dX]$/);
  });

  it('applies the list’s filters', async () => {
    const rows = await download(procurator, `/api/clues.xlsx?source=complaint&q=${encodeURIComponent('超市')}`);
    expect(rows.map((r) => r.title)).toEqual(['某超市销售过期食品']);
  });

  it('keeps each reader to their own part of the register', async () => {
    const criminalRows = await download(criminal, '/api/clues.xlsx');
    expect(criminalRows.length).toBeGreaterThan(0);
    expect(criminalRows.every((r) => r.source === '不起诉移送')).toBe(true);
    expect((await download(market, '/api/clues.xlsx')).map((r) => r.title)).toEqual(['某企业无证经营（移送）']);
    expect(await download(police, '/api/clues.xlsx')).toEqual([]);
  });

  it('writes one audit event per export with the row count and filter', async () => {
    await download(procurator, '/api/clues.xlsx?status=received');
    const [latest] = await auditDetails('clue.export');
    expect(latest.filter).toEqual({ status: 'received' });
    expect(latest.rows).toBe(ok(await procurator.get('/api/clues?status=received&pageSize=200')).total);
  });
});

describe('GET /api/cases.xlsx', () => {
  it('holds the case list with its labels, and applies the filters', async () => {
    const list = ok(await procurator.get('/api/cases?pageSize=200'));
    const rows = await download(procurator, '/api/cases.xlsx');
    expect(rows.map((r) => r.number).sort()).toEqual(list.items.map((c: any) => c.number).sort());
    const filed = rows.find((r) => r.title === '导出测试：无证经营')!;
    expect(filed).toMatchObject({ kind: '行政违法行为监督', state: '调查核实', procurator: '李明', registered_on: '2026-04-05', next_due: '2026-07-06' });
    expect(await download(procurator, '/api/cases.xlsx?kind=reverse_connection')).not.toContainEqual(expect.objectContaining({ title: '导出测试：无证经营' }));
    expect((await download(procurator, `/api/cases.xlsx?mine=1&q=${encodeURIComponent('导出测试')}`)).map((r) => r.title)).toEqual(['导出测试：无证经营']);
    expect(await download(head, `/api/cases.xlsx?mine=1&q=${encodeURIComponent('导出测试')}`)).toEqual([]);
    const [latest] = await auditDetails('case.export');
    expect(latest.filter).toEqual({ mine: true, q: '导出测试' });
    expect(latest.rows).toBe(0);
  });

  it('is refused to agencies, like the list', async () => {
    expect((await market.get('/api/cases.xlsx')).status).toBe(403);
  });
});
