import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWN_DIMENSIONS, INDICATORS, type BreakdownDimension, type IndicatorDefinition } from '../../src/domain/indicators/index.js';
import type { DocumentState } from '../../src/domain/cases/index.js';
import { seedDemoCases } from '../../src/server/db/demoCases.js';
import { queueMissingIndicatorFacts, scheduleIndicatorFactRefresh } from '../../src/server/jobs/indicatorFacts.js';
import type { IndicatorFilter } from '../../src/server/indicators/items.js';
import * as live from '../helpers/indicatorLive.js';
import { shape } from '../helpers/indicatorLive.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';
import { fixtureSchedule2027 } from '../helpers/holidayFixture.js';
import { SUGGESTION_FORM } from '../helpers/caseForms.js';

/**
 * Figures, breakdowns and the funnel are computed from maintained facts (migration 0018), the
 * drill-downs from the live tables. After each kind of change made through the real HTTP commands
 * — service, reply, evaluation, an objection upheld (withdrawal), a procurator reassigned, a
 * holiday schedule loaded (a reply clock's due date recomputed) — and after concurrent and
 * rolled-back writes, every figure, breakdown cell and funnel step read over HTTP equals the live
 * aggregate over `indicatorItems` / `funnelItems`, and each facts table equals its source view.
 */
interface Period {
  from: string;
  to: string;
  asOf: string;
  agencyId?: string;
}
const Y2026: Period = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-11-26' };
const Y2027: Period = { from: '2027-01-01', to: '2027-12-31', asOf: '2027-06-30' };
const query = (p: Period) => `from=${p.from}&to=${p.to}&asOf=${p.asOf}${p.agencyId ? `&agencyId=${p.agencyId}` : ''}`;

const FIXTURE_2027 = fixtureSchedule2027('测试〔2026〕2号');

let t: TestApp;
const clients: Record<string, Client> = {};
const user: Record<string, string> = {};
const org: Record<string, string> = {};
const orgId = (fragment: string) => Object.entries(org).find(([name]) => name.includes(fragment))![1];
let police: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCases(t.database.db);
  for (const o of await t.database.db.selectFrom('organizations').select(['id', 'name']).execute()) org[o.name] = o.id;
  for (const u of await t.database.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
  for (const name of ['head1', 'chief1', 'procurator1', 'procurator2', 'police_liaison', 'market_liaison', 'admin', 'justice_observer']) clients[name] = await t.loginAs(name);
  police = orgId('公安');
}, 120_000);
afterAll(() => t.close());

function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as any;
}

const filterOf = (p: Period, agenciesOnly = false): IndicatorFilter => ({ from: p.from, to: p.to, asOf: p.asOf, agencyId: p.agencyId ?? null, kind: null, cell: {}, agenciesOnly });
const liveFigure = (def: IndicatorDefinition, f: IndicatorFilter) => live.liveFigure(t.database.db, def, f);
const liveBreakdown = (def: IndicatorDefinition, f: IndicatorFilter, dimension: BreakdownDimension) => live.liveBreakdown(t.database.db, def, f, dimension);
const liveFunnel = (p: Period) => live.liveFunnel(t.database.db, filterOf(p));

type Figures = Record<string, { numerator: number; denominator: number; area: number | null }>;

async function figures(p: Period, client = clients.head1): Promise<Figures> {
  const body = ok(await client.get(`/api/indicators?${query(p)}`));
  return Object.fromEntries(body.items.map((x: any) => [x.definition.id, shape(x)]));
}

async function funnel(p: Period): Promise<number[]> {
  return ok(await clients.head1.get(`/api/indicators/funnel?${query(p)}`)).steps.map((s: any) => s.count);
}

