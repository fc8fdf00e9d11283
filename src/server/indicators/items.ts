/**
 * Each indicator as ONE query of its items: the rows of its denominator, each with whether it
 * counts in the numerator (`in_numerator`) and, for averages, its days; for sums, its amount. The
 * figure is an aggregate over this query, the drill-down a page of it and a breakdown a GROUP BY
 * over it, so the three always agree.
 *
 * Every value is a bound parameter; column and table names are fixed here.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CaseKind } from '../../domain/cases/index.js';
import { DEFAULT_CLOCKS } from '../../domain/deadlines/index.js';
import { NO_KEY, SUM_UNITS, type BreakdownDimension, type IndicatorDefinition, type IndicatorId } from '../../domain/indicators/index.js';

/**
 * One cell of a breakdown, as a drill-down asks for it: each given dimension's key ("none": the
 * items without a value for it). Applied over the item query's rows, on the very columns a
 * breakdown groups by.
 */
export type IndicatorCell = Partial<Record<BreakdownDimension, string>>;

export interface IndicatorFilter {
  from: string;
  to: string;
  /** "Due date passed" is judged on this day (today unless a report is made as at another day). */
  asOf: string;
  agencyId: string | null;
  kind: CaseKind | null;
  /** Only the items of this breakdown cell. */
  cell?: IndicatorCell;
  /** Only documents served on administrative agencies (not courts or other procuratorates): the
   * justice bureau's view, which assesses the government's agencies. */
  agenciesOnly?: boolean;
}

/** One line of a drill-down, the same shape for every indicator. */
export interface IndicatorItemRow {
  item_type: 'document' | 'clue' | 'case' | 'hit';
  item_id: string;
  /** Document number, clue number, case number, or the model of a hit. */
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
  /** Sums (money, count): the item's amount in yuan or housing units (numeric, as text). */
  amount?: string | null;
  /** Housing units reclaimed: their floor area in m² (numeric, as text). */
  area?: string | null;
  /** The case's procurator (承办检察官); null for clues not filed and hits without a case. */
  procurator_id?: string | null;
  procurator_name?: string | null;
  /** YYYY-MM of period_date. */
  period_month?: string;
}

/** Opinions and suggestions to agencies, and litigation supervision's documents to courts (and
 * agencies ignoring judgments), whose answers are recorded like replies (docs/litigation.md). */
const ITEM_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion', 'retrial_suggestion', 'protest', 'protest_request_report', 'litigation_suggestion'];
const ITEM_STATES = ['served', 'withdrawn'];
const REPLY_CLOCKS = ['opinion_reply', 'suggestion_reply', 'court_response'];
/** 改变率: a retrial suggestion or protest after which the judgment was changed. */
const CHANGED_OUTCOMES = ['changed', 'remanded', 'mediated'];

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
const between = (column: string | RawBuilder<unknown>, f: IndicatorFilter) => sql`${typeof column === 'string' ? sql.ref(column) : column} BETWEEN ${f.from}::date AND ${f.to}::date`;

/** A document's reply due date: its first reply clock (in creation order). */
const FIRST_CLOCK_DUE = sql`(SELECT fk.due_on FROM case_clocks fk WHERE fk.document_id = d.id AND fk.code IN (${sql.join(REPLY_CLOCKS)}) ORDER BY fk.created_at, fk.id LIMIT 1)`;

/**
 * Where a document builder's items come from: the table carrying its period date, so the item
 * query is a range scan of that table's index (migration 0017), joined to the served documents.
 * - `documents`: every served item document (its reply if any); the due date looked up only
 *   where a column uses it;
 * - `replies`: documents with a reply (the period is a date of the reply);
 * - `clocks`: documents by their first reply clock (the period is its due date).
 * The three give the same rows as the served documents left-joined to their first reply clock
 * and their reply, filtered by the builder's WHERE.
 */
