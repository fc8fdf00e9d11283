import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { BREAKDOWN_DIMENSIONS, FUNNEL_STEP_IDS, INDICATORS, NO_KEY, type BreakdownDimension } from '../../src/domain/indicators/index.js';
import { sql } from 'kysely';
import { drillDown } from '../../src/server/indicators/figures.js';
import { funnelDrillDown, funnelItems } from '../../src/server/indicators/funnel.js';
import { indicatorItems, type IndicatorFilter } from '../../src/server/indicators/items.js';
import { liveBreakdown, liveFigure, liveFunnel, shape } from '../helpers/indicatorLive.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';
import { seededFloats } from '../helpers/seededRandom.js';

/**
 * Every figure against its own list, on a few hundred generated clues, cases, documents, replies
 * and model hits with random (seeded) dates, states, agencies and procurators written straight
 * into the database: each indicator, each breakdown cell of each dimension and each funnel step
 * equals the total of its drill-down; the cells of a dimension add up to the figure; and a few
 * figures are recomputed here from the generated rows, independently of the SQL.
 *
 * Figures, breakdowns, funnel counts and the drill-downs' totals and page places all come from the
 * maintained facts (migration 0018), so each of them is also compared with the aggregate of the
 * LIVE item query (`indicatorItems`, `funnelItems`): a trigger removed or the refresh broken
 * fails here. And every page of a few lists, walked with a small page size, gives exactly the
 * live query's rows in its order.
 */
const AS_OF = '2026-11-26';
const QUERIES = [`from=2026-01-01&to=2026-12-31&asOf=${AS_OF}`, `from=2026-03-01&to=2026-08-31&asOf=2026-07-15`];

const random = seededFloats(20260611);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const chance = (p: number) => random() < p;
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const dateIn = (from: string, days: number) => addDays(from, int(0, days));

let t: TestApp;
let head: Client;

