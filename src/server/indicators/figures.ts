/**
 * Figures and drill-downs: the figure aggregates `figureItems` (an indicator's rule over the
 * maintained facts, refreshed first; hit confirmation's live item query). The drill-down counts
 * its items and places its page from the same facts, and takes the page's lines from the live
 * `indicatorItems` narrowed to the page's period dates (`pageByPeriod`) — the same rule, the
 * same WHERE.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CaseKind } from '../../domain/cases/index.js';
import { figureValue, type IndicatorDefinition } from '../../domain/indicators/index.js';
import type { Db } from '../db/index.js';
import { figureItems, indicatorItems, readsFacts, type IndicatorCell, type IndicatorFilter, type IndicatorItemRow } from './items.js';

export interface Figure {
  /** A count; for `days` the sum of days; for `money` the sum in yuan; for `count` the sum of units. */
  numerator: number;
  /** The items counted (for a sum: the items that carried an amount). */
  denominator: number;
  value: number | null;
  /** Housing units reclaimed: the floor area summed, m². */
  area?: number;
}

export function indicatorFilter(input: { from: string; to: string; asOf: string; agencyId: string | null; kind: CaseKind | null; cell?: IndicatorCell }): IndicatorFilter {
  return { ...input };
}

/**
 * The aggregate of an item query (alias `t`): how many rows, how many in the numerator, and the
 * sums of days, amounts and areas of the numerator's rows. Shared by figures and breakdowns.
 */
export const AGGREGATES = sql`
  count(*)::int AS denominator,
  count(*) FILTER (WHERE t.in_numerator)::int AS counted,
  coalesce(sum(t.days) FILTER (WHERE t.in_numerator), 0)::int AS days,
  coalesce(sum(t.amount) FILTER (WHERE t.in_numerator), 0)::float8 AS amount,
  coalesce(sum(t.area) FILTER (WHERE t.in_numerator), 0)::float8 AS area`;

export interface Aggregates {
  denominator: number;
  counted: number;
  days: number;
  amount: number;
  area: number;
}

/** Numerator, denominator and value of the aggregates, as the unit says. */
export function figureOf(def: IndicatorDefinition, a: Aggregates): Figure {
  const numerator = def.unit === 'days' ? a.days : def.unit === 'money' ? Math.round(a.amount * 100) / 100 : def.unit === 'count' ? a.amount : a.counted;
  const figure: Figure = { numerator, denominator: a.denominator, value: figureValue(def.unit, numerator, a.denominator) };
  if (def.id === 'units_reclaimed') figure.area = Math.round(a.area * 100) / 100;
  return figure;
}

/**
 * Brings `indicator_document_facts` up to date (migration 0018): the documents the triggers
 * queued since the last refresh get their facts recomputed from the live source, in one
 * transaction, after the writes committed. Refreshes are serialised (an advisory lock), so a
 * reader arriving during another's refresh waits for it and then reads its facts. Usually a
 * handful of documents, milliseconds. Returns a measure of the work done (0: nothing queued
 * but documents without facts).
 */
export async function refreshIndicatorFacts(db: Db): Promise<number> {
  const { rows } = await sql<{ refreshed: number }>`SELECT refresh_indicator_facts() AS refreshed`.execute(db);
  return rows[0].refreshed;
}

/** One figure (the facts refreshed first when it reads them). */
export async function computeFigure(db: Db, def: IndicatorDefinition, f: IndicatorFilter, refreshed = false): Promise<Figure> {
  if (!refreshed && readsFacts(def)) await refreshIndicatorFacts(db);
  const { rows } = await sql<Aggregates>`SELECT ${AGGREGATES} FROM (${figureItems(def, f)}) t`.execute(db);
  return figureOf(def, rows[0]);
}

/**
 * Several figures at once, `concurrency` queries at a time (each may use parallel workers too):
 * the dashboard's figures are independent reads. Keep it well below the pool size (20) so other
 * requests still get a connection. In the order of `defs`.
 */
