/**
 * Breakdowns: an indicator's item query grouped by one dimension (agency, month of the period
 * date, the case's procurator, case kind). Each cell is aggregated exactly as the figure is, over
 * the same rows, so a cell equals its drill-down (the drill-down with the cell's key) and the
 * cells of a dimension add up to the figure — every item has one key, "none" included.
 */
import { sql } from 'kysely';
import { NO_KEY, type BreakdownDimension, type IndicatorDefinition } from '../../domain/indicators/index.js';
import type { Db } from '../db/index.js';
import { AGGREGATES, figureOf, type Aggregates, type Figure } from './figures.js';
import { dimensionKey, indicatorItems, type IndicatorFilter } from './items.js';

export interface BreakdownRow extends Figure {
  key: string;
  /** The agency's short name or the procurator's name; null for months, kinds and "none". */
  label: string | null;
}

const LABELS: Record<BreakdownDimension, string | null> = {
  agency: 't.agency_name',
  procurator: 't.procurator_name',
  month: null,
  kind: null,
};

export async function computeBreakdown(db: Db, def: IndicatorDefinition, f: IndicatorFilter, dimension: BreakdownDimension): Promise<BreakdownRow[]> {
  const key = dimensionKey(dimension);
  const column = LABELS[dimension];
  const label = column ? sql`max(${sql.ref(column)})` : sql`NULL::text`;
  const { rows } = await sql<Aggregates & { key: string; label: string | null }>`
    SELECT ${key} AS key, ${label} AS label, ${AGGREGATES}
    FROM (${indicatorItems(def, f)}) t
    GROUP BY 1`.execute(db);
  // Months and kinds by key, agencies and procurators by key too (stable); "none" last.
  rows.sort((a, b) => Number(a.key === NO_KEY) - Number(b.key === NO_KEY) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.map((r) => ({ key: r.key, label: r.key === NO_KEY ? null : r.label, ...figureOf(def, r) }));
}
