/**
 * The funnel from clues to corrections (src/domain/indicators/funnel.ts): ONE query of the
 * cohort's clues, each with a flag per step; a step's count is the count of its flag and its
 * drill-down the clues with the flag, so the two agree. Each flag implies the one before.
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNNEL_STEP_IDS, type FunnelStepId } from '../../domain/indicators/index.js';
import type { Db } from '../db/index.js';
import type { IndicatorFilter, IndicatorItemRow } from './items.js';

export type FunnelRow = IndicatorItemRow & Record<FunnelStepId, boolean>;

const ITEM_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'];
const SERVED = ['served', 'withdrawn'];

export function funnelItems(f: Pick<IndicatorFilter, 'from' | 'to' | 'asOf' | 'agencyId'>): RawBuilder<FunnelRow> {
  const asOf = sql`${f.asOf}::date`;
  return sql<FunnelRow>`
    SELECT x.*,
           x.cases_filed AND x.any_served AS documents_served,
           x.cases_filed AND x.any_served AND x.any_replied AS replied,
           x.cases_filed AND x.any_served AND x.any_replied AND x.any_corrected AS corrected
    FROM (
      SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
             c.id AS case_id, c.number AS case_number, coalesce(c.title, cl.title) AS title,
             o.id AS agency_id, o.short_name AS agency_name, c.kind,
             cl.received_on AS period_date, NULL::date AS due_on, c.registered_on AS done_on, cl.status AS outcome,
             true AS in_numerator, NULL::int AS days,
             c.procurator_id, u.display_name AS procurator_name, to_char(cl.received_on, 'YYYY-MM') AS period_month,
             true AS clues_received,
             (c.id IS NOT NULL AND c.registered_on <= ${asOf}) AS cases_filed,
             coalesce(s.any_served, false) AS any_served,
             coalesce(s.any_replied, false) AS any_replied,
             coalesce(s.any_corrected, false) AS any_corrected
      FROM clues cl
      LEFT JOIN cases c ON c.id = cl.case_id
      LEFT JOIN organizations o ON o.id = coalesce(c.agency_id, cl.agency_id)
      LEFT JOIN users u ON u.id = c.procurator_id
      LEFT JOIN LATERAL (
        SELECT true AS any_served,
               bool_or(r.id IS NOT NULL AND r.replied_on <= ${asOf}) AS any_replied,
               bool_or(r.id IS NOT NULL AND r.replied_on <= ${asOf}
                 AND (nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL
                      OR (r.evaluation = 'adopted' AND r.evaluated_on <= ${asOf}))) AS any_corrected
        FROM documents d
        LEFT JOIN replies r ON r.document_id = d.id
        WHERE d.case_id = c.id AND d.type IN (${sql.join(ITEM_TYPES)}) AND d.state IN (${sql.join(SERVED)}) AND d.served_on <= ${asOf}
        HAVING count(*) > 0
      ) s ON true
      WHERE cl.status <> 'merged' AND cl.received_on BETWEEN ${f.from}::date AND ${f.to}::date
        AND ${f.agencyId ? sql`coalesce(c.agency_id, cl.agency_id) = ${f.agencyId}` : sql`true`}
    ) x`;
}

export async function computeFunnel(db: Db, f: IndicatorFilter): Promise<{ step: FunnelStepId; count: number }[]> {
  const counts = FUNNEL_STEP_IDS.map((step) => sql`count(*) FILTER (WHERE t.${sql.ref(step)})::int AS ${sql.ref(step)}`);
  const { rows } = await sql<Record<FunnelStepId, number>>`SELECT ${sql.join(counts)} FROM (${funnelItems(f)}) t`.execute(db);
  return FUNNEL_STEP_IDS.map((step) => ({ step, count: rows[0][step] }));
}

export async function funnelDrillDown(db: Db, f: IndicatorFilter, step: FunnelStepId, page: number, pageSize: number) {
  const items = funnelItems(f);
  const only = sql`t.${sql.ref(step)}`;
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM (${items}) t WHERE ${only}`.execute(db),
    sql<FunnelRow>`
      SELECT t.* FROM (${items}) t WHERE ${only}
      ORDER BY t.period_date, t.item_label, t.item_id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
  ]);
  return { total: count.rows[0].total, rows: rows.rows };
}