/** Each facts table holds exactly the rows of its source view (as multisets). */
async function expectFactsEqualSources() {
  for (const [table, view] of [
    ['indicator_document_facts', 'indicator_document_facts_source'],
    ['indicator_clue_facts', 'indicator_clue_facts_source'],
    ['indicator_review_facts', 'indicator_review_facts_source'],
  ]) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        (SELECT * FROM ${sql.table(table)} EXCEPT ALL SELECT * FROM ${sql.table(view)})
        UNION ALL
        (SELECT * FROM ${sql.table(view)} EXCEPT ALL SELECT * FROM ${sql.table(table)})) d`.execute(t.database.db);
    expect(rows[0].n, `${table} differs from ${view}`).toBe(0);
  }
}

/**
 * Every figure (the head's, for the year, for 2027, for the police; the justice bureau's), every
 * breakdown cell of the year and every funnel step, read over HTTP, equals the live aggregate.
 * Returns the head's figures of the year.
 */
async function expectFactsMatchLive(label: string): Promise<Figures> {
  const year = await figures(Y2026);
  for (const p of [Y2026, Y2027, { ...Y2026, agencyId: police }]) {
    const shown = p === Y2026 ? year : await figures(p);
    for (const def of INDICATORS) expect(shown[def.id], `${label}: ${def.id} ${query(p)}`).toEqual(await liveFigure(def, filterOf(p)));
    expect(await funnel(p), `${label}: funnel ${query(p)}`).toEqual(await liveFunnel(p));
  }
  const justice = await figures(Y2026, clients.justice_observer);
  for (const def of INDICATORS.filter((d) => d.audience === 'all')) expect(justice[def.id], `${label}: justice bureau ${def.id}`).toEqual(await liveFigure(def, filterOf(Y2026, true)));
  for (const def of INDICATORS) {
    for (const dimension of BREAKDOWN_DIMENSIONS) {
      const rows = ok(await clients.head1.get(`/api/indicators/${def.id}/breakdown?${query(Y2026)}&dimension=${dimension}`)).items;
      const shown = Object.fromEntries(rows.map((r: any) => [r.key, { ...shape(r), label: r.label }]));
      expect(shown, `${label}: ${def.id} by ${dimension}`).toEqual(await liveBreakdown(def, filterOf(Y2026), dimension));
    }
  }
  await expectFactsEqualSources();
  return year;
}

async function documentOf(where: { type: string; state: DocumentState; recipient?: string }) {
  let q = t.database.db.selectFrom('documents as d').select(['d.id', 'd.case_id', 'd.version']).where('d.type', '=', where.type).where('d.state', '=', where.state);
  if (where.recipient) q = q.where('d.recipient_id', '=', where.recipient);
  return q.orderBy('d.served_on').executeTakeFirstOrThrow();
}

async function facts(documentId: string) {
  return t.database.db.selectFrom('indicator_document_facts').selectAll().where('document_id', '=', documentId).execute();
}

describe('indicator figures from maintained facts', () => {
  let before: Figures;

  it('the demo register, written through the commands, queued every document: facts equal the live figures', async () => {
    before = await expectFactsMatchLive('demo');
    expect(before.reply_rate.denominator).toBeGreaterThan(0);
    expect(before.review_on_time.denominator).toBeGreaterThan(0);
  });

  it('a document approved and served over HTTP shows in the facts and the funnel', async () => {
    const doc = await documentOf({ type: 'procuratorial_opinion', state: 'pending_chief' });
    const funnelBefore = await funnel(Y2026);
    const approved = ok(await clients.chief1.post(`/api/documents/${doc.id}/approve`, { version: doc.version, on: '2026-11-20' }));
    ok(await clients.procurator1.post(`/api/documents/${doc.id}/serve`, { version: approved.version, servedOn: '2026-11-23', receivedOn: '2026-11-23' }));
    await expectFactsMatchLive('served');
    // Its 2-month reply period ends in 2027, whose schedule is not loaded yet: no due date.
    expect((await facts(doc.id)).map((f) => [f.served_on, f.due_on])).toEqual([['2026-11-23', null]]);
    const funnelAfter = await funnel(Y2026);
    expect(funnelAfter[2]).toBe(funnelBefore[2] + 1); // documents_served
  });

  it('a reply recorded by the agency counts in the reply figures', async () => {
    const doc = await t.database.db
      .selectFrom('documents as d')
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .innerJoin('case_clocks as k', 'k.document_id', 'd.id')
      .innerJoin('users as u', 'u.organization_id', 'd.recipient_id')
      .innerJoin('user_roles as ur', (j) => j.onRef('ur.user_id', '=', 'u.id').on('ur.role', '=', 'agency_liaison'))
      .select(['d.id', 'k.due_on', 'u.username'])
      .where('d.type', '=', 'procuratorial_opinion')
      .where('d.state', '=', 'served')
      .where('c.state', '=', 'awaiting_reply')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('replies').select('id').whereRef('replies.document_id', '=', 'd.id'))))
      .orderBy('k.due_on')
      .executeTakeFirstOrThrow();
    const liaison = clients[doc.username] ?? (clients[doc.username] = await t.loginAs(doc.username));
    const prior = await figures(Y2026);
    ok(await liaison.post(`/api/documents/${doc.id}/replies`, { result: 'adopted', summary: '已依法给予行政处罚', penaltyDecisionNo: '京朝行罚决字〔2026〕77号', penaltyType: '罚款', repliedOn: '2026-11-10' }), 201);
    const after = await expectFactsMatchLive('replied');
    const due = doc.due_on !== null && doc.due_on < Y2026.asOf ? 1 : 0;
    expect(after.reply_rate.numerator).toBe(prior.reply_rate.numerator + 100 * due); // in hundredths
    expect(after.penalties_per_reply.denominator).toBe(prior.penalties_per_reply.denominator + 1);
    expect(after.penalties_per_reply.numerator).toBe(prior.penalties_per_reply.numerator + 100);
    expect((await facts(doc.id)).map((f) => [f.replied_on, f.has_penalty])).toEqual([['2026-11-10', true]]);
  });

  it('an evaluation counts in the adoption figures', async () => {
    const pending = await t.database.db
      .selectFrom('replies as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .innerJoin('users as u', 'u.id', 'c.procurator_id')
      .select(['r.id', 'c.version', 'u.username'])
      .where('r.evaluation', 'is', null)
      .where('r.result', '=', 'partially_adopted')
      .executeTakeFirstOrThrow();
    const prior = await figures(Y2026);
    ok(await clients[pending.username].post(`/api/replies/${pending.id}/evaluation`, { evaluation: 'adopted', note: '已整改', next: 'close', caseVersion: pending.version, on: '2026-11-02' }));
    const after = await expectFactsMatchLive('evaluated');
    expect(after.adoption_rate.denominator).toBe(prior.adoption_rate.denominator + 1);
    expect(after.adoption_rate.numerator).toBe(prior.adoption_rate.numerator + 100);
  });

  it('a suggestion served, objected to and withdrawn after the objection is upheld', async () => {
    const market = orgId('市场');
    const { clue } = ok(await clients.procurator2.post('/api/clues', { source: 'complaint', title: '农贸市场销售病死畜禽肉未被查处', matter: '销售病死畜禽肉', receivedOn: '2026-10-01', agencyId: market }), 201);
    const created = ok(await clients.head1.post(`/api/clues/${clue.id}/case`, { version: clue.version, kind: 'illegal_act', agencyId: market, procuratorId: user.procurator2, registeredOn: '2026-10-02' }), 201);
    const c = ok(await clients.procurator2.get(`/api/cases/${created.id}`));
    ok(await clients.procurator2.patch(`/api/cases/${created.id}/review`, { version: c.version, facts: '经调查，该市场多次销售病死畜禽肉。', review: SUGGESTION_FORM }));
    const draft = ok(await clients.procurator2.post(`/api/cases/${created.id}/documents`, { type: 'procuratorial_suggestion', suggestionKind: 'individual' }), 201);
    let doc = ok(await clients.procurator2.post(`/api/documents/${draft.id}/submit`, { version: draft.version }));
    doc = ok(await clients.head1.post(`/api/documents/${draft.id}/approve`, { version: doc.version, on: '2026-10-10' }));
    doc = ok(await clients.chief1.post(`/api/documents/${draft.id}/approve`, { version: doc.version, on: '2026-10-10' }));
    ok(await clients.procurator2.post(`/api/documents/${draft.id}/serve`, { version: doc.version, servedOn: '2026-10-12', receivedOn: '2026-10-12' }));
    await expectFactsMatchLive('suggestion served');
    expect(await facts(draft.id)).toHaveLength(1);

    const objected = ok(await clients.market_liaison.post(`/api/documents/${draft.id}/objections`, { grounds: '已立案查处', raisedOn: '2026-10-14' }), 201);
    const current = ok(await clients.head1.get(`/api/cases/${created.id}`));
    ok(await clients.chief1.post(`/api/objections/${objected.objections[0].id}/decision`, { decision: 'upheld', reasons: '异议成立', caseVersion: current.version, on: '2026-10-16' }));
    expect(ok(await clients.head1.get(`/api/documents/${draft.id}`)).state).toBe('withdrawn');
    await expectFactsMatchLive('withdrawn');
    // A withdrawn suggestion stays an item (served, then withdrawn).
    expect(await facts(draft.id)).toHaveLength(1);
  });

  it('a case reassigned to another procurator moves its items in the breakdown by procurator', async () => {
    const doc = await documentOf({ type: 'procuratorial_opinion', state: 'served', recipient: police });
    const c = await t.database.db.selectFrom('cases').select(['id', 'version', 'procurator_id']).where('id', '=', doc.case_id).executeTakeFirstOrThrow();
    const other = c.procurator_id === user.procurator1 ? 'procurator2' : 'procurator1';
    ok(await clients.head1.post(`/api/cases/${c.id}/assign`, { version: c.version, procuratorId: user[other] }));
    await expectFactsMatchLive('reassigned');
    expect((await facts(doc.id)).every((f) => f.procurator_id === user[other])).toBe(true);
  });

  it('a holiday schedule loaded gives the reply clock running into 2027 its due date', async () => {
    const prior = await figures(Y2027);
    const loaded = ok(await clients.admin.post('/api/calendar/schedules', { schedule: FIXTURE_2027 }), 201);
    expect(loaded.clocksRecomputed).toBeGreaterThan(0);
    const after = (await expectFactsMatchLive('2027 loaded')) && (await figures(Y2027));
    expect(after.reply_rate.denominator).toBeGreaterThan(prior.reply_rate.denominator);
    const dueIn2027 = await t.database.db.selectFrom('indicator_document_facts').select('due_on').where('due_on', '>=', '2027-01-01').execute();
    expect(dueIn2027.length).toBeGreaterThan(0);
  });

  it('figures are read from the facts: a tampered fact shows, and the next change to its document repairs it', async () => {
    const doc = await documentOf({ type: 'procuratorial_opinion', state: 'served', recipient: police });
    const prior = await figures(Y2026);
    // Behind the triggers' back (the owner may; the app role may too, which is why nothing but the refresh writes facts).
    await sql`UPDATE indicator_document_facts SET type = 'tampered' WHERE document_id = ${doc.id}`.execute(t.database.db);
    const tampered = await figures(Y2026);
    expect(tampered.penalty_rate_per_opinion.denominator).toBe(prior.penalty_rate_per_opinion.denominator - 1);
    // A change to the document (here made and undone) queues it; the next read recomputes it from the source.
    await t.database.db.updateTable('documents').set({ received_on: sql`received_on + 1` }).where('id', '=', doc.id).execute();
    await t.database.db.updateTable('documents').set({ received_on: sql`received_on - 1` }).where('id', '=', doc.id).execute();
    expect(await expectFactsMatchLive('repaired')).toEqual(prior);
  });

  it('two transactions changing the same document’s reply and reply clock, with reads racing their commits, end consistent', async () => {
    const doc = await t.database.db
      .selectFrom('documents as d')
      .innerJoin('replies as r', 'r.document_id', 'd.id')
      .innerJoin('case_clocks as k', 'k.document_id', 'd.id')
      .select(['d.id', 'r.id as reply_id', 'k.id as clock_id'])
      .where('d.type', '=', 'procuratorial_opinion')
      .where('k.code', '=', 'opinion_reply')
      .where('r.replied_on', '<', '2026-08-01')
      .executeTakeFirstOrThrow();
    const release: (() => void)[] = [];
    const held: Promise<void>[] = [];
    const started: Promise<void>[] = [];
    /** A transaction that writes, then waits (uncommitted) until released. */
    const hold = (write: (trx: any) => Promise<unknown>) => {
      let began!: () => void;
      let failed!: (e: unknown) => void;
      started.push(new Promise<void>((resolve, reject) => ((began = resolve), (failed = reject))));
      const i = held.length;
      held.push(
        t.database.db
          .transaction()
          .execute(async (trx) => {
            await write(trx);
            const released = new Promise<void>((resolve) => (release[i] = resolve));
            began();
            await released;
          })
          .catch((e) => failed(e)),
      );
    };
    hold((trx) => trx.updateTable('replies').set({ replied_on: '2026-08-30' }).where('id', '=', doc.reply_id).execute());
    hold((trx) => trx.updateTable('case_clocks').set({ due_on: '2026-09-30' }).where('id', '=', doc.clock_id).execute());
    await Promise.all(started);
    // Both uncommitted: the figures are those of the committed state.
    const during = await figures(Y2026);
    for (const def of INDICATORS) expect(during[def.id], def.id).toEqual(await liveFigure(def, filterOf(Y2026)));
    // Commit one, then the other, each while two reads refresh.
    const reads = () => [figures(Y2026), funnel(Y2026), figures(Y2026)];
    release[0]();
    await Promise.all([held[0], ...reads()]);
    release[1]();
    await Promise.all([held[1], ...reads()]);
    await expectFactsMatchLive('after concurrent writers');
    expect((await facts(doc.id)).map((f) => [f.replied_on, f.due_on])).toEqual([['2026-08-30', '2026-09-30']]);
  });

  it('a rolled-back write leaves the figures and the facts as they were', async () => {
    const prior = await expectFactsMatchLive('before rollback');
    const doc = await documentOf({ type: 'procuratorial_opinion', state: 'served', recipient: police });
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('replies').where('document_id', '=', doc.id).execute();
        await trx.updateTable('cases').set({ kind: 'illegal_act', procurator_id: null }).where('id', '=', doc.case_id).execute();
        await trx.updateTable('case_clocks').set({ due_on: '2026-01-05' }).where('document_id', '=', doc.id).execute();
        // A refresh inside the writer's transaction (it sees the writer's own rows) is rolled back with it.
        await sql`SELECT refresh_indicator_facts()`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await expectFactsMatchLive('after rollback')).toEqual(prior);
    const queued = await sql<{ n: number }>`SELECT (SELECT count(*) FROM indicator_fact_queue) + (SELECT count(*) FROM indicator_clue_queue) + (SELECT count(*) FROM indicator_case_queue) AS n`.execute(t.database.db);
    expect(Number(queued.rows[0].n)).toBe(0);
  });

  it('the periodic job refreshes what the triggers queued, without a read', async () => {
    const doc = await documentOf({ type: 'procuratorial_opinion', state: 'served', recipient: police });
    const [before] = await facts(doc.id);
    await t.database.db.updateTable('documents').set({ received_on: sql`received_on + 1` }).where('id', '=', doc.id).execute();
    const queued = await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_fact_queue`.execute(t.database.db);
    expect(queued.rows[0].n).toBeGreaterThan(0);
    const errors: unknown[] = [];
    const job = scheduleIndicatorFactRefresh(t.database.db, { info: () => {}, error: (e) => errors.push(e) }, 60_000);
    await job.stop(); // waits for the run at start
    expect(errors).toEqual([]);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_fact_queue`.execute(t.database.db)).rows[0].n).toBe(0);
    const [after] = await facts(doc.id);
    expect(after.received_on).not.toBe(before.received_on);
    await t.database.db.updateTable('documents').set({ received_on: sql`received_on - 1` }).where('id', '=', doc.id).execute();
    await expectFactsMatchLive('after the job');
  });

  it('at start the job restores facts a trigger-less load left missing, and drops facts without a source row', async () => {
    const db = t.database.db;
    // As after a restore or a bulk load with triggers off: facts missing for some rows, and one for a row that is gone.
    await sql`DELETE FROM indicator_document_facts WHERE document_id IN (SELECT document_id FROM indicator_document_facts ORDER BY document_id LIMIT 5)`.execute(db);
    await sql`DELETE FROM indicator_clue_facts WHERE clue_id IN (SELECT clue_id FROM indicator_clue_facts ORDER BY clue_id LIMIT 5)`.execute(db);
    await sql`DELETE FROM indicator_review_facts WHERE clock_id IN (SELECT clock_id FROM indicator_review_facts ORDER BY clock_id LIMIT 2)`.execute(db);
    await sql`INSERT INTO indicator_clue_facts (clue_id, source, received_on) VALUES (gen_random_uuid(), 'manual', '2026-03-01')`.execute(db);
    const differing = async () => {
      const { rows } = await sql<{ n: number }>`SELECT (
          (SELECT count(*) FROM (SELECT * FROM indicator_document_facts EXCEPT ALL SELECT * FROM indicator_document_facts_source) a)
        + (SELECT count(*) FROM (SELECT * FROM indicator_document_facts_source EXCEPT ALL SELECT * FROM indicator_document_facts) b)
        + (SELECT count(*) FROM (SELECT * FROM indicator_clue_facts EXCEPT ALL SELECT * FROM indicator_clue_facts_source) c)
        + (SELECT count(*) FROM (SELECT * FROM indicator_clue_facts_source EXCEPT ALL SELECT * FROM indicator_clue_facts) d)
        + (SELECT count(*) FROM (SELECT * FROM indicator_review_facts EXCEPT ALL SELECT * FROM indicator_review_facts_source) e)
        + (SELECT count(*) FROM (SELECT * FROM indicator_review_facts_source EXCEPT ALL SELECT * FROM indicator_review_facts) f))::int AS n`.execute(db);
      return rows[0].n;
    };
    expect(await differing()).toBeGreaterThanOrEqual(13);
    // The periodic refresh alone does not see them: nothing was queued.
    await sql`SELECT refresh_indicator_facts()`.execute(db);
    expect(await differing()).toBeGreaterThanOrEqual(13);
    expect(await queueMissingIndicatorFacts(db)).toBeGreaterThanOrEqual(13);
    const errors: unknown[] = [];
    const job = scheduleIndicatorFactRefresh(db, { info: () => {}, error: (e) => errors.push(e) }, 60_000);
    await job.stop();
    expect(errors).toEqual([]);
    expect(await differing()).toBe(0);
    expect(await queueMissingIndicatorFacts(db)).toBe(0);
    await sql`SELECT refresh_indicator_facts()`.execute(db);
    await expectFactsMatchLive('after the start job');
  });
});
