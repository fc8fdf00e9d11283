/**
 * Each indicator as ONE query of its items: the rows of its denominator, each with whether it
 * counts in the numerator (`in_numerator`) and, for averages, its days. The figure is an
 * aggregate over this query and the drill-down a page of it, so the two always agree.
 *
 * Every value is a bound parameter; column and table names are fixed here.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CaseKind } from '../../domain/cases/index.js';
import { DEFAULT_CLOCKS } from '../../domain/deadlines/index.js';
import type { IndicatorDefinition, IndicatorId } from '../../domain/indicators/index.js';

export interface IndicatorFilter {
  from: string;
  to: string;
  /** "Due date passed" is judged on this day (today unless a report is made as at another day). */
  asOf: string;
  agencyId: string | null;
  kind: CaseKind | null;
  /** Working days (YYYY-MM-DD, sorted) of the years the transfer deadlines may fall in. */
  workingDays: string[];
}

/** One line of a drill-down, the same shape for every indicator. */
export interface IndicatorItemRow {
  item_type: 'document' | 'clue' | 'case';
  item_id: string;
  /** Document number, clue number or case number. */
  item_label: string | null;
  document_type: string | null;
  case_id: string | null;
  case_number: string | null;
  /** Case title, or the clue's while it has no case. */
  title: string | null;
  agency_id: string | null;
  agency_name: string | null;
  kind: CaseKind | null;
  period_date: string;
  due_on: string | null;
  done_on: string | null;
  /** The reply's result or evaluation, the penalty, the clue status: what decided the numerator. */
  outcome: string | null;
  in_numerator: boolean;
  days: number | null;
}

const ITEM_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'];
const ITEM_STATES = ['served', 'withdrawn'];
const REPLY_CLOCKS = ['opinion_reply', 'suggestion_reply'];

const agencyIs = (column: string, f: IndicatorFilter) => (f.agencyId ? sql`${sql.ref(column)} = ${f.agencyId}` : sql`true`);
/**
 * The kind filter: a kind the indicator cannot count leaves it empty. `column` null: every item
 * is of the indicator's one kind (non-prosecution decisions are reverse-connection work).
 */
const kindIs = (column: string | null, f: IndicatorFilter, def: IndicatorDefinition) => {
  if (!f.kind || !def.kindFilter) return sql`true`;
  if (!def.kinds.includes(f.kind)) return sql`false`;
  return column ? sql`${sql.ref(column)} = ${f.kind}` : sql`true`;
};
const between = (column: string, f: IndicatorFilter) => sql`${sql.ref(column)} BETWEEN ${f.from}::date AND ${f.to}::date`;

/** The served items with their case, agency, reply clock and reply. */
function documentItems(select: RawBuilder<unknown>, where: RawBuilder<unknown>, f: IndicatorFilter, def: IndicatorDefinition, types = ITEM_TYPES) {
  return sql<IndicatorItemRow>`
    SELECT 'document' AS item_type, d.id AS item_id, d.number AS item_label, d.type AS document_type,
           c.id AS case_id, c.number AS case_number, c.title AS title,
           d.recipient_id AS agency_id, o.short_name AS agency_name, c.kind,
           ${select}
    FROM documents d
    JOIN cases c ON c.id = d.case_id
    LEFT JOIN organizations o ON o.id = d.recipient_id
    LEFT JOIN LATERAL (
      SELECT due_on FROM case_clocks WHERE document_id = d.id AND code IN (${sql.join(REPLY_CLOCKS)}) ORDER BY created_at LIMIT 1
    ) k ON true
    LEFT JOIN replies r ON r.document_id = d.id
    WHERE d.type IN (${sql.join(types)}) AND d.state IN (${sql.join(ITEM_STATES)})
      AND ${agencyIs('d.recipient_id', f)} AND ${kindIs('c.kind', f, def)}
      AND ${where}`;
}

type Builder = (f: IndicatorFilter, def: IndicatorDefinition) => RawBuilder<IndicatorItemRow>;

const replyDue: Builder = (f, def) =>
  documentItems(
    sql`k.due_on AS period_date, k.due_on, r.replied_on AS done_on, r.result AS outcome,
        ${def.id === 'reply_rate' ? sql`(r.id IS NOT NULL AND r.replied_on <= ${f.asOf}::date)` : sql`(r.id IS NOT NULL AND r.replied_on <= k.due_on)`} AS in_numerator,
        NULL::int AS days`,
    sql`${between('k.due_on', f)} AND k.due_on < ${f.asOf}::date`,
    f,
    def,
  );

const evaluated: Builder = (f, def) =>
  documentItems(
    sql`r.evaluated_on AS period_date, k.due_on, r.replied_on AS done_on, r.evaluation AS outcome,
        (r.evaluation = ${def.id === 'adoption_rate' ? 'adopted' : 'partially_adopted'}) AS in_numerator, NULL::int AS days`,
    sql`r.evaluation IS NOT NULL AND ${between('r.evaluated_on', f)}`,
    f,
    def,
  );

