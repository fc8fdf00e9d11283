/**
 * Each indicator as ONE rule over its items: the rows of its denominator, each with whether it
 * counts in the numerator (`in_numerator`) and, for averages, its days; for sums, its amount. The
 * figure is an aggregate and a breakdown a GROUP BY over the rule applied to the maintained facts
 * (`figureItems`; migration 0018, docs/indicators.md "Implementation notes"); the drill-down is
 * counted and paged by period date over the same facts and shows the page's lines from the live
 * item query (`indicatorItems`, narrowed to the page's dates: figures.ts `pageByPeriod`), so the
 * three always agree. The live queries stay the reference the generated-data test compares every
 * facts total with.
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
 * and their reply, filtered by the rule's WHERE — the rows `indicator_document_facts` holds
 * (migration 0018), one per document and reply.
 */
type Driver = 'documents' | 'replies' | 'clocks';

/**
 * What a document rule reads of an item, as SQL: from the live join (documents `d`, replies `r`,
 * the first reply clock, cases `c`, organizations `o`) or from the maintained facts (`x`). A rule
 * is written once over these columns, so a figure from the facts and the drill-down from the live
 * join apply the very same predicate.
 */
interface DocumentColumns {
  /** The due date of the document's first reply clock (in creation order). */
  due: RawBuilder<unknown>;
  servedOn: RawBuilder<unknown>;
  receivedOn: RawBuilder<unknown>;
  replyId: RawBuilder<unknown>;
  repliedOn: RawBuilder<unknown>;
  evaluation: RawBuilder<unknown>;
  evaluatedOn: RawBuilder<unknown>;
  /** The reply reports a penalty (a decision number or a penalty type that is not blank). */
  hasPenalty: RawBuilder<unknown>;
  courtOutcome: RawBuilder<unknown>;
  recoveredOn: RawBuilder<unknown>;
  recoveredAmount: RawBuilder<unknown>;
  reclaimedOn: RawBuilder<unknown>;
  unitsReclaimed: RawBuilder<unknown>;
  areaReclaimed: RawBuilder<unknown>;
}

const liveColumns = (driver: Driver): DocumentColumns => ({
  due: driver === 'clocks' ? sql`k.due_on` : FIRST_CLOCK_DUE,
  servedOn: sql`d.served_on`,
  receivedOn: sql`d.received_on`,
  replyId: sql`r.id`,
  repliedOn: sql`r.replied_on`,
  evaluation: sql`r.evaluation`,
  evaluatedOn: sql`r.evaluated_on`,
  // Also the definition of indicator_document_facts.has_penalty (migration 0018).
  hasPenalty: sql`(nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL)`,
  courtOutcome: sql`r.court_outcome`,
  recoveredOn: sql`r.recovered_on`,
  recoveredAmount: sql`r.recovered_amount`,
  reclaimedOn: sql`r.reclaimed_on`,
  unitsReclaimed: sql`r.units_reclaimed`,
  areaReclaimed: sql`r.area_reclaimed`,
});

const FACT_COLUMNS: DocumentColumns = {
  due: sql`x.due_on`,
  servedOn: sql`x.served_on`,
  receivedOn: sql`x.received_on`,
  replyId: sql`x.reply_id`,
  repliedOn: sql`x.replied_on`,
  evaluation: sql`x.evaluation`,
  evaluatedOn: sql`x.evaluated_on`,
  hasPenalty: sql`x.has_penalty`,
  courtOutcome: sql`x.court_outcome`,
  recoveredOn: sql`x.recovered_on`,
  recoveredAmount: sql`x.recovered_amount`,
  reclaimedOn: sql`x.reclaimed_on`,
  unitsReclaimed: sql`x.units_reclaimed`,
  areaReclaimed: sql`x.area_reclaimed`,
};

/**
 * A document indicator: which documents, which date puts an item in the period, which items are
 * in the denominator (`where`) and which of them in the numerator; for averages its days, for sums
 * its amount (and area). `outcome` is what the drill-down shows (live columns only).
 */
