import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { publicHousingFixture } from '../../src/engine/models/public-housing-misuse.fixture.js';
import type { FixtureRows } from '../../src/engine/fixtureWarehouse.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset, importDataset } from '../../src/server/commands/datasets.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let analyst: Client;
let procurator: Client;

/** Writes fixture rows as a UTF-8 CSV with canonical headers and imports it through the real pipeline. */
async function importRows(kind: string, rows: FixtureRows[string]) {
  const def = builtInKind(kind)!;
  const file = path.join(t.dataDir, `${kind}-${Date.now()}.csv`);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  const lines = [def.columns.map((c) => c.name).join(','), ...rows.map((r) => def.columns.map((c) => cell(r[c.name])).join(','))];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const ctx = systemContext('test');
  const existing = await t.database.db.selectFrom('datasets').select('id').where('kind', '=', kind).executeTakeFirst();
  const datasetId = existing?.id ?? (await createDataset(t.database.db, ctx, { kind, name: kind, ownerOrganizationId: null, legalBasis: 'agreement', legalBasisNote: '府检联动协议' }));
  const outcome = await importDataset({ db: t.database.db, warehouse: t.warehouse, dataDir: t.dataDir }, ctx, { datasetId, kind: def, file, fileName: path.basename(file) });
  expect(outcome.status).toBe('committed');
  expect(outcome.report!.rowsRejected).toBe(0);
}

async function run(asOf = publicHousingFixture.asOf) {
  const res = await analyst.post('/api/models/public-housing-misuse/runs', { asOf });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function allHits(client: Client, runId: string, query = '') {
  return (await client.get(`/api/runs/${runId}/hits?pageSize=200${query}`)).body;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [kind, rows] of Object.entries(publicHousingFixture.data)) await importRows(kind, rows);
  analyst = await t.loginAs('analyst1');
  procurator = await t.loginAs('procurator1');
});
afterAll(() => t.close());

