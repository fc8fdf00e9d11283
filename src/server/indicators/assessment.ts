/**
 * The assessment table in SQL: ONE query of the items (the documents received in the period),
 * each carrying a flag per column; the table counts the flags per agency and every item list is
 * the same query filtered on one flag — so a number always equals the length of its list.
 * Definitions: assessmentPeriod.ts. Every value is a bound parameter.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/index.js';
import { ASSESSMENT_COLUMNS, assessmentRates, type AssessmentColumn, type AssessmentCounts } from './assessmentPeriod.js';

export interface AssessmentFilter {
  from: string;
  to: string;
  /** Replies, evaluations and "due date passed" are judged on this day. */
  asOf: string;
  agencyId: string | null;
}

export interface AssessmentItemRow {
  id: string;
  number: string | null;
  document_type: string;
  case_number: string;
  agency_id: string | null;
  agency_name: string | null;
  received_on: string;
  due_on: string | null;
  replied_on: string | null;
  result: string | null;
  evaluation: string | null;
  evaluated_on: string | null;
  penalty: string | null;
  state: string;
  received: boolean;
  replied: boolean;
  on_time: boolean;
  adopted: boolean;
  rectified: boolean;
  overdue: boolean;
}

const ITEM_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'];
const ITEM_STATES = ['served', 'withdrawn'];
const REPLY_CLOCKS = ['opinion_reply', 'suggestion_reply'];

/**
 * The items with their column flags. `fr` is the first reply on or before the as-of date
 * (replied, on time); `r` the latest, whose evaluation counts once made by the as-of date.
 */
export function assessmentItems(f: AssessmentFilter): RawBuilder<AssessmentItemRow> {
  const penalty = sql`(nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL)`;
  const evaluated = sql`(r.evaluated_on IS NOT NULL AND r.evaluated_on <= ${f.asOf}::date)`;
  return sql<AssessmentItemRow>`
    SELECT d.id, d.number, d.type AS document_type, c.number AS case_number,
           d.recipient_id AS agency_id, o.short_name AS agency_name,
           d.received_on, k.due_on, fr.replied_on, r.result,
           CASE WHEN ${evaluated} THEN r.evaluation END AS evaluation,
           CASE WHEN ${evaluated} THEN r.evaluated_on END AS evaluated_on,
           nullif(concat_ws(' ', nullif(btrim(r.penalty_type), ''), nullif(btrim(r.penalty_decision_no), '')), '') AS penalty,
           d.state,
           true AS received,
           (fr.replied_on IS NOT NULL) AS replied,
           coalesce(fr.replied_on <= k.due_on, false) AS on_time,
           (${evaluated} AND r.evaluation = 'adopted') AS adopted,
           (${evaluated} AND r.evaluation IN ('adopted', 'partially_adopted') AND (d.type = 'procuratorial_suggestion' OR ${penalty})) AS rectified,
           (d.state = 'served' AND k.due_on < ${f.asOf}::date AND fr.replied_on IS NULL) AS overdue
    FROM documents d
    JOIN cases c ON c.id = d.case_id
    LEFT JOIN organizations o ON o.id = d.recipient_id
    LEFT JOIN LATERAL (
      SELECT due_on FROM case_clocks WHERE document_id = d.id AND code IN (${sql.join(REPLY_CLOCKS)}) ORDER BY created_at LIMIT 1
    ) k ON true
    LEFT JOIN LATERAL (
      SELECT min(replied_on) AS replied_on FROM replies WHERE document_id = d.id AND replied_on <= ${f.asOf}::date
    ) fr ON true
    LEFT JOIN LATERAL (
      SELECT * FROM replies WHERE document_id = d.id AND replied_on <= ${f.asOf}::date ORDER BY replied_on DESC, submitted_at DESC LIMIT 1
    ) r ON true
    WHERE d.type IN (${sql.join(ITEM_TYPES)}) AND d.state IN (${sql.join(ITEM_STATES)})
      AND d.received_on BETWEEN ${f.from}::date AND ${f.to}::date
      AND ${f.agencyId ? sql`d.recipient_id = ${f.agencyId}` : sql`true`}`;
}

export interface AssessmentRow extends AssessmentCounts {
  agencyId: string;
  agencyName: string;
  agencyFullName: string;
  rates: ReturnType<typeof assessmentRates>;
}

export interface AssessmentTable {
  filter: AssessmentFilter;
  rows: AssessmentRow[];
  total: AssessmentCounts & { rates: ReturnType<typeof assessmentRates> };
}

const counts = (row: Record<string, unknown>): AssessmentCounts => Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, Number(row[c])])) as AssessmentCounts;
/** count(*) FILTER per column; column names come from the fixed list. */
const countColumns = () => sql.join(ASSESSMENT_COLUMNS.map((c) => sql`count(i.id) FILTER (WHERE i.${sql.ref(c)})::int AS ${sql.ref(c)}`));

/**
 * Per agency (every active agency, and any other an item was addressed to) and in total. With an
 * agency filter, that agency's row only.
 */
export async function assessmentTable(db: Db, f: AssessmentFilter): Promise<AssessmentTable> {
  const items = assessmentItems(f);
  const [perAgency, total] = await Promise.all([
    sql<Record<string, unknown> & { agency_id: string; agency_name: string; agency_full_name: string }>`
      SELECT o.id AS agency_id, o.short_name AS agency_name, o.name AS agency_full_name, ${countColumns()}
      FROM organizations o
      LEFT JOIN (${items}) i ON i.agency_id = o.id
      WHERE ${f.agencyId ? sql`o.id = ${f.agencyId}` : sql`(o.kind = 'agency' AND o.active) OR i.id IS NOT NULL`}
      GROUP BY o.id, o.short_name, o.name
      ORDER BY count(i.id) DESC, o.name`.execute(db),
    sql<Record<string, unknown>>`SELECT ${countColumns()} FROM (${items}) i`.execute(db),
  ]);
  const rows = perAgency.rows.map((row) => {
    const c = counts(row);
    return { agencyId: row.agency_id, agencyName: row.agency_name, agencyFullName: row.agency_full_name, ...c, rates: assessmentRates(c) };
  });
  const totalCounts = counts(total.rows[0]);
  return { filter: f, rows, total: { ...totalCounts, rates: assessmentRates(totalCounts) } };
}

/** The items behind one column (the evidence of its numbers), by agency, then receipt date. */
export async function assessmentColumnItems(db: Db, f: AssessmentFilter, column: AssessmentColumn): Promise<AssessmentItemRow[]> {
  const { rows } = await sql<AssessmentItemRow>`
    SELECT i.* FROM (${assessmentItems(f)}) i WHERE i.${sql.ref(column)}
    ORDER BY i.agency_name NULLS LAST, i.received_on, i.number NULLS LAST, i.id`.execute(db);
  return rows;
}

/** Every column's items, from one pass over the item query. */
export async function assessmentEvidence(db: Db, f: AssessmentFilter): Promise<Record<AssessmentColumn, AssessmentItemRow[]>> {
  const all = await assessmentColumnItems(db, f, 'received');
  return Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, all.filter((item) => item[c])])) as Record<AssessmentColumn, AssessmentItemRow[]>;
}
