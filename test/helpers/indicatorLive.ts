import { sql, type Kysely } from 'kysely';
import { FUNNEL_STEP_IDS, NO_KEY, type BreakdownDimension, type IndicatorDefinition } from '../../src/domain/indicators/index.js';
import { AGGREGATES, figureOf, type Aggregates } from '../../src/server/indicators/figures.js';
import { funnelItems } from '../../src/server/indicators/funnel.js';
import { dimensionKey, indicatorItems, type IndicatorFilter } from '../../src/server/indicators/items.js';

/**
 * The LIVE reference for the indicator facts (migration 0018): figures, breakdowns, the funnel and
 * the drill-down totals are all read from the maintained facts, so a test compares them with these
 * aggregates of the live item queries (`indicatorItems`, `funnelItems`) — a trigger missing or a
 * refresh broken makes the two differ.
 */

/** Numerators (sums of money and area too) compared in hundredths. */
export const cents = (n: number) => Math.round(n * 100);
export const shape = (x: { numerator: number; denominator: number; area?: number | null }) => ({
  numerator: cents(x.numerator),
  denominator: x.denominator,
  area: x.area ? cents(x.area) : null,
});

type AnyDb = Kysely<any>;

/** The live figure: the aggregate of the drill-down's own item query. */
export async function liveFigure(db: AnyDb, def: IndicatorDefinition, f: IndicatorFilter) {
  const { rows } = await sql<Aggregates>`SELECT ${AGGREGATES} FROM (${indicatorItems(def, f)}) t`.execute(db);
  return shape(figureOf(def, rows[0]));
}

/** The live breakdown: the item query grouped by the dimension, labels as the names on the items. */
export async function liveBreakdown(db: AnyDb, def: IndicatorDefinition, f: IndicatorFilter, dimension: BreakdownDimension) {
  const label = dimension === 'agency' ? sql`max(t.agency_name)` : dimension === 'procurator' ? sql`max(t.procurator_name)` : sql`NULL::text`;
  const { rows } = await sql<Aggregates & { key: string; label: string | null }>`
    SELECT ${dimensionKey(dimension)} AS key, ${label} AS label, ${AGGREGATES} FROM (${indicatorItems(def, f)}) t GROUP BY 1`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.key, { ...shape(figureOf(def, r)), label: r.key === NO_KEY ? null : r.label }]));
}

/** The live count at each funnel step, in step order. */
export async function liveFunnel(db: AnyDb, f: Pick<IndicatorFilter, 'from' | 'to' | 'asOf' | 'agencyId'>) {
  const counts = FUNNEL_STEP_IDS.map((step) => sql`count(*) FILTER (WHERE t.${sql.ref(step)})::int AS ${sql.ref(step)}`);
  const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(counts)} FROM (${funnelItems(f)}) t`.execute(db);
  return FUNNEL_STEP_IDS.map((step) => rows[0][step]);
}