type Driver = 'documents' | 'replies' | 'clocks';
/** A column list or condition over the item's due date (an expression given by the driver). */
type Due = (due: RawBuilder<unknown>) => RawBuilder<unknown>;

/** The served items with their case, agency, reply clock (`due_on` in `select` and `where`) and reply. */
function documentItems(select: Due, where: Due, f: IndicatorFilter, def: IndicatorDefinition, types = ITEM_TYPES, driver: Driver = 'documents') {
  const due = driver === 'clocks' ? sql`k.due_on` : FIRST_CLOCK_DUE;
  const from =
    driver === 'clocks'
      ? sql`case_clocks k JOIN documents d ON d.id = k.document_id LEFT JOIN replies r ON r.document_id = d.id`
      : driver === 'replies'
        ? sql`replies r JOIN documents d ON d.id = r.document_id`
        : sql`documents d LEFT JOIN replies r ON r.document_id = d.id`;
  const first =
    driver === 'clocks'
      ? sql`k.code IN (${sql.join(REPLY_CLOCKS)}) AND NOT EXISTS (
          SELECT 1 FROM case_clocks ek WHERE ek.document_id = k.document_id AND ek.code IN (${sql.join(REPLY_CLOCKS)})
            AND (ek.created_at, ek.id) < (k.created_at, k.id))`
      : sql`true`;
  return sql<IndicatorItemRow>`
    SELECT 'document' AS item_type, d.id AS item_id, d.number AS item_label, d.type AS document_type,
           d.case_id AS case_id, c.number AS case_number, c.title AS title,
           d.recipient_id AS agency_id, o.short_name AS agency_name, c.kind,
           ${select(due)}
    FROM ${from}
    LEFT JOIN cases c ON c.id = d.case_id
    LEFT JOIN organizations o ON o.id = d.recipient_id
    WHERE d.type IN (${sql.join(types)}) AND d.state IN (${sql.join(ITEM_STATES)}) AND ${first}
      AND ${agencyIs('d.recipient_id', f)} AND ${kindIs('c.kind', f, def)}
      AND ${f.agenciesOnly ? sql`o.kind = 'agency'` : sql`true`}
      AND ${where(due)}`;
}

type Builder = (f: IndicatorFilter, def: IndicatorDefinition) => RawBuilder<IndicatorItemRow>;

const replyDue: Builder = (f, def) =>
  documentItems(
    (due) => sql`${due} AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.result AS outcome,
        ${def.id === 'reply_rate' ? sql`(r.id IS NOT NULL AND r.replied_on <= ${f.asOf}::date)` : sql`(r.id IS NOT NULL AND r.replied_on <= ${due})`} AS in_numerator,
        NULL::int AS days`,
    (due) => sql`${between(due, f)} AND ${due} < ${f.asOf}::date`,
    f,
    def,
    ITEM_TYPES,
    'clocks',
  );

const evaluated: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.evaluated_on AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.evaluation AS outcome,
        (r.evaluation = ${def.id === 'adoption_rate' ? 'adopted' : 'partially_adopted'}) AS in_numerator, NULL::int AS days`,
    () => sql`r.evaluation IS NOT NULL AND ${between('r.evaluated_on', f)}`,
    f,
    def,
    ITEM_TYPES,
    'replies',
  );

const penaltiesPerReply: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.replied_on AS period_date, ${due} AS due_on, r.replied_on AS done_on,
        coalesce(r.penalty_decision_no, r.penalty_type, r.result) AS outcome,
        (nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL) AS in_numerator,
        NULL::int AS days`,
    () => sql`r.id IS NOT NULL AND ${between('r.replied_on', f)}`,
    f,
    def,
    ['procuratorial_opinion'],
    'replies',
  );

