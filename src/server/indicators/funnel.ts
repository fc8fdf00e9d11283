/**
 * The funnel from clues to corrections (src/domain/indicators/funnel.ts): ONE query of the
 * cohort's clues, each with a flag per step; a step's count is the count of its flag and its
 * drill-down the clues with the flag, so the two agree. Each flag implies the one before.
 *
 * A filed case's flags (served, replied, corrected) come from its served opinions and
 * suggestions and their replies: for the counts from the maintained facts
 * (`indicator_document_facts`, refreshed first), for the drill-down from the live documents and
 * replies — the same rule over either (`caseFlags`). The drill-down's total and its page's place
 * come from the facts too; the page's lines from the live query over the page's few received
 * dates.
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNNEL_STEP_IDS, type FunnelStepId } from '../../domain/indicators/index.js';
import type { Db } from '../db/index.js';
import { pageByPeriod, periodCounts, refreshIndicatorFacts } from './figures.js';
import type { IndicatorFilter, IndicatorItemRow } from './items.js';

export type FunnelRow = IndicatorItemRow & Record<FunnelStepId, boolean>;

const ITEM_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'];
const SERVED = ['served', 'withdrawn'];

/**
 * A case's flags, as a LATERAL subquery over case `c` (no row when nothing was served by the
 * as-of date): its served opinions and suggestions, each with each of its replies (or none).
 * `indicator_clue_facts` (migration 0018) keeps, per clue, the first day each flag holds — the
 * least service date; the least of max(service, reply); the least of that (penalty reported) or
 * of max(service, reply, evaluation) (evaluated "adopted") — so "flag by the as-of date" is
 * "first day ≤ as-of date" (`FACT_FLAGS`).
 */
function caseFlags(asOf: RawBuilder<unknown>) {
  return sql`
    SELECT true AS any_served,
           bool_or(r.id IS NOT NULL AND r.replied_on <= ${asOf}) AS any_replied,
           bool_or(r.id IS NOT NULL AND r.replied_on <= ${asOf}
             AND ((nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL)
                  OR (r.evaluation = 'adopted' AND r.evaluated_on <= ${asOf}))) AS any_corrected
    FROM documents d LEFT JOIN replies r ON r.document_id = d.id
    WHERE d.case_id = c.id AND d.type IN (${sql.join(ITEM_TYPES)}) AND d.state IN (${sql.join(SERVED)}) AND d.served_on <= ${asOf}
    HAVING count(*) > 0`;
}

/** The same flags from a clue's facts (`x`): filed, and each first day on or before the as-of date. */
const FACT_FLAGS = (asOf: RawBuilder<unknown>) => sql`
    true AS clues_received,
    coalesce(x.registered_on <= ${asOf}, false) AS cases_filed,
    coalesce(x.served_first <= ${asOf}, false) AS any_served,
    coalesce(x.replied_first <= ${asOf}, false) AS any_replied,
    coalesce(x.corrected_first <= ${asOf}, false) AS any_corrected`;

type FunnelFilter = Pick<IndicatorFilter, 'from' | 'to' | 'asOf' | 'agencyId'>;

/** The cohort: clues received in the period, not merged, of the agency (the case's, else the clue's). */
const cohort = (f: FunnelFilter) =>
  sql`cl.status <> 'merged' AND cl.received_on BETWEEN ${f.from}::date AND ${f.to}::date
        AND ${f.agencyId ? sql`coalesce(c.agency_id, cl.agency_id) = ${f.agencyId}` : sql`true`}`;
/** The same over the clue facts (which hold the clues not merged, with that agency). */
const factCohort = (f: FunnelFilter) =>
  sql`x.received_on BETWEEN ${f.from}::date AND ${f.to}::date AND ${f.agencyId ? sql`x.agency_id = ${f.agencyId}` : sql`true`}`;
const stepFlags = sql`
           x.cases_filed AND x.any_served AS documents_served,
           x.cases_filed AND x.any_served AND x.any_replied AS replied,
           x.cases_filed AND x.any_served AND x.any_replied AND x.any_corrected AS corrected`;
const filed = (asOf: RawBuilder<unknown>) => sql`(c.id IS NOT NULL AND c.registered_on <= ${asOf})`;
const flagColumns = sql`
             coalesce(s.any_served, false) AS any_served,
             coalesce(s.any_replied, false) AS any_replied,
             coalesce(s.any_corrected, false) AS any_corrected`;

/** The drill-down's rows, live (the generated-data test compares its counts with the facts'). */
export function funnelItems(f: FunnelFilter): RawBuilder<FunnelRow> {
  const asOf = sql`${f.asOf}::date`;
  return sql<FunnelRow>`
    SELECT x.*, ${stepFlags}
    FROM (
      SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
             c.id AS case_id, c.number AS case_number, coalesce(c.title, cl.title) AS title,
             o.id AS agency_id, o.short_name AS agency_name, c.kind,
             cl.received_on AS period_date, NULL::date AS due_on, c.registered_on AS done_on, cl.status AS outcome,
             true AS in_numerator, NULL::int AS days,
             c.procurator_id, u.display_name AS procurator_name, to_char(cl.received_on, 'YYYY-MM') AS period_month,
             true AS clues_received,
             ${filed(asOf)} AS cases_filed,
             ${flagColumns}
      FROM clues cl
      LEFT JOIN cases c ON c.id = cl.case_id
      LEFT JOIN organizations o ON o.id = coalesce(c.agency_id, cl.agency_id)
      LEFT JOIN users u ON u.id = c.procurator_id
      LEFT JOIN LATERAL (${caseFlags(asOf)}) s ON true
      WHERE ${cohort(f)}
    ) x`;
}

/** The cohort's clues from the clue facts, each with its received date and a flag per step. */
function funnelFacts(f: FunnelFilter) {
  const asOf = sql`${f.asOf}::date`;
  return sql`
      SELECT x.*, ${stepFlags}
      FROM (SELECT x.received_on AS period_date, ${FACT_FLAGS(asOf)} FROM indicator_clue_facts x WHERE ${factCohort(f)}) x`;
}

/** The count at each step: the same cohort and flags, from the clue facts (refreshed first). */
export async function computeFunnel(db: Db, f: IndicatorFilter): Promise<{ step: FunnelStepId; count: number }[]> {
  await refreshIndicatorFacts(db);
  const counts = FUNNEL_STEP_IDS.map((step) => sql`count(*) FILTER (WHERE t.${sql.ref(step)})::int AS ${sql.ref(step)}`);
  const { rows } = await sql<Record<FunnelStepId, number>>`SELECT ${sql.join(counts)} FROM (${funnelFacts(f)}) t`.execute(db);
  return FUNNEL_STEP_IDS.map((step) => ({ step, count: rows[0][step] }));
}

/**
 * The clues at one step, a page at a time, oldest received first: counted and placed from the clue
 * facts (refreshed first), the page's lines from the live `funnelItems` over the few received
 * dates the page spans (figures.ts `pageByPeriod`).
 */
export async function funnelDrillDown(db: Db, f: IndicatorFilter, step: FunnelStepId, page: number, pageSize: number) {
  await refreshIndicatorFacts(db);
  const only = sql`t.${sql.ref(step)}`;
  return pageByPeriod(db, periodCounts(funnelFacts(f), only), page, pageSize, async (from, to, skip) => {
    const { rows } = await sql<FunnelRow>`
      SELECT t.* FROM (${funnelItems({ ...f, from, to })}) t WHERE ${only}
      ORDER BY t.period_date, t.item_label, t.item_id
      LIMIT ${pageSize} OFFSET ${skip}`.execute(db);
    return rows;
  });
}