export async function computeFigures(db: Db, defs: IndicatorDefinition[], f: IndicatorFilter, concurrency = 3): Promise<Figure[]> {
  const figures: Figure[] = new Array(defs.length);
  if (defs.some(readsFacts)) await refreshIndicatorFacts(db);
  let next = 0;
  const worker = async () => {
    while (next < defs.length) {
      const i = next++;
      figures[i] = await computeFigure(db, defs[i], f, true);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, defs.length) }, worker));
  return figures;
}

/** numerator: the rows counted; denominator: all; remainder: the denominator's rows not counted (e.g. overdue items). */
export type Part = 'numerator' | 'denominator' | 'remainder';

/** How many items of a drill-down fall on each period date, oldest first (from the facts). */
export interface PeriodCount {
  day: string;
  n: number;
}

/**
 * A page of a drill-down whose order starts with the period date: the total and the page's place
 * are found from per-day counts over the maintained facts (an index range scan, like a figure),
 * and the page's rows are the LIVE item query narrowed to the few period dates the page spans
 * (`rowsOn(from, to, skip)`: ordered by the list's own rule, `skip` rows of the first day
 * skipped) — so every line shows exactly what the live query shows, at the cost of a few days of
 * it instead of the whole period. The facts must have been refreshed in this request; the
 * generated-data test compares every facts total with the live query's (the facts never drift).
 */
export async function pageByPeriod<T>(
  db: Db,
  counts: RawBuilder<PeriodCount>,
  page: number,
  pageSize: number,
  rowsOn: (from: string, to: string, skip: number) => Promise<T[]>,
): Promise<{ total: number; rows: T[] }> {
  const { rows: days } = await counts.execute(db);
  const total = days.reduce((sum, d) => sum + d.n, 0);
  const offset = (page - 1) * pageSize;
  if (offset >= total) return { total, rows: [] };
  let first = 0;
  let before = 0;
  while (before + days[first].n <= offset) before += days[first++].n;
  let last = first;
  let through = before + days[first].n;
  while (through < offset + pageSize && last + 1 < days.length) through += days[++last].n;
  return { total, rows: await rowsOn(days[first].day, days[last].day, offset - before) };
}

/** The per-day counts of a query with a `period_date` column (alias `t`), restricted by `only`. */
export const periodCounts = (rows: RawBuilder<unknown>, only: RawBuilder<unknown>) => sql<PeriodCount>`
  SELECT to_char(t.period_date, 'YYYY-MM-DD') AS day, count(*)::int AS n
  FROM (${rows}) t WHERE ${only}
  GROUP BY t.period_date ORDER BY t.period_date`;

/**
 * A page of the items behind the numerator or the denominator, oldest period date first. An
 * indicator with facts: counted from the facts, the page's rows from the live item query
 * (`pageByPeriod`); hit confirmation (no facts): both from its live item query.
 */
export async function drillDown(db: Db, def: IndicatorDefinition, f: IndicatorFilter, part: Part, page: number, pageSize: number) {
  const only = part === 'numerator' ? sql`t.in_numerator` : part === 'remainder' ? sql`t.in_numerator IS NOT TRUE` : sql`true`;
  const pageOf = (items: RawBuilder<IndicatorItemRow>, skip: number) => sql<IndicatorItemRow>`
      SELECT t.* FROM (${items}) t WHERE ${only}
      ORDER BY t.period_date, t.item_label NULLS LAST, t.item_id
      LIMIT ${pageSize} OFFSET ${skip}`;
  if (readsFacts(def)) {
    await refreshIndicatorFacts(db);
    return pageByPeriod(db, periodCounts(figureItems(def, f), only), page, pageSize, async (from, to, skip) => {
      const { rows } = await pageOf(indicatorItems(def, { ...f, from, to }), skip).execute(db);
      return rows;
    });
  }
  const items = indicatorItems(def, f);
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM (${items}) t WHERE ${only}`.execute(db),
    pageOf(items, (page - 1) * pageSize).execute(db),
  ]);
  return { total: count.rows[0].total, rows: rows.rows };
}