describe('model library and runs over imported datasets', () => {
  it('lists the five built-in models', async () => {
    const res = await analyst.get('/api/models');
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['public-housing-misuse', 'occupational-ban', 'pension-after-death', 'drunk-driving-license', 'penalty-not-transferred']));
  });

  it('runs a model on the imported files and finds exactly the expected hits, recording its inputs', async () => {
    const runInfo = await run();
    expect(runInfo).toMatchObject({ status: 'succeeded', subjects: publicHousingFixture.subjects, hits: 11, newHits: 11, resolved: 0, modelVersion: 1, asOf: '2026-06-30' });
    expect(Object.keys(runInfo.datasetVersions).sort()).toEqual(Object.keys(publicHousingFixture.data).sort());
    expect(runInfo.parameters).toMatchObject({ vehicle_price_threshold: 150000, detained_days: 180 });
    const { items, total } = await allHits(analyst, runInfo.id);
    expect(total).toBe(11);
    expect(Object.fromEntries(items.map((h: { subjectKey: string; rules: string[] }) => [h.subjectKey, h.rules]))).toEqual(publicHousingFixture.expected);
  });

  it('masks ID numbers in hit lists, and unmasks only for roles that may, with an audit event', async () => {
    const runInfo = await run();
    const masked = await allHits(analyst, runInfo.id, '&q=GZF-01');
    expect(masked.items[0].idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(masked.items[0].evidence)).not.toMatch(/\d{17}[\dX]/);
    expect((await analyst.get(`/api/runs/${runInfo.id}/hits?unmask=1`)).status).toBe(403);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'hit.unmask'`.execute(t.database.db);
    const full = await allHits(procurator, runInfo.id, '&q=GZF-01&unmask=1');
    expect(full.items[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'hit.unmask'`.execute(t.database.db);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('reviews hits: a dismissal needs a reason, stale versions conflict, reviews carry to the next run, precision is measured per rule', async () => {
    const first = await run();
    const { items } = await allHits(analyst, first.id);
    const owner = items.find((h: { subjectKey: string }) => h.subjectKey === 'GZF-01');
    const vacant = items.find((h: { subjectKey: string }) => h.subjectKey === 'GZF-18');
    const noReason = await analyst.post(`/api/hits/${vacant.id}/review`, { decision: 'dismissed', version: vacant.version });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0]).toMatchObject({ path: 'reason' });
    expect((await analyst.post(`/api/hits/${owner.id}/review`, { decision: 'confirmed', reason: '核实属实', version: owner.version })).status).toBe(200);
    expect((await analyst.post(`/api/hits/${vacant.id}/review`, { decision: 'dismissed', reason: '长期出差，非空置', version: vacant.version })).status).toBe(200);
    const stale = await procurator.post(`/api/hits/${owner.id}/review`, { decision: 'dismissed', reason: 'x', version: owner.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current.review.status).toBe('confirmed');

    const model = await analyst.get('/api/models/public-housing-misuse');
    expect(model.body.precision).toEqual(
      expect.arrayContaining([
        { rule: 'owns-property', confirmed: 1, dismissed: 0, precision: 1 },
        { rule: 'vacant', confirmed: 0, dismissed: 1, precision: 0 },
      ]),
    );

    // Next import drops the property of GZF-01: its lead is resolved; the others are still present with their review.
    await importRows('property_registrations', publicHousingFixture.data.property_registrations.filter((p) => p.owner_name !== '张三'));
    const second = await run();
    expect(second).toMatchObject({ hits: 10, newHits: 0, stillPresent: 10, resolved: 1 });
    const again = await allHits(analyst, second.id, '&q=GZF-18');
    expect(again.items[0]).toMatchObject({ change: 'still_present', review: { status: 'dismissed', reason: '长期出差，非空置' } });
  });

  it('exports the hits as XLSX with masked IDs', async () => {
    const runInfo = await run();
    const res = await t.app.inject({ method: 'GET', url: `/api/runs/${runInfo.id}/hits.xlsx`, headers: { cookie: analyst.cookie! } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('hits')!;
    expect(sheet.rowCount).toBe(1 + runInfo.hits);
    const ids = sheet.getColumn(3).values.slice(2) as string[];
    for (const id of ids) expect(id).toMatch(/\*{8}/);
  });

  it('registers a confirmed hit as a clue in the model’s own words, once', async () => {
    const runBody = await run();
    const hit = (await allHits(procurator, runBody.id)).items.find((h: { review: { status: string } }) => h.review.status === 'pending');
    expect((await procurator.post(`/api/hits/${hit.id}/clue`, {})).status).toBe(409); // not confirmed yet
    expect((await procurator.post(`/api/hits/${hit.id}/review`, { decision: 'confirmed', version: hit.version })).status).toBe(200);
    const res = await procurator.post(`/api/hits/${hit.id}/clue`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const model = (await procurator.get('/api/models/public-housing-misuse')).body;
    expect(res.body.clue.title).toContain(model.document.title['zh-CN']);
    expect(res.body.clue.source).toBe('model_hit');
    const firedTitles = model.document.rules.filter((r: { id: string }) => hit.rules.includes(r.id)).map((r: { title: Record<string, string> }) => r.title['zh-CN']);
    for (const title of firedTitles) expect(res.body.clue.summary).toContain(title);
    expect(res.body.clue.evidence.modelTitle).toBe(model.document.title['zh-CN']);
    expect((await procurator.post(`/api/hits/${hit.id}/clue`, {})).status).toBe(409); // already registered
  });

  it('changes parameter defaults as a new version, and the next run uses them', async () => {
    const model = await analyst.get('/api/models/public-housing-misuse');
    const res = await analyst.patch('/api/models/public-housing-misuse/parameters', { version: model.body.document.version, defaults: { vehicle_price_threshold: 149999.99 }, changeNote: '门槛下调' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(model.body.document.version + 1);
    const stale = await analyst.patch('/api/models/public-housing-misuse/parameters', { version: model.body.document.version, defaults: { vehicle_price_threshold: 1 } });
    expect(stale.status).toBe(409);
    const runInfo = await run();
    expect(runInfo.modelVersion).toBe(res.body.version);
    const { items } = await allHits(analyst, runInfo.id, '&q=GZF-10');
    expect(items[0]?.rules).toEqual(['owns-vehicle']);
    const history = await analyst.get('/api/models/public-housing-misuse');
    expect(history.body.versions[0]).toMatchObject({ version: res.body.version, changeNote: '门槛下调', createdBy: '孙晓' });
  });

  it('refuses a malformed or malicious model document with the paths of its problems, before any SQL', async () => {
    const model = await analyst.get('/api/models/pension-after-death');
    const doc = structuredClone(model.body.document);
    doc.rules[0].evidence = ['month; DROP TABLE hits'];
    doc.rules[0].kind = 'maybe';
    const res = await analyst.post('/api/models', { document: doc });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toContain('rules.0.kind');
    expect((await procurator.post('/api/models', { document: doc })).status).toBe(403);
  });

  it('names the missing dataset when a model cannot run', async () => {
    const res = await analyst.post('/api/models/drunk-driving-license/runs', { asOf: '2026-06-30' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ path: 'datasets.criminal_judgments', message: 'no imported dataset of kind "criminal_judgments"' }));
  });

  it('marks a run that fails in the warehouse as failed and keeps no hits from it', async () => {
    const { rows } = await sql<{ warehouse_table: string }>`SELECT v.warehouse_table FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.kind = 'death_records' AND v.status = 'committed'`.execute(t.database.db);
    for (const r of rows) await t.warehouse.dropTable(r.warehouse_table);
    const res = await analyst.post('/api/models/public-housing-misuse/runs', { asOf: '2026-06-30' });
    expect(res.status).toBe(500);
    const failed = await sql<{ id: string; status: string }>`SELECT id, status FROM model_runs ORDER BY started_at DESC LIMIT 1`.execute(t.database.db);
    expect(failed.rows[0].status).toBe('failed');
    const hits = await sql<{ n: number }>`SELECT count(*)::int AS n FROM hits WHERE run_id = ${failed.rows[0].id}`.execute(t.database.db);
    expect(hits.rows[0].n).toBe(0);
  });
});

describe('a run whose process was killed', () => {
  it('is marked failed at the next start and never shows hits', async () => {
    // A process that has ended: its pid stands for a runner killed mid-run.
    const { spawnSync } = await import('node:child_process');
    const { hostname } = await import('node:os');
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const version = await t.database.db.selectFrom('models').select('current_version').where('id', '=', 'pension-after-death').executeTakeFirstOrThrow();
    const killed = await t.database.db
      .insertInto('model_runs')
      .values({ model_id: 'pension-after-death', model_version: version.current_version, as_of: '2026-06-30', parameters: '{}', status: 'running', runner_process: `${hostname()}:${gone}`, started_by_name: 'cli' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { recoverInterruptedRuns } = await import('../../src/server/commands/models.js');
    expect(await recoverInterruptedRuns(t.database.db)).toBe(1);
    const run = await analyst.get(`/api/runs/${killed.id}`);
    expect(run.body).toMatchObject({ status: 'failed', failure: 'interrupted: the running process ended', hits: null });
    expect((await analyst.get(`/api/runs/${killed.id}/hits`)).body.total).toBe(0);
  });
});