interface DocumentRule {
  types: string[];
  /** The live query's driving table (the one carrying the period date). */
  driver: Driver;
  period: (c: DocumentColumns) => RawBuilder<unknown>;
  where: (c: DocumentColumns, f: IndicatorFilter) => RawBuilder<unknown>;
  inNumerator: (c: DocumentColumns, f: IndicatorFilter, def: IndicatorDefinition) => RawBuilder<unknown>;
  days?: (c: DocumentColumns) => RawBuilder<unknown>;
  /** Sums: the amount (yuan or units) and the area (m²). */
  amount?: (c: DocumentColumns) => RawBuilder<unknown>;
  area?: (c: DocumentColumns) => RawBuilder<unknown>;
  outcome: RawBuilder<unknown>;
}

/** The rule's value columns, over either source. */
function ruleColumns(rule: DocumentRule, c: DocumentColumns, f: IndicatorFilter, def: IndicatorDefinition) {
  const sums = rule.amount ? sql`, ${rule.amount(c)} AS amount, ${rule.area ? rule.area(c) : sql`NULL::numeric`} AS area` : sql``;
  return sql`${rule.period(c)} AS period_date, ${rule.inNumerator(c, f, def)} AS in_numerator, ${rule.days ? rule.days(c) : sql`NULL::int`} AS days${sums}`;
}