/** What was generated, for the independent recounts. */
const generated = {
  clues: [] as { received: string; merged: boolean; agency: string | null }[],
  replyDue: [] as { due: string; replied: string | null }[],
  recoveries: [] as { on: string; amount: number }[],
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const procuratorate = await db.selectFrom('organizations').select('id').where('kind', '=', 'procuratorate').executeTakeFirstOrThrow();
  const agencies = (await db.selectFrom('organizations').select('id').where('kind', '=', 'agency').execute()).map((o) => o.id);
  const courts = (await db.selectFrom('organizations').select('id').where('kind', '=', 'court').execute()).map((o) => o.id);
  const procurators = (await db.selectFrom('users').select('id').where('username', 'in', ['procurator1', 'procurator2', 'head1']).execute()).map((u) => u.id);
  const model = await db.selectFrom('models').select(['id', 'current_version']).orderBy('id').executeTakeFirstOrThrow();

  const run = await db
    .insertInto('model_runs')
    .values({ model_id: model.id, model_version: model.current_version, as_of: '2026-06-01', parameters: '{}', status: 'succeeded', runner_process: 'generated', started_by_name: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hitIds: string[] = [];
  for (let i = 0; i < 120; i++) {
    const status = pick(['pending', 'confirmed', 'confirmed', 'dismissed'] as const);
    // Review times near midnight in China, so the review day is the China day, not the UTC one.
    const reviewedAt = status === 'pending' ? null : `${dateIn('2025-12-20', 380)}T${pick(['15:30', '16:10', '23:50', '02:00'])}:00Z`;
    const hit = await db
      .insertInto('hits')
      .values({ run_id: run.id, model_id: model.id, subject_key: `gen-${i}`, rules: ['r1'], evidence: '{}', change: 'new', review_status: status, reviewed_at: reviewedAt, reviewed_by_name: reviewedAt ? 'test' : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    hitIds.push(hit.id);
  }

  let serial = 0;
  for (let i = 0; i < 320; i++) {
    const received = dateIn('2025-11-15', 400);
    const source = pick(['model_hit', 'non_prosecution', 'manual', 'complaint', 'agency_transfer'] as const);
    const merged = chance(0.05);
    const filed = !merged && chance(0.65);
    const clueAgency = chance(0.8) ? pick(agencies) : null;
    const decided = addDays(received, -int(1, 8));
    const clue = await db
      .insertInto('clues')
      .values({
        procuratorate_id: procuratorate.id,
        number: `GEN-CLUE-${i}`,
        source,
        source_key: `gen-${i}`,
        status: merged ? 'merged' : filed ? 'filed' : pick(['received', 'evaluating', 'declined'] as const),
        title: `生成线索 ${i}`,
        agency_id: clueAgency,
        submitted_by_organization_id: procuratorate.id,
        hit_id: source === 'model_hit' && chance(0.7) ? pick(hitIds) : null,
        non_prosecution:
          source === 'non_prosecution'
            ? JSON.stringify({ decisionNo: `GEN-NP-${i}`, decidedOn: decided, kind: 'discretionary', charge: '盗窃罪', facts: '—', actDate: null, transferredOn: chance(0.8) ? addDays(decided, int(0, 7)) : null, criminalDepartmentView: null, procuratorate: null })
            : null,
        received_on: received,
        created_by_name: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    generated.clues.push({ received, merged, agency: clueAgency });
    if (!filed) continue;

    const kind = source === 'non_prosecution' ? 'reverse_connection' : pick(['reverse_connection', 'illegal_act', 'litigation'] as const);
    const registered = addDays(received, int(0, 20));
    const agency = chance(0.9) ? (clueAgency ?? pick(agencies)) : null;
    const c = await db
      .insertInto('cases')
      .values({
        procuratorate_id: procuratorate.id,
        number: `GEN-CASE-${i}`,
        kind,
        state: 'registered',
        clue_id: clue.id,
        title: `生成案件 ${i}`,
        subject_name: '某某',
        agency_id: agency,
        procurator_id: chance(0.85) ? pick(procurators) : null,
        registered_on: registered,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (agency) generated.clues[generated.clues.length - 1].agency = agency;
    await db.updateTable('clues').set({ case_id: c.id }).where('id', '=', clue.id).execute();
    if (kind === 'reverse_connection') {
      const due = addDays(registered, 14);
      await db
        .insertInto('case_clocks')
        .values({ case_id: c.id, code: 'reverse_connection_review', events: '[]', due_on: due, stopped_on: chance(0.7) ? addDays(registered, int(3, 25)) : null })
        .execute();
    }
    // 0–2 opinions or suggestions, most served on the case's agency (or another one); a
    // litigation case's retrial suggestions and protests go to a court.
    for (let n = int(0, 2); n > 0; n--) {
      const type = kind === 'reverse_connection' ? 'procuratorial_opinion' : kind === 'illegal_act' ? 'procuratorial_suggestion' : pick(['retrial_suggestion', 'protest'] as const);
      const courtOutcome = kind === 'litigation' ? pick(['changed', 'remanded', 'mediated', 'maintained', 'retrial_refused', 'maintained'] as const) : null;
      const state = pick(['served', 'served', 'served', 'withdrawn', 'draft', 'approved'] as const);
      const served = state === 'served' || state === 'withdrawn' ? addDays(registered, int(5, 40)) : null;
      const receivedOn = served ? addDays(served, int(0, 3)) : null;
      const doc = await db
        .insertInto('documents')
        .values({
          case_id: c.id,
          type,
          state,
          recipient_id: kind === 'litigation' ? pick(courts) : (agency ?? pick(agencies)),
          content: '{}',
          number: served ? `GEN-DOC-${++serial}` : null,
          drafted_by_name: 'test',
          served_on: served,
          received_on: receivedOn,
        })
        .returning(['id', 'recipient_id'])
        .executeTakeFirstOrThrow();
      if (!receivedOn) continue;
      const due = addDays(receivedOn, 60);
      const replied = chance(0.7) ? addDays(receivedOn, int(10, 90)) : null;
      await db
        .insertInto('case_clocks')
        .values({ case_id: c.id, document_id: doc.id, code: type === 'procuratorial_opinion' ? 'opinion_reply' : type === 'procuratorial_suggestion' ? 'suggestion_reply' : 'court_response', events: '[]', due_on: due, stopped_on: replied })
        .execute();
      generated.replyDue.push({ due, replied });
      if (!replied) continue;
      const evaluated = chance(0.7) ? addDays(replied, int(1, 20)) : null;
      const penalty = type === 'procuratorial_opinion' && chance(0.6);
      const recovered = chance(0.3) ? int(100, 500_000) + int(0, 99) / 100 : null;
      const recoveredOn = recovered !== null ? addDays(replied, -int(0, 10)) : null;
      const units = chance(0.2) ? int(1, 3) : null;
      await db
        .insertInto('replies')
        .values({
          document_id: doc.id,
          case_id: c.id,
          organization_id: doc.recipient_id!,
          result: courtOutcome ? (['changed', 'remanded', 'mediated'].includes(courtOutcome) ? 'adopted' : 'not_adopted') : pick(['adopted', 'partially_adopted', 'not_adopted'] as const),
          court_outcome: courtOutcome,
          summary: '生成的回复',
          penalty_decision_no: penalty ? `GEN-PEN-${i}-${n}` : null,
          penalty_type: penalty && chance(0.5) ? '罚款' : null,
          replied_on: replied,
          submitted_by_name: 'test',
          evaluation: evaluated ? pick(['adopted', 'adopted', 'partially_adopted', 'not_adopted'] as const) : null,
          evaluated_on: evaluated,
          recovered_amount: recovered,
          recovered_on: recoveredOn,
          units_reclaimed: units,
          area_reclaimed: units ? units * int(30, 90) + 0.5 : null,
          reclaimed_on: units ? addDays(replied, -int(0, 10)) : null,
        })
        .execute();
      if (recovered !== null) generated.recoveries.push({ on: recoveredOn!, amount: recovered });
    }
  }
  head = await t.loginAs('head1');
}, 120_000);
afterAll(() => t.close());

function ok(res: { status: number; body: unknown }) {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as any;
}

/** The total of a drill-down list (one line fetched: the count comes from the same item query). */
async function total(url: string): Promise<number> {
  return ok(await head.get(`${url}&page=1&pageSize=1`)).total;
}

/** Every line of a list, for sums of amounts. */
async function lines(url: string): Promise<any[]> {
  const all: any[] = [];
  for (let page = 1; ; page++) {
    const body = ok(await head.get(`${url}&page=${page}&pageSize=100`));
    all.push(...body.items);
    if (all.length >= body.total) return all;
  }
}

const cents = (n: number) => Math.round(n * 100);
const isSum = (unit: string) => unit === 'money' || unit === 'count';
/** The filter the API builds for the head from a query of QUERIES. */
function filterOf(query: string): IndicatorFilter {
  const q = new URLSearchParams(query);
  return { from: q.get('from')!, to: q.get('to')!, asOf: q.get('asOf')!, agencyId: null, kind: null, cell: {}, agenciesOnly: false };
}

const CELL_PARAM: Record<BreakdownDimension, string> = { agency: 'agencyId', month: 'month', procurator: 'procuratorId', kind: 'caseKind' };

/** A figure (overall or of a cell) against its drill-down: denominator, numerator, remainder, sums. */
async function expectFigureMatchesList(id: string, unit: string, figure: any, query: string, label: string) {
  const base = `/api/indicators/${id}/items?${query}`;
  const denominator = await total(`${base}&part=denominator`);
  expect(denominator, `${label} denominator`).toBe(figure.denominator);
  if (isSum(unit)) {
    const items = await lines(`${base}&part=numerator`);
    expect(cents(items.reduce((s, i) => s + i.amount, 0)), `${label} sum`).toBe(cents(figure.numerator));
    if (id === 'units_reclaimed') expect(cents(items.reduce((s, i) => s + i.area, 0)), `${label} area`).toBe(cents(figure.area));
    return;
  }
  if (unit === 'days') {
    const items = await lines(`${base}&part=numerator`);
    expect(items.reduce((s, i) => s + i.days, 0), `${label} days`).toBe(figure.numerator);
    return;
  }
  expect(await total(`${base}&part=numerator`), `${label} numerator`).toBe(figure.numerator);
  expect(await total(`${base}&part=remainder`), `${label} remainder`).toBe(figure.denominator - figure.numerator);
}

describe('every figure equals its list, on generated data', () => {
  it('generated enough of everything to mean something', async () => {
    const f = ok(await head.get(`/api/indicators?${QUERIES[0]}`));
    const byId = new Map<string, any>(f.items.map((x: any) => [x.definition.id, x]));
    expect(f.items.map((x: any) => x.definition.id)).toEqual(INDICATORS.map((d) => d.id));
    for (const def of INDICATORS) expect(byId.get(def.id).denominator, def.id).toBeGreaterThan(3);
    // Not trivially full or empty.
    for (const id of ['reply_rate', 'on_time_reply_rate', 'adoption_rate', 'penalty_rate_per_opinion', 'hit_confirmation', 'model_clue_to_case', 'transfer_compliance', 'change_rate']) {
      expect(byId.get(id).numerator, id).toBeGreaterThan(0);
      expect(byId.get(id).numerator, id).toBeLessThan(byId.get(id).denominator);
    }
  });

  it('agrees with a recount of the generated rows for reply rate, money recovered and the funnel’s first step', async () => {
    const [year] = QUERIES;
    const f = ok(await head.get(`/api/indicators?${year}`));
    const byId = new Map<string, any>(f.items.map((x: any) => [x.definition.id, x]));
    const due = generated.replyDue.filter((d) => d.due >= '2026-01-01' && d.due <= '2026-12-31' && d.due < AS_OF);
    expect(byId.get('reply_rate').denominator).toBe(due.length);
    expect(byId.get('reply_rate').numerator).toBe(due.filter((d) => d.replied !== null && d.replied <= AS_OF).length);
    expect(byId.get('on_time_reply_rate').numerator).toBe(due.filter((d) => d.replied !== null && d.replied <= d.due).length);
    const recovered = generated.recoveries.filter((r) => r.on >= '2026-01-01' && r.on <= '2026-12-31');
    expect(byId.get('money_recovered').denominator).toBe(recovered.length);
    expect(cents(byId.get('money_recovered').numerator)).toBe(recovered.reduce((s, r) => s + cents(r.amount), 0));
    const funnel = ok(await head.get(`/api/indicators/funnel?${year}`));
    expect(funnel.steps[0].count).toBe(generated.clues.filter((c) => !c.merged && c.received >= '2026-01-01' && c.received <= '2026-12-31').length);
  });

  for (const query of QUERIES) {
    it(`for every indicator, breakdown cell and funnel step (${query})`, async () => {
      const f = ok(await head.get(`/api/indicators?${query}`));
      const db = t.database.db;
      let cells = 0;
      for (const figure of f.items) {
        const { id, unit } = figure.definition;
        const def = INDICATORS.find((d) => d.id === id)!;
        // The facts against the live item query: the figure, then every cell of every dimension.
        expect(shape(figure), `${id}: facts = live`).toEqual(await liveFigure(db, def, filterOf(query)));
        await expectFigureMatchesList(id, unit, figure, query, id);
        for (const dimension of BREAKDOWN_DIMENSIONS) {
          const breakdown = ok(await head.get(`/api/indicators/${id}/breakdown?${query}&dimension=${dimension}`));
          const rows: any[] = breakdown.items;
          const shown = Object.fromEntries(rows.map((r) => [r.key, { ...shape(r), label: r.label }]));
          expect(shown, `${id} by ${dimension}: facts = live`).toEqual(await liveBreakdown(db, def, filterOf(query), dimension));
          // The cells partition the items: they add up to the figure.
          expect(rows.reduce((s, r) => s + r.denominator, 0), `${id} by ${dimension}: denominators`).toBe(figure.denominator);
          expect(cents(rows.reduce((s, r) => s + r.numerator, 0)), `${id} by ${dimension}: numerators`).toBe(cents(figure.numerator));
          expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
          for (const row of rows) {
            await expectFigureMatchesList(id, unit, row, `${query}&${CELL_PARAM[dimension]}=${encodeURIComponent(row.key)}`, `${id} ${dimension}=${row.key}`);
            cells++;
          }
        }
      }
      expect(cells).toBeGreaterThan(200);

      const funnel = ok(await head.get(`/api/indicators/funnel?${query}`));
      expect(funnel.steps.map((s: any) => s.id)).toEqual([...FUNNEL_STEP_IDS]);
      expect(funnel.steps.map((s: any) => s.count), 'funnel: facts = live').toEqual(await liveFunnel(db, filterOf(query)));
      for (let i = 0; i < funnel.steps.length; i++) {
        const step = funnel.steps[i];
        expect(await total(`/api/indicators/funnel/items?${query}&step=${step.id}`), step.id).toBe(step.count);
        if (i > 0) expect(step.count, step.id).toBeLessThanOrEqual(funnel.steps[i - 1].count);
      }
      expect(funnel.steps.at(-1).count).toBeGreaterThan(0);
    }, 300_000);
  }

  it('pages a list exactly as the live item query orders it, page after page', async () => {
    const db = t.database.db;
    const ids = (rows: { item_id: string }[]) => rows.map((r) => r.item_id);
    for (const query of QUERIES) {
      const f = filterOf(query);
      for (const id of ['reply_rate', 'adoption_at_due_date', 'transfer_compliance', 'average_review_days', 'model_clue_to_case', 'money_recovered']) {
        const def = INDICATORS.find((d) => d.id === id)!;
        for (const [part, only] of [['numerator', sql`t.in_numerator`], ['remainder', sql`t.in_numerator IS NOT TRUE`]] as const) {
          const { rows: expected } = await sql<{ item_id: string }>`
            SELECT t.* FROM (${indicatorItems(def, f)}) t WHERE ${only} ORDER BY t.period_date, t.item_label NULLS LAST, t.item_id`.execute(db);
          const walked: any[] = [];
          for (let page = 1; page <= Math.ceil(expected.length / 7) + 1; page++) {
            const { total, rows } = await drillDown(db, def, f, part, page, 7);
            expect(total, `${id} ${part} total`).toBe(expected.length);
            walked.push(...rows);
          }
          expect(ids(walked), `${id} ${part} ${query}`).toEqual(ids(expected));
          // The same lines as the live query, column for column.
          expect(walked).toEqual(expected);
        }
      }
      for (const step of FUNNEL_STEP_IDS) {
        const { rows: expected } = await sql<{ item_id: string }>`
          SELECT t.* FROM (${funnelItems(f)}) t WHERE t.${sql.ref(step)} ORDER BY t.period_date, t.item_label, t.item_id`.execute(db);
        const walked: any[] = [];
        for (let page = 1; page <= Math.ceil(expected.length / 9) + 1; page++) walked.push(...(await funnelDrillDown(db, f, step, page, 9)).rows);
        expect(walked, `funnel ${step} ${query}`).toEqual(expected);
      }
    }
  }, 120_000);

  it('gives a month cell exactly the items whose period date is in that month, and the "none" cells their items', async () => {
    const [year] = QUERIES;
    const rows = ok(await head.get(`/api/indicators/reply_rate/breakdown?${year}&dimension=month`)).items;
    const march = rows.find((r: any) => r.key === '2026-03');
    const items = await lines(`/api/indicators/reply_rate/items?${year}&part=denominator&month=2026-03`);
    expect(items.length).toBe(march.denominator);
    expect(items.every((i: any) => i.periodDate.startsWith('2026-03') && i.dueOn.startsWith('2026-03'))).toBe(true);
    const byProcurator = ok(await head.get(`/api/indicators/reply_rate/breakdown?${year}&dimension=procurator`)).items;
    const none = byProcurator.find((r: any) => r.key === NO_KEY);
    expect(none.label).toBeNull();
    const unassigned = await lines(`/api/indicators/reply_rate/items?${year}&part=denominator&procuratorId=none`);
    expect(unassigned.length).toBe(none.denominator);
    expect(unassigned.every((i: any) => i.procurator === null)).toBe(true);
    const named = byProcurator.find((r: any) => r.key !== NO_KEY);
    expect(named.label).toMatch(/[\u4e00-\u9fff]/);
  });
});
