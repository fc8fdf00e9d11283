import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/**
 * Imports started from the web app run as background jobs: progress while they run, the result
 * when they end, cancellation that leaves nothing behind. Also: bad multipart fields are 400s,
 * unmasking needs a stated reason (audited), and dataset sharing is edited with a conflict check.
 */

const id = (body17: string) => body17 + idCheckChar(body17);
const ID1 = id('11010519900101123');
const ID2 = id('11010519851231002');
const BAD_CHECKSUM = `${ID2.slice(0, 17)}${ID2[17] === '0' ? '1' : '0'}`;

/** A death register of `rows` rows (one rejected every 1000th: a bad date). */
function deathRegister(rows: number): string {
  const lines = ['身份证号,姓名,死亡日期'];
  for (let i = 1; i <= rows; i++) {
    const body = `1101051990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    lines.push(`${id(body)},张${i % 97},${i % 1000 === 0 ? '某天' : '2024-01-02'}`);
  }
  return `${lines.join('\n')}\n`;
}

const BIG_ROWS = 200_000;
let big: Buffer;

let t: TestApp;
let analyst: Client;
let policeLiaison: Client;
let procurator: Client;
let admin: Client;
let housing: Client;

beforeAll(async () => {
  big = Buffer.from(deathRegister(BIG_ROWS));
  t = await createTestApp({ warehouse: 'postgres' });
  [analyst, procurator, admin, housing, policeLiaison] = await Promise.all(['analyst1', 'procurator1', 'admin', 'housing_liaison', 'police_liaison'].map((u) => t.loginAs(u)));
});
afterAll(() => t?.close());

const upload = (client: Client, name: string, content: Buffer | string, fields: Record<string, string> = {}) => client.upload('/api/datasets/uploads', { name, content }, fields);

async function startImport(client: Client, name: string, content: Buffer | string, commit: Record<string, unknown>) {
  const preview = await upload(client, name, content);
  expect(preview.status, JSON.stringify(preview.body)).toBe(201);
  const res = await client.post(`/api/datasets/uploads/${preview.body.uploadId}/commit`, { kind: preview.body.kind, ...commit });
  return { ...res, uploadId: preview.body.uploadId as string };
}

/** Polls the job until it ends, keeping every snapshot seen on the way. */
async function follow(client: Client, jobId: string) {
  const seen: any[] = [];
  for (;;) {
    const res = await client.get(`/api/imports/${jobId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(res.body);
    if (res.body.state !== 'running') return { job: res.body, seen };
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

const sourcesOf = (datasetId: string) => {
  const dir = path.join(t.dataDir, 'sources', datasetId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('import jobs', () => {
  let datasetId: string;

  it('answers the commit at once with a job, reports progress while it runs, and the version when it succeeds', async () => {
    const started = await startImport(analyst, 'deaths.csv', big, { dataset: { name: '死亡登记 大文件', legalBasis: 'agreement' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.job).toMatchObject({ id: started.body.jobId, state: 'running', fileName: 'deaths.csv', bytesTotal: big.length, importer: '孙晓', cancellable: true });
    datasetId = started.body.job.datasetId;

    // The upload is in use: it can be neither committed again nor discarded meanwhile.
    expect((await analyst.post(`/api/datasets/uploads/${started.uploadId}/commit`, { kind: 'death_records', datasetId })).status).toBe(409);

    // The importer finds it among their running jobs (a reloaded page does this).
    const running = await analyst.get('/api/imports?state=running');
    expect(running.body.items.map((j: { id: string }) => j.id)).toContain(started.body.jobId);

    const { job, seen } = await follow(analyst, started.body.jobId);
    const midway = seen.filter((s) => s.state === 'running' && s.stage === 'reading' && s.rowsRead > 0 && s.rowsRead < BIG_ROWS);
    expect(midway.length, JSON.stringify(seen.map((s) => [s.stage, s.rowsRead]))).toBeGreaterThan(0);
    expect(midway[0].bytesDone).toBeGreaterThan(0);
    expect(midway[0].bytesDone).toBeLessThan(big.length);
    expect(midway[0].rowsImported + midway[0].rowsRejected).toBe(midway[0].rowsRead);
    // Counts only grow.
    const reads = seen.map((s) => s.rowsRead);
    expect(reads).toEqual([...reads].sort((a, b) => a - b));

    expect(job).toMatchObject({
      state: 'succeeded',
      stage: 'done',
      cancellable: false,
      rowsRead: BIG_ROWS,
      rowsImported: BIG_ROWS - BIG_ROWS / 1000,
      rowsRejected: BIG_ROWS / 1000,
      bytesDone: big.length,
      failure: null,
      version: { version: 1, status: 'committed', rowsRead: BIG_ROWS, rowsRejected: BIG_ROWS / 1000 },
    });
    expect(job.elapsedMs).toBeGreaterThan(0);
    expect(job.rowsPerSecond).toBeGreaterThan(0);
    expect(job.errors).toHaveLength(100);
    expect(job.errors[0]).toMatchObject({ line: 1001, column: 'death_date', reason: 'invalid_date' });
    console.log(`import job: ${BIG_ROWS} rows, ${big.length} bytes in ${job.elapsedMs} ms (${job.rowsPerSecond} rows/s while reading), ${seen.length} polls (${seen.map((x) => `${x.stage}:${x.rowsRead}`).join(' ')})`);

    expect((await analyst.get(`/api/datasets/${datasetId}/rows?pageSize=1`)).body).toMatchObject({ version: 1, total: BIG_ROWS - BIG_ROWS / 1000 });
    // The upload is gone once imported.
    expect((await analyst.post(`/api/datasets/uploads/${started.uploadId}/preview`, {})).status).toBe(404);
    // Ended jobs are no longer "running", but the importer still finds them for a while.
    expect((await analyst.get('/api/imports?state=running')).body.items).toEqual([]);
    expect((await analyst.get('/api/imports')).body.items[0]).toMatchObject({ id: started.body.jobId, state: 'succeeded' });
    expect((await analyst.post(`/api/imports/${started.body.jobId}/cancel`)).status).toBe(409);
  });

  it('cancels a running import: no version, no staging table, no kept source file', async () => {
    const tablesBefore = (await t.warehouse.datasetTables()).sort();
    const sourcesBefore = sourcesOf(datasetId);
    const started = await startImport(analyst, 'deaths-again.csv', big, { datasetId });
    expect(started.status).toBe(202);
    const jobId = started.body.jobId;

    // Someone else cannot see or cancel it: not even its existence.
    // (Liaisons follow imports of their own; a procurator imports none.)
    for (const other of [policeLiaison, procurator, housing]) {
      expect((await other.get(`/api/imports/${jobId}`)).status).toBe(other === procurator ? 403 : 404);
      expect((await other.post(`/api/imports/${jobId}/cancel`)).status).toBe(other === procurator ? 403 : 404);
    }
    expect((await housing.get('/api/imports')).body.items.map((j: { id: string }) => j.id)).not.toContain(jobId);

    // Wait until rows are being read, then cancel.
    for (;;) {
      const s = (await analyst.get(`/api/imports/${jobId}`)).body;
      if (s.rowsRead > 0 || s.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const cancelled = await analyst.post(`/api/imports/${jobId}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', stage: 'done', version: null, failure: { reason: 'cancelled' } });
    expect(cancelled.body.rowsRead).toBeLessThan(BIG_ROWS);

    const dataset = (await analyst.get(`/api/datasets/${datasetId}`)).body;
    expect(dataset.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(dataset.failedImports).toEqual([]);
    expect(await t.database.db.selectFrom('dataset_versions').select('id').where('dataset_id', '=', datasetId).execute()).toHaveLength(1);
    expect((await t.warehouse.datasetTables()).sort()).toEqual(tablesBefore);
    expect(sourcesOf(datasetId)).toEqual(sourcesBefore);
    expect((await analyst.get(`/api/datasets/${datasetId}/rows?pageSize=1`)).body.version).toBe(1);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'details']).where('record_id', '=', datasetId).orderBy('seq').execute();
    expect(audit.at(-1)).toMatchObject({ action: 'dataset.import_cancelled', details: { fileName: 'deaths-again.csv' } });
    // Cancelling twice: it has ended.
    expect((await analyst.post(`/api/imports/${jobId}/cancel`)).status).toBe(409);
  });

  it('lets an administrator cancel anyone’s import', async () => {
    const started = await startImport(analyst, 'deaths-3.csv', big, { datasetId });
    expect(started.status).toBe(202);
    const res = await admin.post(`/api/imports/${started.body.jobId}/cancel`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect((await analyst.get(`/api/datasets/${datasetId}`)).body.versions).toHaveLength(1);
  });

  it('ends a refused file as a failed job with the failed attempt recorded', async () => {
    const content = '身份证号,姓名,死亡日期\n' + `${ID1},张三,某天\n`;
    const started = await startImport(analyst, 'strict.csv', content, { datasetId, strict: true });
    expect(started.status).toBe(202);
    const { job } = await follow(analyst, started.body.jobId);
    expect(job).toMatchObject({
      state: 'failed',
      failure: { reason: 'strict_rejected' },
      version: { status: 'failed', version: null, rowsRead: 1, rowsImported: 0, rowsRejected: 1 },
      errors: [{ line: 2, column: 'death_date', reason: 'invalid_date' }],
    });
    expect((await analyst.get(`/api/datasets/${datasetId}`)).body.failedImports).toEqual([expect.objectContaining({ fileName: 'strict.csv' })]);
  });

  it('refuses a commit into a dataset of another kind before starting a job', async () => {
    const preview = await upload(analyst, 'tenants.csv', `合同编号,承租人身份证号,承租人姓名,房屋编号,房屋地址,起租日期,止租日期,状态\nG-1,${ID1},张三,U-1,,2021-03-05,,在租\n`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(201);
    const res = await analyst.post(`/api/datasets/uploads/${preview.body.uploadId}/commit`, { kind: preview.body.kind, datasetId });
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'kind', params: { reason: 'kind_mismatch' } });
  });
});

describe('multipart fields', () => {
  it.each([
    ['kind', { kind: 'Not A Kind!' }],
    ['encoding', { encoding: 'latin1' }],
    ['sheet', { sheet: 'x'.repeat(101) }],
  ])('answers 400 naming a bad %s field', async (field, fields) => {
    const res = await upload(analyst, 'deaths.csv', `身份证号,姓名,死亡日期\n${ID1},张三,2024-01-02\n`, fields);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation', message: expect.stringContaining(field) });
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  it('names every bad field at once', async () => {
    const res = await upload(analyst, 'deaths.csv', 'a\n', { kind: '1', encoding: 'ebcdic' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['kind', 'encoding']);
  });

  it('answers 400 for a well-formed kind that does not exist', async () => {
    const res = await upload(analyst, 'deaths.csv', `身份证号,姓名,死亡日期\n${ID1},张三,2024-01-02\n`, { kind: 'no_such_kind' });
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'kind' });
  });
});

describe('unmasking needs a stated reason', () => {
  let datasetId: string;
  let versionId: string;

  beforeAll(async () => {
    const content = `身份证号,姓名,死亡日期,联系电话\n${ID1},张三,2024-01-02,13800001111\n${BAD_CHECKSUM},李四,2024-01-03,\n${ID1},王五,=1+1,13900002222\n`;
    const started = await startImport(analyst, 'deaths-small.csv', content, { dataset: { name: '死亡登记 小', legalBasis: 'investigation' } });
    const { job } = await follow(analyst, started.body.jobId);
    expect(job.state).toBe('succeeded');
    datasetId = job.datasetId;
    versionId = job.version.id;
  });

  it.each([
    ['no reason', ''],
    ['a blank reason', '%20%20%20'],
    ['one character', '%E6%A1%88'],
    ['more than 500 characters', 'x'.repeat(501)],
  ])('refuses unmasked rows with %s (400 naming reason)', async (_label, reason) => {
    const res = await procurator.get(`/api/datasets/${datasetId}/rows?unmasked=true${reason ? `&reason=${reason}` : ''}`);
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'reason', params: { reason: 'reason_required' } });
  });

  it('shows unmasked rows with a reason and keeps the reason in the audit event', async () => {
    const before = await t.database.db.selectFrom('audit_events').select('seq').where('action', '=', 'dataset.view_unmasked').execute();
    const res = await procurator.get(`/api/datasets/${datasetId}/rows?unmasked=true&reason=${encodeURIComponent('  线索核查  ')}`);
    expect(res.status).toBe(200);
    expect(res.body.masked).toBe(false);
    expect(res.body.items[0]).toMatchObject({ id_number: ID1, extra: { 联系电话: '13800001111' } });
    expect(res.body.items[1]).toMatchObject({ id_number: BAD_CHECKSUM });
    const views = await t.database.db.selectFrom('audit_events').select(['actor_name', 'details']).where('action', '=', 'dataset.view_unmasked').orderBy('seq').execute();
    expect(views).toHaveLength(before.length + 1);
    expect(views.at(-1)).toEqual({ actor_name: '李明', details: expect.objectContaining({ datasetId, what: 'rows', reason: '线索核查' }) });
    // Masked views need no reason and are not audited as unmasked.
    expect((await procurator.get(`/api/datasets/${datasetId}/rows`)).body.masked).toBe(true);
    expect((await analyst.get(`/api/datasets/${datasetId}/rows?unmasked=true&reason=${encodeURIComponent('数据核对')}`)).status).toBe(403);
  });

  async function errorReport(client: Client, query = '') {
    const res = await t.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/versions/${versionId}/errors${query}`, headers: { cookie: client.cookie! } });
    if (res.statusCode !== 200) return { status: res.statusCode, rejected: null, warnings: null };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = (i: number) => wb.worksheets[i].getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    return { status: res.statusCode, rejected: sheet(0), warnings: sheet(1) };
  }

  it('lets a procurator download the error report unmasked with a reason (audited); others get it masked', async () => {
    const rejected = [[4, '死亡日期 (death_date)', 'invalid_date', "'=1+1"]];
    const masked = await errorReport(analyst);
    expect(masked).toEqual({
      status: 200,
      rejected,
      warnings: [[3, '身份证号 (id_number)', 'invalid_id_checksum', `${BAD_CHECKSUM.slice(0, 6)}********${BAD_CHECKSUM.slice(14)}`]],
    });
    // A procurator who states no reason gets the masked one too.
    expect((await errorReport(procurator)).warnings).toEqual(masked.warnings);

    expect((await errorReport(analyst, `?unmasked=true&reason=${encodeURIComponent('案件办理需要')}`)).status).toBe(403);
    expect((await errorReport(procurator, '?unmasked=true')).status).toBe(400);

    const full = await errorReport(procurator, `?unmasked=true&reason=${encodeURIComponent('案件办理需要')}`);
    // Formulas stay neutralized in the unmasked report too.
    expect(full).toEqual({ status: 200, rejected, warnings: [[3, '身份证号 (id_number)', 'invalid_id_checksum', BAD_CHECKSUM]] });
    const audit = await t.database.db.selectFrom('audit_events').select('details').where('action', '=', 'dataset.view_unmasked').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ datasetId, versionId, what: 'error_report', reason: '案件办理需要' });
  });
});

describe('sharing a dataset', () => {
  let datasetId: string;
  let police: string;
  let housingOrg: string;

  beforeAll(async () => {
    const orgs = await t.database.db.selectFrom('organizations').select(['id', 'short_name', 'kind']).execute();
    police = orgs.find((o) => o.kind === 'agency' && o.short_name.includes('公安'))!.id;
    housingOrg = orgs.find((o) => o.kind === 'agency' && o.short_name.includes('住'))!.id;
    const started = await startImport(analyst, 'deaths-share.csv', `身份证号,姓名,死亡日期\n${ID1},张三,2024-01-02\n`, { dataset: { name: '死亡登记 共享', legalBasis: 'agreement' } });
    datasetId = (await follow(analyst, started.body.jobId)).job.datasetId;
  });

  it('shares with an organization, audited; the organization then sees it', async () => {
    expect((await housing.get(`/api/datasets/${datasetId}`)).status).toBe(404);
    const res = await analyst.patch(`/api/datasets/${datasetId}/sharing`, {
      visibleRoles: ['analyst', 'procurator'],
      visibleOrganizationIds: [housingOrg],
      previous: { visibleRoles: ['procurator', 'analyst'], visibleOrganizationIds: [] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id: datasetId, visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [housingOrg] });
    expect((await housing.get(`/api/datasets/${datasetId}`)).status).toBe(200);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'details']).where('record_id', '=', datasetId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'dataset.share', details: { after: { visibleOrganizationIds: [housingOrg] } } });
  });

  it('refuses a change based on stale sharing (409 with the current one)', async () => {
    const res = await analyst.patch(`/api/datasets/${datasetId}/sharing`, {
      visibleRoles: ['analyst'],
      visibleOrganizationIds: [police],
      previous: { visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [] },
    });
    expect(res.status).toBe(409);
    expect(res.body.current).toEqual({ visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [housingOrg] });
  });

  it('lets an administrator share, but not a procurator or another agency', async () => {
    const previous = { visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [housingOrg] };
    expect((await procurator.patch(`/api/datasets/${datasetId}/sharing`, { visibleRoles: ['analyst'], visibleOrganizationIds: [], previous })).status).toBe(403);
    // The housing liaison sees it (shared with them) but does not own it.
    expect((await housing.patch(`/api/datasets/${datasetId}/sharing`, { visibleRoles: ['analyst'], visibleOrganizationIds: [], previous })).status).toBe(403);
    const res = await admin.patch(`/api/datasets/${datasetId}/sharing`, { visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [], previous });
    expect(res.status).toBe(200);
    expect((await housing.get(`/api/datasets/${datasetId}`)).status).toBe(404);
  });

  it('refuses an unknown organization', async () => {
    const res = await analyst.patch(`/api/datasets/${datasetId}/sharing`, {
      visibleRoles: ['analyst'],
      visibleOrganizationIds: ['3f0e8a52-8c6e-4d6a-9a0b-1c2d3e4f5a6b'],
      previous: { visibleRoles: ['analyst', 'procurator'], visibleOrganizationIds: [] },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields[0]).toMatchObject({ path: 'visibleOrganizationIds' });
  });
});