/** Court answers to retrial suggestions and protests: changed, remanded or mediated, by answer date. */
const changeRate: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.replied_on AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.court_outcome AS outcome,
        (r.court_outcome IN (${sql.join(CHANGED_OUTCOMES)})) AS in_numerator, NULL::int AS days`,
    () => sql`r.court_outcome IS NOT NULL AND ${between('r.replied_on', f)}`,
    f,
    def,
    ['retrial_suggestion', 'protest'],
    'replies',
  );

/** Due items answered by their due date and evaluated "adopted" by the as-of date. */
const adoptionAtDueDate: Builder = (f, def) =>
  documentItems(
    (due) => sql`${due} AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.evaluation AS outcome,
        coalesce(r.id IS NOT NULL AND r.replied_on <= ${due} AND r.evaluation = 'adopted' AND r.evaluated_on <= ${f.asOf}::date, false) AS in_numerator,
        NULL::int AS days`,
    (due) => sql`${between(due, f)} AND ${due} < ${f.asOf}::date`,
    f,
    def,
    ITEM_TYPES,
    'clocks',
  );

/**
 * Persons of opinions served in the period whose reply is due: one opinion names its case's one
 * subject, so a row is a document and a person. Sanctioned: the reply (by the as-of date)
 * reports a penalty.
 */
const penaltyRatePerOpinion: Builder = (f, def) =>
  documentItems(
    (due) => sql`d.served_on AS period_date, ${due} AS due_on, r.replied_on AS done_on,
        coalesce(r.penalty_decision_no, r.penalty_type, r.result) AS outcome,
        (r.id IS NOT NULL AND r.replied_on <= ${f.asOf}::date
          AND (nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL)) AS in_numerator,
        NULL::int AS days`,
    (due) => sql`${between('d.served_on', f)} AND ${due} < ${f.asOf}::date`,
    f,
    def,
    ['procuratorial_opinion'],
  );

/** Replies confirming money recovered, by recovery date: the amount is summed. */
const moneyRecovered: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.recovered_on AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.result AS outcome,
        true AS in_numerator, NULL::int AS days, r.recovered_amount AS amount, NULL::numeric AS area`,
    () => sql`r.recovered_amount IS NOT NULL AND r.recovered_on IS NOT NULL AND ${between('r.recovered_on', f)}`,
    f,
    def,
    ITEM_TYPES,
    'replies',
  );