const penaltiesPerReply: Builder = (f, def) =>
  documentItems(
    sql`r.replied_on AS period_date, k.due_on, r.replied_on AS done_on,
        coalesce(r.penalty_decision_no, r.penalty_type, r.result) AS outcome,
        (nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL) AS in_numerator,
        NULL::int AS days`,
    sql`r.id IS NOT NULL AND ${between('r.replied_on', f)}`,
    f,
    def,
    ['procuratorial_opinion'],
  );

const averageReplyDays: Builder = (f, def) =>
  documentItems(
    sql`r.replied_on AS period_date, k.due_on, r.replied_on AS done_on, r.result AS outcome,
        true AS in_numerator, (r.replied_on - d.received_on) AS days`,
    sql`r.id IS NOT NULL AND d.received_on IS NOT NULL AND ${between('r.replied_on', f)}`,
    f,
    def,
  );

/** The transfer deadline: the nth working day after the decision, found among the loaded ones. */
const transferCompliance: Builder = (f, def) => {
  const length = DEFAULT_CLOCKS.non_prosecution_transfer.length;
  return sql`
    SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, coalesce(c.title, cl.title) AS title,
           cl.agency_id, o.short_name AS agency_name, 'reverse_connection' AS kind,
           np.decided_on AS period_date, due.day AS due_on, np.transferred_on AS done_on, cl.status AS outcome,
           coalesce(np.transferred_on <= due.day, false) AS in_numerator, NULL::int AS days
    FROM clues cl
    CROSS JOIN LATERAL (
      SELECT (cl.non_prosecution->>'decidedOn')::date AS decided_on,
             coalesce((cl.non_prosecution->>'transferredOn')::date, cl.received_on) AS transferred_on
    ) np
    LEFT JOIN LATERAL (
      SELECT w AS day FROM unnest(${f.workingDays}::date[]) w WHERE w > np.decided_on ORDER BY w OFFSET ${length - 1} LIMIT 1
    ) due ON true
    LEFT JOIN cases c ON c.id = cl.case_id
    LEFT JOIN organizations o ON o.id = cl.agency_id
    WHERE cl.source = 'non_prosecution' AND cl.status <> 'merged' AND cl.non_prosecution IS NOT NULL
      AND ${between('np.decided_on', f)} AND ${agencyIs('cl.agency_id', f)} AND ${kindIs(null, f, def)}`;
};

/** Closed reverse-connection reviews: the review clock stopped (report or termination approved, case closed). */
const reviews: Builder = (f, def) => sql`
    SELECT 'case' AS item_type, c.id AS item_id, c.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, c.title AS title,
           c.agency_id, o.short_name AS agency_name, c.kind,
           k.stopped_on AS period_date, k.due_on, k.stopped_on AS done_on, c.outcome,
           ${def.id === 'review_on_time' ? sql`coalesce(k.stopped_on <= k.due_on, false)` : sql`true`} AS in_numerator,
           (k.stopped_on - c.registered_on) AS days
    FROM case_clocks k
    JOIN cases c ON c.id = k.case_id
    LEFT JOIN organizations o ON o.id = c.agency_id
    WHERE k.code = 'reverse_connection_review' AND k.stopped_on IS NOT NULL
      AND ${between('k.stopped_on', f)} AND ${agencyIs('c.agency_id', f)} AND ${kindIs('c.kind', f, def)}`;

const modelClues: Builder = (f) => sql`
    SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, cl.title AS title,
           cl.agency_id, o.short_name AS agency_name, c.kind,
           cl.received_on AS period_date, NULL::date AS due_on, c.registered_on AS done_on, cl.status AS outcome,
           (c.id IS NOT NULL AND c.registered_on <= ${f.asOf}::date) AS in_numerator, NULL::int AS days
    FROM clues cl
    LEFT JOIN cases c ON c.id = cl.case_id
    LEFT JOIN organizations o ON o.id = cl.agency_id
    WHERE cl.source = 'model_hit' AND cl.status <> 'merged'
      AND ${between('cl.received_on', f)} AND ${agencyIs('cl.agency_id', f)}`;

const BUILDERS: Record<IndicatorId, Builder> = {
  reply_rate: replyDue,
  on_time_reply_rate: replyDue,
  adoption_rate: evaluated,
  partial_adoption_rate: evaluated,
  penalties_per_reply: penaltiesPerReply,
  average_reply_days: averageReplyDays,
  transfer_compliance: transferCompliance,
  review_on_time: reviews,
  average_review_days: reviews,
  model_clue_to_case: modelClues,
};

/** The indicator's items: its denominator, each row knowing whether it is in the numerator. */
export function indicatorItems(def: IndicatorDefinition, f: IndicatorFilter): RawBuilder<IndicatorItemRow> {
  return BUILDERS[def.id](f, def);
}
