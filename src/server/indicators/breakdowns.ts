/**
 * Breakdowns: an indicator's figure rows (`figureItems`: a document indicator's rule over the
 * maintained facts, else its item query) grouped by one dimension (agency, month of the period
 * date, the case's procurator, case kind). Each cell is aggregated exactly as the figure is, over
 * the same rows, so a cell equals its drill-down (the drill-down with the cell's key) and the
 * cells of a dimension add up to the figure — every item has one key, "none" included. The
 * labels (agency short name, procurator name) are looked up by key after grouping.
 */
import { sql, type RawBuilder } from 'kysely';
import { NO_KEY, type BreakdownDimension, type IndicatorDefinition } from '../../domain/indicators/index.js';
import type { Db } from '../db/index.js';
import { AGGREGATES, figureOf, refreshIndicatorFacts, type Aggregates, type Figure } from './figures.js';
import { dimensionKey, figureItems, readsFacts, type IndicatorFilter } from './items.js';

export interface BreakdownRow extends Figure {
  key: string;
  /** The agency's short name or the procurator's name; null for months, kinds and "none". */
  label: string | null;
}

/** The label of a cell, by its key (`g.key`; "none" finds nothing). */
const LABELS: Record<BreakdownDimension, RawBuilder<string | null>> = {
  agency: sql`(SELECT lo.short_name FROM organizations lo WHERE lo.id::text = g.key)`,
  procurator: sql`(SELECT lu.display_name FROM users lu WHERE lu.id::text = g.key)`,
  month: sql`NULL::text`,
  kind: sql`NULL::text`,
};

export async function computeBreakdown(db: Db, def: IndicatorDefinition, f: IndicatorFilter, dimension: BreakdownDimension): Promise<BreakdownRow[]> {
  if (readsFacts(def)) await refreshIndicatorFacts(db);
  const key = dimensionKey(dimension);
  const { rows } = await sql<Aggregates & { key: string; label: string | null }>`
    SELECT g.*, ${LABELS[dimension]} AS label
    FROM (SELECT ${key} AS key, ${AGGREGATES} FROM (${figureItems(def, f)}) t GROUP BY 1) g`.execute(db);
  // Months and kinds by key, agencies and procurators by key too (stable); "none" last.
  rows.sort((a, b) => Number(a.key === NO_KEY) - Number(b.key === NO_KEY) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.map((r) => ({ key: r.key, label: r.key === NO_KEY ? null : r.label, ...figureOf(def, r) }));
}