/** Replies confirming housing units reclaimed, by reclaim date: units and m² are summed. */
const unitsReclaimed: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.reclaimed_on AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.result AS outcome,
        true AS in_numerator, NULL::int AS days, r.units_reclaimed::numeric AS amount, r.area_reclaimed AS area`,
    () => sql`r.units_reclaimed IS NOT NULL AND r.reclaimed_on IS NOT NULL AND ${between('r.reclaimed_on', f)}`,
    f,
    def,
    ITEM_TYPES,
    'replies',
  );

const averageReplyDays: Builder = (f, def) =>
  documentItems(
    (due) => sql`r.replied_on AS period_date, ${due} AS due_on, r.replied_on AS done_on, r.result AS outcome,
        true AS in_numerator, (r.replied_on - d.received_on) AS days`,
    () => sql`r.id IS NOT NULL AND d.received_on IS NOT NULL AND ${between('r.replied_on', f)}`,
    f,
    def,
    ITEM_TYPES,
    'replies',
  );

/**
 * The transfer deadline: the nth working day after the decision — the working day numbered n
 * after the decision day in `calendar_days` (the loaded holiday schedules; migration 0016). A
 * decision in a year without a schedule, or a deadline falling into one, has no due date: the
 * item counts in the denominator only.
 */
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
    LEFT JOIN calendar_days decided ON decided.day = np.decided_on
    LEFT JOIN calendar_days due ON due.working AND due.working_seq = decided.working_seq + ${length}
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

/**
 * Model hits reviewed (confirmed or dismissed) in the period, by the review day in China. A hit
 * belongs to no agency: with an agency chosen the figure is empty. Its case is the one filed
 * from the clue registered from it, if any.
 */
const hitConfirmation: Builder = (f) => sql`
    SELECT 'hit' AS item_type, h.id AS item_id, h.model_id AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, NULL::text AS title,
           NULL::uuid AS agency_id, NULL::text AS agency_name, c.kind,
           rv.reviewed_on AS period_date, NULL::date AS due_on, rv.reviewed_on AS done_on, h.review_status AS outcome,
           (h.review_status = 'confirmed') AS in_numerator, NULL::int AS days
    FROM hits h
    CROSS JOIN LATERAL (SELECT (h.reviewed_at AT TIME ZONE 'Asia/Shanghai')::date AS reviewed_on) rv
    LEFT JOIN LATERAL (SELECT cl.case_id FROM clues cl WHERE cl.hit_id = h.id AND cl.case_id IS NOT NULL ORDER BY cl.created_at LIMIT 1) hc ON true
    LEFT JOIN cases c ON c.id = hc.case_id
    WHERE h.review_status IN ('confirmed', 'dismissed') AND h.reviewed_at IS NOT NULL
      AND ${between('rv.reviewed_on', f)} AND ${f.agencyId ? sql`false` : sql`true`}`;

const BUILDERS: Record<IndicatorId, Builder> = {
  reply_rate: replyDue,
  on_time_reply_rate: replyDue,
  adoption_rate: evaluated,
  partial_adoption_rate: evaluated,
  adoption_at_due_date: adoptionAtDueDate,
  penalty_rate_per_opinion: penaltyRatePerOpinion,
  penalties_per_reply: penaltiesPerReply,
  average_reply_days: averageReplyDays,
  money_recovered: moneyRecovered,
  units_reclaimed: unitsReclaimed,
  transfer_compliance: transferCompliance,
  review_on_time: reviews,
  average_review_days: reviews,
  model_clue_to_case: modelClues,
  hit_confirmation: hitConfirmation,
  change_rate: changeRate,
};

const DIMENSION_COLUMNS: Record<BreakdownDimension, string> = {
  agency: 't.agency_id',
  month: 't.period_month',
  procurator: 't.procurator_id',
  kind: 't.kind',
};

/** The key a breakdown groups by: the dimension's column, "none" where the item has no value. */
export function dimensionKey(dimension: BreakdownDimension) {
  return sql<string>`coalesce(${sql.ref(DIMENSION_COLUMNS[dimension])}::text, ${NO_KEY})`;
}

function cellIs(cell: IndicatorCell | undefined) {
  const conditions = Object.entries(cell ?? {})
    .filter((entry): entry is [BreakdownDimension, string] => typeof entry[1] === 'string')
    .map(([dimension, key]) => sql`${dimensionKey(dimension)} = ${key}`);
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`true`;
}

/**
 * The indicator's items: its denominator, each row knowing whether it is in the numerator, with
 * the columns every breakdown groups by (the case's procurator, the month of the period date)
 * and, if the filter names a cell, only that cell's rows.
 */
export function indicatorItems(def: IndicatorDefinition, f: IndicatorFilter): RawBuilder<IndicatorItemRow> {
  const sums = SUM_UNITS.includes(def.unit);
  const base = sql`
    SELECT b.*, ${sums ? sql`` : sql`NULL::numeric AS amount, NULL::numeric AS area,`}
           pc.procurator_id, pu.display_name AS procurator_name, to_char(b.period_date, 'YYYY-MM') AS period_month
    FROM (${BUILDERS[def.id](f, def)}) b
    LEFT JOIN cases pc ON pc.id = b.case_id
    LEFT JOIN users pu ON pu.id = pc.procurator_id`;
  if (!f.cell || Object.keys(f.cell).length === 0) return base as RawBuilder<IndicatorItemRow>;
  return sql<IndicatorItemRow>`SELECT t.* FROM (${base}) t WHERE ${cellIs(f.cell)}`;
}
