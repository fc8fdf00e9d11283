/**
 * Figures and drill-downs, both over `indicatorItems`: the figure counts the item query, the
 * drill-down pages through it — one WHERE for both.
 */
import { sql } from 'kysely';
import type { CaseKind } from '../../domain/cases/index.js';
import { indicatorValue, workingDaysOfYears, type IndicatorDefinition } from '../../domain/indicators/index.js';
import { currentCalendar } from '../commands/holidaySchedules.js';
import type { Db } from '../db/index.js';
import { indicatorItems, type IndicatorFilter, type IndicatorItemRow } from './items.js';

export interface Figure {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function indicatorFilter(input: { from: string; to: string; asOf: string; agencyId: string | null; kind: CaseKind | null }): IndicatorFilter {
  // A transfer deadline lies at most a few weeks after a decision of the period.
  const workingDays = workingDaysOfYears(currentCalendar(), Number(input.from.slice(0, 4)), Number(input.to.slice(0, 4)) + 1);
  return { ...input, workingDays };
}

export async function computeFigure(db: Db, def: IndicatorDefinition, f: IndicatorFilter): Promise<Figure> {
  const { rows } = await sql<{ denominator: number; counted: number; days: number }>`
    SELECT count(*)::int AS denominator,
           count(*) FILTER (WHERE t.in_numerator)::int AS counted,
           coalesce(sum(t.days) FILTER (WHERE t.in_numerator), 0)::int AS days
    FROM (${indicatorItems(def, f)}) t`.execute(db);
  const { denominator, counted, days } = rows[0];
  const numerator = def.unit === 'days' ? days : counted;
  return { numerator, denominator, value: indicatorValue(numerator, denominator) };
}

export type Part = 'numerator' | 'denominator';

/** A page of the items behind the numerator or the denominator, oldest period date first. */
export async function drillDown(db: Db, def: IndicatorDefinition, f: IndicatorFilter, part: Part, page: number, pageSize: number) {
  const items = indicatorItems(def, f);
  const only = part === 'numerator' ? sql`t.in_numerator` : sql`true`;
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM (${items}) t WHERE ${only}`.execute(db),
    sql<IndicatorItemRow>`
      SELECT t.* FROM (${items}) t WHERE ${only}
      ORDER BY t.period_date, t.item_label NULLS LAST, t.item_id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
  ]);
  return { total: count.rows[0].total, rows: rows.rows };
}
