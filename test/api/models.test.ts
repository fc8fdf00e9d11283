import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { publicHousingFixture } from '../../src/engine/models/public-housing-misuse.fixture.js';
import type { FixtureRows } from '../../src/engine/fixtureWarehouse.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset, importDataset } from '../../src/server/commands/datasets.js';
import { ensureBuiltInModels, testOnlyRunHooks } from '../../src/server/commands/models.js';
import type { RunProgress } from '../../src/server/db/schemaModels.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let analyst: Client;
let procurator: Client;
const SOME_UUID = '3f0e8a52-8c6e-4d6a-9a0b-1c2d3e4f5a6b';

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

/** Polls a run until it has ended (a run goes on in the background after POST answers). */
async function settle(runId: string, client = analyst) {
  for (let i = 0; i < 1200; i++) {
    const res = await client.get(`/api/runs/${runId}`);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`run ${runId} still running`);
}

async function start(modelId = 'public-housing-misuse', body: Record<string, unknown> = { asOf: publicHousingFixture.asOf }) {
  const res = await analyst.post(`/api/models/${modelId}/runs`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.status).toBe('running');
  return res.body;
}

async function run(asOf = publicHousingFixture.asOf) {
  const started = await start('public-housing-misuse', { asOf });
  const ended = await settle(started.id);
  expect(ended.status, ended.failure).toBe('succeeded');
  return ended;
}