/** The live item query of a document rule: the served items with their case, agency, reply clock and reply. */
function documentItems(rule: DocumentRule, f: IndicatorFilter, def: IndicatorDefinition) {
  const { driver, types } = rule;
  const c = liveColumns(driver);
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
           ${c.due} AS due_on, r.replied_on AS done_on, ${rule.outcome} AS outcome,
           ${ruleColumns(rule, c, f, def)}
    FROM ${from}
    LEFT JOIN cases c ON c.id = d.case_id
    LEFT JOIN organizations o ON o.id = d.recipient_id
    WHERE d.type IN (${sql.join(types)}) AND d.state IN (${sql.join(ITEM_STATES)}) AND ${first}
      AND ${agencyIs('d.recipient_id', f)} AND ${kindIs('c.kind', f, def)}
      AND ${f.agenciesOnly ? sql`o.kind = 'agency'` : sql`true`}
      AND ${rule.where(c, f)}`;
}

/**
 * The same rule over the maintained facts (`indicator_document_facts`, refreshed before reading:
 * figures.ts `refreshIndicatorFacts`): the columns figures and breakdowns use — agency, kind,
 * procurator, period — and the rule's values. Same rows as `documentItems`, same predicates.
 */
function documentFacts(rule: DocumentRule, f: IndicatorFilter, def: IndicatorDefinition) {
  return sql`
    SELECT x.recipient_id AS agency_id, x.case_kind AS kind, x.procurator_id,
           ${ruleColumns(rule, FACT_COLUMNS, f, def)}
    FROM indicator_document_facts x
    WHERE x.type IN (${sql.join(rule.types)})
      AND ${agencyIs('x.recipient_id', f)} AND ${kindIs('x.case_kind', f, def)}
      AND ${f.agenciesOnly ? sql`x.recipient_kind = 'agency'` : sql`true`}
      AND ${rule.where(FACT_COLUMNS, f)}`;
}

type Builder = (f: IndicatorFilter, def: IndicatorDefinition) => RawBuilder<IndicatorItemRow>;

const PENALTY_OUTCOME = sql`coalesce(r.penalty_decision_no, r.penalty_type, r.result)`;

const replyDue: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'clocks',
  period: (c) => c.due,
  where: (c, f) => sql`${between(c.due, f)} AND ${c.due} < ${f.asOf}::date`,
  inNumerator: (c, f, def) =>
    def.id === 'reply_rate' ? sql`(${c.replyId} IS NOT NULL AND ${c.repliedOn} <= ${f.asOf}::date)` : sql`(${c.replyId} IS NOT NULL AND ${c.repliedOn} <= ${c.due})`,
  outcome: sql`r.result`,
};

const evaluated: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'replies',
  period: (c) => c.evaluatedOn,
  where: (c, f) => sql`${c.evaluation} IS NOT NULL AND ${between(c.evaluatedOn, f)}`,
  inNumerator: (c, _f, def) => sql`(${c.evaluation} = ${def.id === 'adoption_rate' ? 'adopted' : 'partially_adopted'})`,
  outcome: sql`r.evaluation`,
};

const penaltiesPerReply: DocumentRule = {
  types: ['procuratorial_opinion'],
  driver: 'replies',
  period: (c) => c.repliedOn,
  where: (c, f) => sql`${c.replyId} IS NOT NULL AND ${between(c.repliedOn, f)}`,
  inNumerator: (c) => c.hasPenalty,
  outcome: PENALTY_OUTCOME,
};

/** Court answers to retrial suggestions and protests: changed, remanded or mediated, by answer date. */
const changeRate: DocumentRule = {
  types: ['retrial_suggestion', 'protest'],
  driver: 'replies',
  period: (c) => c.repliedOn,
  where: (c, f) => sql`${c.courtOutcome} IS NOT NULL AND ${between(c.repliedOn, f)}`,
  inNumerator: (c) => sql`(${c.courtOutcome} IN (${sql.join(CHANGED_OUTCOMES)}))`,
  outcome: sql`r.court_outcome`,
};

/** Due items answered by their due date and evaluated "adopted" by the as-of date. */
const adoptionAtDueDate: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'clocks',
  period: (c) => c.due,
  where: (c, f) => sql`${between(c.due, f)} AND ${c.due} < ${f.asOf}::date`,
  inNumerator: (c, f) =>
    sql`coalesce(${c.replyId} IS NOT NULL AND ${c.repliedOn} <= ${c.due} AND ${c.evaluation} = 'adopted' AND ${c.evaluatedOn} <= ${f.asOf}::date, false)`,
  outcome: sql`r.evaluation`,
};

/**
 * Persons of opinions served in the period whose reply is due: one opinion names its case's one
 * subject, so a row is a document and a person. Sanctioned: the reply (by the as-of date)
 * reports a penalty.
 */
const penaltyRatePerOpinion: DocumentRule = {
  types: ['procuratorial_opinion'],
  driver: 'documents',
  period: (c) => c.servedOn,
  where: (c, f) => sql`${between(c.servedOn, f)} AND ${c.due} < ${f.asOf}::date`,
  inNumerator: (c, f) => sql`(${c.replyId} IS NOT NULL AND ${c.repliedOn} <= ${f.asOf}::date AND ${c.hasPenalty})`,
  outcome: PENALTY_OUTCOME,
};

/** Replies confirming money recovered, by recovery date: the amount is summed. */
const moneyRecovered: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'replies',
  period: (c) => c.recoveredOn,
  where: (c, f) => sql`${c.recoveredAmount} IS NOT NULL AND ${c.recoveredOn} IS NOT NULL AND ${between(c.recoveredOn, f)}`,
  inNumerator: () => sql`true`,
  amount: (c) => c.recoveredAmount,
  outcome: sql`r.result`,
};

/** Replies confirming housing units reclaimed, by reclaim date: units and m² are summed. */
const unitsReclaimed: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'replies',
  period: (c) => c.reclaimedOn,
  where: (c, f) => sql`${c.unitsReclaimed} IS NOT NULL AND ${c.reclaimedOn} IS NOT NULL AND ${between(c.reclaimedOn, f)}`,
  inNumerator: () => sql`true`,
  amount: (c) => sql`${c.unitsReclaimed}::numeric`,
  area: (c) => c.areaReclaimed,
  outcome: sql`r.result`,
};

const averageReplyDays: DocumentRule = {
  types: ITEM_TYPES,
  driver: 'replies',
  period: (c) => c.repliedOn,
  where: (c, f) => sql`${c.replyId} IS NOT NULL AND ${c.receivedOn} IS NOT NULL AND ${between(c.repliedOn, f)}`,
  inNumerator: () => sql`true`,
  days: (c) => sql`(${c.repliedOn} - ${c.receivedOn})`,
  outcome: sql`r.result`,
};

/**
 * The transfer deadline: the nth working day after the decision — the working day numbered n
 * after the decision day in `calendar_days` (the loaded holiday schedules; migration 0016). A
 * decision in a year without a schedule, or a deadline falling into one, has no due date: the
 * item counts in the denominator only.
 */
interface TransferColumns {
  decidedOn: RawBuilder<unknown>;
  transferredOn: RawBuilder<unknown>;
  agencyId: string;
}
const transferRule = {
  /** The deadline: the working day numbered n after the decision day's number (`due.day`). */
  deadline: (c: TransferColumns) => sql`
    LEFT JOIN calendar_days decided ON decided.day = ${c.decidedOn}
    LEFT JOIN calendar_days due ON due.working AND due.working_seq = decided.working_seq + ${DEFAULT_CLOCKS.non_prosecution_transfer.length}`,
  where: (c: TransferColumns, f: IndicatorFilter, def: IndicatorDefinition) =>
    sql`${c.decidedOn} IS NOT NULL AND ${between(c.decidedOn, f)} AND ${agencyIs(c.agencyId, f)} AND ${kindIs(null, f, def)}`,
  inNumerator: (c: TransferColumns) => sql`coalesce(${c.transferredOn} <= due.day, false)`,
};
// np_decided_on / np_transferred_on: the JSON's decision date and transfer date (else the day the
// clue was received), kept by a trigger (migration 0018) so the period is an index range.
const LIVE_TRANSFER: TransferColumns = { decidedOn: sql`cl.np_decided_on`, transferredOn: sql`cl.np_transferred_on`, agencyId: 'cl.agency_id' };
const FACT_TRANSFER: TransferColumns = { decidedOn: sql`x.np_decided_on`, transferredOn: sql`x.np_transferred_on`, agencyId: 'x.clue_agency_id' };

const transferCompliance: Builder = (f, def) => sql`
    SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, coalesce(c.title, cl.title) AS title,
           cl.agency_id, o.short_name AS agency_name, 'reverse_connection' AS kind,
           cl.np_decided_on AS period_date, due.day AS due_on, cl.np_transferred_on AS done_on, cl.status AS outcome,
           ${transferRule.inNumerator(LIVE_TRANSFER)} AS in_numerator, NULL::int AS days
    FROM clues cl
    ${transferRule.deadline(LIVE_TRANSFER)}
    LEFT JOIN cases c ON c.id = cl.case_id
    LEFT JOIN organizations o ON o.id = cl.agency_id
    WHERE cl.source = 'non_prosecution' AND cl.status <> 'merged' AND ${transferRule.where(LIVE_TRANSFER, f, def)}`;

/** The same over `indicator_clue_facts` (the clues not merged; procurator of the clue's case). */
const transferFacts = (f: IndicatorFilter, def: IndicatorDefinition) => sql`
    SELECT x.clue_agency_id AS agency_id, 'reverse_connection' AS kind, x.procurator_id,
           x.np_decided_on AS period_date, ${transferRule.inNumerator(FACT_TRANSFER)} AS in_numerator, NULL::int AS days
    FROM indicator_clue_facts x
    ${transferRule.deadline(FACT_TRANSFER)}
    WHERE x.source = 'non_prosecution' AND ${transferRule.where(FACT_TRANSFER, f, def)}`;

/**
 * Closed reverse-connection reviews: the review clock stopped (report or termination approved, case
 * closed), by the day it stopped. Over the live clocks and cases, or over `indicator_review_facts`
 * (migration 0018).
 */
interface ReviewColumns {
  stoppedOn: RawBuilder<unknown>;
  dueOn: RawBuilder<unknown>;
  registeredOn: RawBuilder<unknown>;
  agencyId: string;
  kind: string;
}
const reviewRule = {
  where: (c: ReviewColumns, f: IndicatorFilter, def: IndicatorDefinition) =>
    sql`${between(c.stoppedOn, f)} AND ${agencyIs(c.agencyId, f)} AND ${kindIs(c.kind, f, def)}`,
  inNumerator: (c: ReviewColumns, def: IndicatorDefinition) => (def.id === 'review_on_time' ? sql`coalesce(${c.stoppedOn} <= ${c.dueOn}, false)` : sql`true`),
  days: (c: ReviewColumns) => sql`(${c.stoppedOn} - ${c.registeredOn})`,
};
const LIVE_REVIEW: ReviewColumns = { stoppedOn: sql`k.stopped_on`, dueOn: sql`k.due_on`, registeredOn: sql`c.registered_on`, agencyId: 'c.agency_id', kind: 'c.kind' };
const FACT_REVIEW: ReviewColumns = { stoppedOn: sql`x.stopped_on`, dueOn: sql`x.due_on`, registeredOn: sql`x.registered_on`, agencyId: 'x.agency_id', kind: 'x.case_kind' };

const reviews: Builder = (f, def) => sql`
    SELECT 'case' AS item_type, c.id AS item_id, c.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, c.title AS title,
           c.agency_id, o.short_name AS agency_name, c.kind,
           k.stopped_on AS period_date, k.due_on, k.stopped_on AS done_on, c.outcome,
           ${reviewRule.inNumerator(LIVE_REVIEW, def)} AS in_numerator, ${reviewRule.days(LIVE_REVIEW)} AS days
    FROM case_clocks k
    JOIN cases c ON c.id = k.case_id
    LEFT JOIN organizations o ON o.id = c.agency_id
    WHERE k.code = 'reverse_connection_review' AND k.stopped_on IS NOT NULL AND ${reviewRule.where(LIVE_REVIEW, f, def)}`;

const reviewFacts = (f: IndicatorFilter, def: IndicatorDefinition) => sql`
    SELECT x.agency_id, x.case_kind AS kind, x.procurator_id,
           x.stopped_on AS period_date, ${reviewRule.inNumerator(FACT_REVIEW, def)} AS in_numerator, ${reviewRule.days(FACT_REVIEW)} AS days
    FROM indicator_review_facts x
    WHERE ${reviewRule.where(FACT_REVIEW, f, def)}`;

/**
 * Model clues (not merged) received in the period, counted when filed as a case by the as-of date;
 * the agency is the clue's. Over the live clues and cases, or over the clue facts (migration 0018).
 */
interface ClueColumns {
  agencyId: string;
  caseId: RawBuilder<unknown>;
  receivedOn: RawBuilder<unknown>;
  registeredOn: RawBuilder<unknown>;
}
const modelClueRule = {
  where: (c: ClueColumns, f: IndicatorFilter) => sql`${between(c.receivedOn, f)} AND ${agencyIs(c.agencyId, f)}`,
  inNumerator: (c: ClueColumns, f: IndicatorFilter) => sql`(${c.caseId} IS NOT NULL AND ${c.registeredOn} <= ${f.asOf}::date)`,
};
const LIVE_CLUE: ClueColumns = { agencyId: 'cl.agency_id', caseId: sql`c.id`, receivedOn: sql`cl.received_on`, registeredOn: sql`c.registered_on` };
const FACT_CLUE: ClueColumns = { agencyId: 'x.clue_agency_id', caseId: sql`x.case_id`, receivedOn: sql`x.received_on`, registeredOn: sql`x.registered_on` };

const modelClues: Builder = (f) => sql`
    SELECT 'clue' AS item_type, cl.id AS item_id, cl.number AS item_label, NULL AS document_type,
           c.id AS case_id, c.number AS case_number, cl.title AS title,
           cl.agency_id, o.short_name AS agency_name, c.kind,
           cl.received_on AS period_date, NULL::date AS due_on, c.registered_on AS done_on, cl.status AS outcome,
           ${modelClueRule.inNumerator(LIVE_CLUE, f)} AS in_numerator, NULL::int AS days
    FROM clues cl
    LEFT JOIN cases c ON c.id = cl.case_id
    LEFT JOIN organizations o ON o.id = cl.agency_id
    WHERE cl.source = 'model_hit' AND cl.status <> 'merged' AND ${modelClueRule.where(LIVE_CLUE, f)}`;

/** The same over `indicator_clue_facts` (the clues not merged, with their case's kind and procurator). */
const modelClueFacts = (f: IndicatorFilter) => sql`
    SELECT x.clue_agency_id AS agency_id, x.case_kind AS kind, x.procurator_id,
           x.received_on AS period_date, ${modelClueRule.inNumerator(FACT_CLUE, f)} AS in_numerator, NULL::int AS days
    FROM indicator_clue_facts x
    WHERE x.source = 'model_hit' AND ${modelClueRule.where(FACT_CLUE, f)}`;

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

/** The document indicators: their figures and breakdowns come from the maintained facts. */
const DOCUMENT_RULES: Partial<Record<IndicatorId, DocumentRule>> = {
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
  change_rate: changeRate,
};

/** The other indicators: one live query each (figure, breakdown and drill-down). */
const OTHER_BUILDERS: Partial<Record<IndicatorId, Builder>> = {
  transfer_compliance: transferCompliance,
  review_on_time: reviews,
  average_review_days: reviews,
  model_clue_to_case: modelClues,
  hit_confirmation: hitConfirmation,
};

function liveBuilder(def: IndicatorDefinition): Builder {
  const rule = DOCUMENT_RULES[def.id];
  if (rule) return (f) => documentItems(rule, f, def);
  const builder = OTHER_BUILDERS[def.id];
  if (!builder) throw new Error(`No item query for indicator ${def.id}`);
  return builder;
}

/** The facts variant of an indicator's rows, if it has one (all but hit confirmation). */
function factsOf(def: IndicatorDefinition): ((f: IndicatorFilter, def: IndicatorDefinition) => RawBuilder<unknown>) | null {
  const rule = DOCUMENT_RULES[def.id];
  if (rule) return (f) => documentFacts(rule, f, def);
  if (def.id === 'model_clue_to_case') return modelClueFacts;
  if (def.id === 'transfer_compliance') return transferFacts;
  if (def.id === 'review_on_time' || def.id === 'average_review_days') return reviewFacts;
  return null;
}

/** Whether the indicator's figures and breakdowns read the maintained facts (to refresh first). */
export function readsFacts(def: IndicatorDefinition): boolean {
  return factsOf(def) !== null;
}

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
 * and, if the filter names a cell, only that cell's rows. Live: the drill-down's lines (over the
 * page's period dates) and the reference for the facts.
 */
export function indicatorItems(def: IndicatorDefinition, f: IndicatorFilter): RawBuilder<IndicatorItemRow> {
  const sums = SUM_UNITS.includes(def.unit);
  const base = sql`
    SELECT b.*, ${sums ? sql`` : sql`NULL::numeric AS amount, NULL::numeric AS area,`}
           pc.procurator_id, pu.display_name AS procurator_name, to_char(b.period_date, 'YYYY-MM') AS period_month
    FROM (${liveBuilder(def)(f, def)}) b
    LEFT JOIN cases pc ON pc.id = b.case_id
    LEFT JOIN users pu ON pu.id = pc.procurator_id`;
  return inCell(base, f.cell) as RawBuilder<IndicatorItemRow>;
}

function inCell(rows: RawBuilder<unknown>, cell: IndicatorCell | undefined) {
  if (!cell || Object.keys(cell).length === 0) return rows;
  return sql`SELECT t.* FROM (${rows}) t WHERE ${cellIs(cell)}`;
}

/** What a figure or a breakdown aggregates: the dimension keys and the values of each item. */
export interface FigureRow {
  agency_id: string | null;
  kind: CaseKind | null;
  procurator_id: string | null;
  period_month: string;
  in_numerator: boolean | null;
  days: number | null;
  amount: string | null;
  area: string | null;
}

/**
 * The rows a figure and a breakdown aggregate: for a document indicator its rule over the
 * maintained facts (the same rows and predicates as `indicatorItems`, whose drill-down the
 * generated-data test compares with every figure and cell), otherwise `indicatorItems` itself.
 * The facts must have been refreshed in this request (figures.ts `refreshIndicatorFacts`).
 */
export function figureItems(def: IndicatorDefinition, f: IndicatorFilter): RawBuilder<FigureRow> {
  const rule = DOCUMENT_RULES[def.id];
  const facts = factsOf(def)?.(f, def);
  if (!facts) return indicatorItems(def, f) as unknown as RawBuilder<FigureRow>;
  const base = sql`
    SELECT b.*, ${rule?.amount ? sql`` : sql`NULL::numeric AS amount, NULL::numeric AS area,`} to_char(b.period_date, 'YYYY-MM') AS period_month
    FROM (${facts}) b`;
  return inCell(base, f.cell) as RawBuilder<FigureRow>;
}