/** A gate a test hook waits at, opened by the test. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const hitCount = async (runId: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM hits WHERE run_id = ${runId}`.execute(t.database.db)).rows[0].n;

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
afterEach(() => {
  delete testOnlyRunHooks.beforeStage;
  vi.useRealTimers();
});

describe('model library and runs over imported datasets', () => {
  it('lists the six built-in models', async () => {
    const res = await analyst.get('/api/models');
    expect(res.status).toBe(200);
    const builtIn = res.body.items.filter((m: { builtIn: boolean }) => m.builtIn).map((m: { id: string }) => m.id);
    expect(builtIn.sort()).toEqual(['drunk-driving-license', 'non-litigation-enforcement', 'occupational-ban', 'penalty-not-transferred', 'pension-after-death', 'public-housing-misuse']);
  });

  it('adds a newer shipped version of a built-in model on start, unless someone edited the model', async () => {
    const db = t.database.db;
    const id = 'non-litigation-enforcement';
    const shipped = await db.selectFrom('model_versions').select(['version', 'document']).where('model_id', '=', id).executeTakeFirstOrThrow();
    expect(shipped.version).toBe(2);
    // As an install made before v2 has it: v1, without the bracket-unifying link.
    const v1 = JSON.parse(JSON.stringify(shipped.document));
    v1.version = 1;
    for (const rule of v1.rules) for (const k of rule.link.key) delete k.normalize;
    const asBefore = async (createdBy: string) => {
      await db.deleteFrom('model_versions').where('model_id', '=', id).execute();
      await db.insertInto('model_versions').values({ model_id: id, version: 1, document: JSON.stringify(v1), change_note: 'built-in', created_by_name: createdBy }).execute();
      await db.updateTable('models').set({ current_version: 1 }).where('id', '=', id).execute();
    };
    await asBefore('system');
    await ensureBuiltInModels(db);
    const upgraded = await db.selectFrom('models').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
    expect(upgraded.current_version).toBe(2);
    const versions = await db.selectFrom('model_versions').select(['version', 'change_note', 'document']).where('model_id', '=', id).orderBy('version').execute();
    expect(versions.map((v) => [v.version, v.change_note])).toEqual([[1, 'built-in'], [2, 'built-in update']]);
    expect(JSON.stringify(versions[1].document)).toContain('document_number');
    // Someone's own version is current: it stays, and the shipped one is not slipped in.
    await asBefore('张检察官');
    await ensureBuiltInModels(db);
    expect((await db.selectFrom('models').select('current_version').where('id', '=', id).executeTakeFirstOrThrow()).current_version).toBe(1);
    expect((await db.selectFrom('model_versions').select('version').where('model_id', '=', id).execute()).map((v) => v.version)).toEqual([1]);
    // Back to the shipped model for the other tests.
    await db.deleteFrom('model_versions').where('model_id', '=', id).execute();
    await db.insertInto('model_versions').values({ model_id: id, version: 2, document: JSON.stringify(shipped.document), change_note: 'built-in', created_by_name: 'system' }).execute();
    await db.updateTable('models').set({ current_version: 2 }).where('id', '=', id).execute();
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
    expect((await analyst.get(`/api/runs/${runInfo.id}/hits?unmask=1&reason=${encodeURIComponent('线索核查')}`)).status).toBe(403);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'hit.unmask'`.execute(t.database.db);
    const full = await allHits(procurator, runInfo.id, `&q=GZF-01&unmask=1&reason=${encodeURIComponent('线索核查')}`);
    expect(full.items[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'hit.unmask'`.execute(t.database.db);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('unmasks only with a stated reason (2–500 characters), and logs who, what and why', async () => {
    const runInfo = await run();
    const audits = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE action = 'hit.unmask'`.execute(t.database.db)).rows[0].n;
    const before = await audits();
    for (const query of ['unmask=1', 'unmask=1&reason=', `unmask=1&reason=${encodeURIComponent('  x ')}`, `unmask=1&reason=${'a'.repeat(501)}`]) {
      const res = await procurator.get(`/api/runs/${runInfo.id}/hits?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.fields.map((f: { path: string }) => f.path), query).toContain('reason');
    }
    const hit = (await allHits(procurator, runInfo.id, '&q=GZF-01')).items[0];
    const noReason = await procurator.get(`/api/hits/${hit.id}?unmask=1`);
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0]).toMatchObject({ path: 'reason' });
    expect(await audits()).toBe(before); // nothing unmasked, nothing logged

    const detail = await procurator.get(`/api/hits/${hit.id}?unmask=1&reason=${encodeURIComponent(' 案件办理需要：核对承租人身份 ')}`);
    expect(detail.status).toBe(200);
    expect(detail.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    const list = await procurator.get(`/api/runs/${runInfo.id}/hits?unmask=1&reason=${encodeURIComponent('线索核查')}&q=GZF-01`);
    expect(list.status).toBe(200);
    const { rows } = await sql<{ actor_name: string; record_type: string; record_id: string; details: { reason: string } }>`
      SELECT actor_name, record_type, record_id, details FROM audit_events WHERE action = 'hit.unmask' ORDER BY seq DESC LIMIT 2`.execute(t.database.db);
    expect(rows[1]).toMatchObject({ actor_name: '李明', record_type: 'hit', record_id: hit.id, details: { reason: '案件办理需要：核对承租人身份' } });
    expect(rows[0]).toMatchObject({ actor_name: '李明', record_type: 'model_run', record_id: runInfo.id, details: { reason: '线索核查' } });
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

    // The resolved lead is listed from the previous run, with the evidence and review it had there.
    const resolved = await allHits(analyst, second.id, '&comparison=resolved');
    expect(resolved.total).toBe(1);
    expect(resolved.items[0]).toMatchObject({ subjectKey: 'GZF-01', change: 'resolved', runId: first.id, review: { status: 'confirmed', reason: '核实属实' } });
    expect(resolved.items[0].rules).toContain('owns-property');
    expect(resolved.items[0].evidence['owns-property'].length).toBeGreaterThan(0);
    expect(resolved.items[0].idNumber).toMatch(/\*{8}/);
    expect((await allHits(analyst, second.id, '&comparison=still_present')).total).toBe(10);
    expect((await allHits(analyst, second.id, '&comparison=new')).total).toBe(0);
    expect((await allHits(analyst, second.id, '&comparison=resolved&review=dismissed')).total).toBe(0);
    expect((await allHits(analyst, first.id, '&comparison=resolved')).total).toBe(0);
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/runs/${second.id}/hits.xlsx?comparison=resolved`, headers: { cookie: analyst.cookie! } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('hits')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('GZF-01');
    expect(sheet.getRow(2).getCell(5).value).toBe('resolved');
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

  it('starts a run at once and reports its stages while it runs, to anyone who may see it; a second run of the model is refused meanwhile', async () => {
    const rules = (await analyst.get('/api/models/public-housing-misuse')).body.document.rules.map((r: { id: string }) => r.id);
    const held = gate();
    let reached!: (p: RunProgress) => void;
    const atRule2 = new Promise<RunProgress>((resolve) => (reached = resolve));
    testOnlyRunHooks.beforeStage = async (_runId, progress) => {
      if (progress.stage === 'rule' && progress.rule?.index === 2) {
        reached(progress);
        await held.opened;
      }
    };
    const started = await start();
    expect(started).toMatchObject({ status: 'running', hits: null, finishedAt: null, startedBy: '孙晓' });
    await atRule2;
    const mid = await procurator.get(`/api/runs/${started.id}`);
    expect(mid.body.status).toBe('running');
    expect(mid.body.progress).toMatchObject({ stage: 'rule', step: 3, steps: rules.length + 4, rule: { index: 2, total: rules.length, id: rules[1] }, subjects: publicHousingFixture.subjects });
    expect(mid.body.progress.stages.map((s: { stage: string; rule?: string }) => s.rule ?? s.stage)).toEqual(['compile', 'subjects', rules[0]]);
    expect(mid.body.progress.elapsedMs).toBeGreaterThanOrEqual(0);
    expect((await analyst.get(`/api/models/public-housing-misuse/runs`)).body.items[0]).toMatchObject({ id: started.id, status: 'running' });

    const second = await analyst.post('/api/models/public-housing-misuse/runs', { asOf: publicHousingFixture.asOf });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'run_in_progress', running: { id: started.id, startedBy: '孙晓' } });
    expect(second.body.message).toContain(started.id);

    held.open();
    const ended = await settle(started.id);
    expect(ended).toMatchObject({ status: 'succeeded', hits: 11, progress: { stage: 'done', step: rules.length + 4, hits: 11, written: 11 } });
    expect(ended.progress.stages.map((s: { stage: string; rule?: string }) => s.rule ?? s.stage)).toEqual(['compile', 'subjects', ...rules, 'compare', 'write']);
    expect(await hitCount(started.id)).toBe(11);
  });

  it('cancels a run between stages: its starter or an administrator only; it ends cancelled with no hits, the previous run untouched', async () => {
    const previous = await run();
    const reviewed = (await allHits(analyst, previous.id, '&q=GZF-18')).items[0];
    expect((await analyst.post(`/api/hits/${reviewed.id}/review`, { decision: 'confirmed', version: reviewed.version })).status).toBe(200);
    const previousHits = await sql`SELECT id, review_status, version FROM hits WHERE run_id = ${previous.id} ORDER BY id`.execute(t.database.db);

    const held = gate();
    let reached!: () => void;
    const atWrite = new Promise<void>((resolve) => (reached = resolve));
    testOnlyRunHooks.beforeStage = async (_runId, progress) => {
      if (progress.stage === 'write') {
        reached();
        await held.opened;
      }
    };
    const started = await start();
    await atWrite;
    expect((await procurator.post(`/api/runs/${started.id}/cancel`)).status).toBe(403); // not the starter
    expect((await analyst.post(`/api/runs/${SOME_UUID}/cancel`)).status).toBe(404);
    const cancelling = analyst.post(`/api/runs/${started.id}/cancel`);
    await expect.poll(async () => (await analyst.get(`/api/runs/${started.id}`)).body.cancelRequestedBy).toBe('孙晓');
    held.open();
    const cancelled = await cancelling;
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', hits: null, cancelRequestedBy: '孙晓' });
    expect(cancelled.body.finishedAt).not.toBeNull();
    expect(await hitCount(started.id)).toBe(0);
    expect((await analyst.get(`/api/runs/${started.id}/hits`)).body.total).toBe(0);
    expect((await sql`SELECT id, review_status, version FROM hits WHERE run_id = ${previous.id} ORDER BY id`.execute(t.database.db)).rows).toEqual(previousHits.rows);
    expect((await analyst.post(`/api/runs/${started.id}/cancel`)).status).toBe(409); // already ended
    const { rows } = await sql<{ action: string }>`SELECT action FROM audit_events WHERE record_id = ${started.id} ORDER BY seq`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(['model.run_started', 'model.run_cancel', 'model.run_cancelled']);

    // The next run compares with the last successful one, not the cancelled one; an administrator may cancel anyone's run.
    const next = await run();
    expect(next).toMatchObject({ previousRunId: previous.id, stillPresent: 11, newHits: 0 });
    expect((await allHits(analyst, next.id, '&q=GZF-18')).items[0].review.status).toBe('confirmed');
    const admin = await t.loginAs('admin');
    const another = await start();
    const byAdmin = await admin.post(`/api/runs/${another.id}/cancel`);
    expect([200, 409]).toContain(byAdmin.status); // 409 only if it finished first
    const ended = await settle(another.id);
    if (byAdmin.status === 200) expect(ended.status).toBe('cancelled');
  });

  it('stops a query midway when cancelled (PostgreSQL warehouse: the query is cancelled in the server)', async () => {
    // Holding a lock on the datasets makes the first rule's query wait inside PostgreSQL.
    const { rows: tables } = await sql<{ warehouse_table: string }>`
      SELECT v.warehouse_table FROM dataset_versions v WHERE v.status = 'committed' AND v.warehouse_table IS NOT NULL`.execute(t.database.db);
    const owner = new pg.Client(t.ownerUrl);
    await owner.connect();
    try {
      testOnlyRunHooks.beforeStage = async (_runId, progress) => {
        if (progress.stage === 'rule' && progress.rule?.index === 1) {
          await owner.query('BEGIN');
          for (const { warehouse_table } of tables) await owner.query(`LOCK TABLE warehouse."${warehouse_table}" IN ACCESS EXCLUSIVE MODE`);
        }
      };
      const started = await start();
      const waiting = () => sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ${`/* jianxing model run ${started.id} */%`}`.execute(t.database.db);
      await expect.poll(async () => (await waiting()).rows[0].n, { timeout: 10_000 }).toBe(1);
      const cancelled = await analyst.post(`/api/runs/${started.id}/cancel`);
      // Ended while the lock is still held: the waiting query was cancelled, not waited for.
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', progress: { stage: 'rule', rule: { index: 1 } } });
      expect((await waiting()).rows[0].n).toBe(0);
      expect(await hitCount(started.id)).toBe(0);
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
    }
  });

  it('runs as of today in China unless told: at 01:00 in Beijing the UTC date is still yesterday', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T17:00:00Z'));
    const started = await start('public-housing-misuse', {});
    vi.useRealTimers();
    expect(started.asOf).toBe('2026-11-26');
    await settle(started.id);
  });

  it('names the missing dataset when a model cannot run', async () => {
    const res = await analyst.post('/api/models/drunk-driving-license/runs', { asOf: '2026-06-30' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ path: 'datasets.criminal_judgments', message: 'no imported dataset of kind "criminal_judgments"' }));
  });

  it('marks a run that fails in the warehouse as failed and keeps no hits from it', async () => {
    const { rows } = await sql<{ warehouse_table: string }>`SELECT v.warehouse_table FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.kind = 'death_records' AND v.status = 'committed'`.execute(t.database.db);
    for (const r of rows) await t.warehouse.dropTable(r.warehouse_table);
    const started = await start('public-housing-misuse', { asOf: '2026-06-30' });
    const failed = await settle(started.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toBeTruthy();
    expect(await hitCount(started.id)).toBe(0);
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
