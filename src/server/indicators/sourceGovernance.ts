/**
 * 诉源治理 (litigation-source governance): which agencies and which matters produce the most
 * supervision cases and repeated problems (docs/governance.md).
 *
 * The source of truth is ONE live query, `governanceCases`: one row per supervision case filed
 * in the period, with its agency, its matter and four flags. At a million cases it takes seconds,
 * so what it computes per case is kept in `governance_case_facts` (migration 0019): the same
 * columns, except "overdue", which depends on the request's asOf: it is kept as the earliest due
 * date among the case's unanswered reply clocks (overdue on asOf ⇔ that date < asOf, see factsOf). `countedCases` reads the facts with the live query's WHERE and gives
 * the live query's rows; the rankings group it and the drill-downs page through it, so a count
 * and its case list always agree, and test/api/governanceFacts.test.ts checks both against the
 * live query after changes made through the commands.
 *
 * The facts are kept by a queue: triggers put every touched case in `governance_fact_queue`, and
 * `refreshGovernanceFacts` — run before every read here — recomputes the queued cases from the
 * live query's expressions. Every value is a bound parameter; column names are fixed here.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Db } from '../db/index.js';

export interface GovernanceFilter {
  procuratorateId: string;
  from: string;
  to: string;
  /** "Reply overdue" is judged on this day. */
  asOf: string;
  agencyId: string | null;
}

/** One supervision case with what the analysis counts about it. */
export interface GovernanceCaseRow {
  case_id: string;
  case_number: string;
  title: string;
  kind: string;
  state: string;
  outcome: string | null;
  registered_on: string;
  /** YYYY-MM of 立案 */
  month: string;
  agency_id: string;
  agency_name: string;
  /** '' when none of the three sources names one. */
  matter: string;
  served: boolean;
  not_adopted: boolean;
  follow_up: boolean;
  overdue: boolean;
}

/** The case flags a count or a drill-down can be restricted to. */
export const GOVERNANCE_FLAGS = ['served', 'not_adopted', 'follow_up', 'overdue'] as const;
export type GovernanceFlag = (typeof GOVERNANCE_FLAGS)[number];

const REPLY_CLOCKS = ['opinion_reply', 'suggestion_reply', 'follow_up_reply'];

/**
 * A case's matter, in order (docs/governance.md): the title of the model whose hit became the
 * clue (in the model version the run used); the charge of the non-prosecution decision, without
 * 涉嫌 and 罪; the clue's matter text (stored normalized). An escalated case has no clue of its
 * own and takes the clue of the case it escalated from.
 */
const MATTER = sql<string>`coalesce(
    (SELECT nullif(btrim(mv.document->'title'->>'zh-CN'), '')
       FROM hits h
       JOIN model_runs mr ON mr.id = h.run_id
       JOIN model_versions mv ON mv.model_id = mr.model_id AND mv.version = mr.model_version
      WHERE h.id = cl.hit_id),
    nullif(regexp_replace(btrim(cl.non_prosecution->>'charge'), '^涉嫌|罪$', '', 'g'), ''),
    nullif(btrim(cl.matter), ''),
    '')`;

/** The case has a served document (any type). */
const SERVED = sql<boolean>`EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.served_on IS NOT NULL)`;
/** A reply to the case was evaluated not adopted. */
const NOT_ADOPTED = sql<boolean>`EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id AND r.evaluation = 'not_adopted')`;
/** A 跟进监督函 was served in the case. */
const FOLLOW_UP = sql<boolean>`EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.type = 'follow_up_letter' AND d.served_on IS NOT NULL)`;
/** The case's reply clocks `k` with no reply to their document on or before their due date (late or never). */
const UNANSWERED_REPLY_CLOCK = sql<boolean>`k.case_id = c.id AND k.code IN (${sql.join(REPLY_CLOCKS)})
                AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.document_id = k.document_id AND r.replied_on <= k.due_on)`;
/** The case's clue: its own, or for an escalated case the clue of the case it escalated from. */
const CLUE_JOIN = sql`LEFT JOIN clues cl ON cl.id = coalesce(c.clue_id, (SELECT e.clue_id FROM cases e WHERE e.id = c.escalated_from_id))`;
/** A class case drafted from a pattern answers the pattern; it is not one more instance of it. */
const FROM_PATTERN = sql<boolean>`(cl.id IS NOT NULL AND cl.evidence->'governancePattern' IS NOT NULL)`;

/**
 * Every supervision case of the period, one row each — computed live from the case tables. The
 * source of truth: the facts are recomputed from the same expressions, and the tests compare the
 * counts read from the facts with this query.
 */
export function governanceCases(f: GovernanceFilter): RawBuilder<GovernanceCaseRow> {
  return sql<GovernanceCaseRow>`
    SELECT c.id AS case_id, c.number AS case_number, c.title, c.kind, c.state, c.outcome, c.registered_on,
           to_char(c.registered_on, 'YYYY-MM') AS month,
           c.agency_id, o.short_name AS agency_name,
           ${MATTER} AS matter,
           ${SERVED} AS served,
           ${NOT_ADOPTED} AS not_adopted,
           ${FOLLOW_UP} AS follow_up,
           EXISTS (SELECT 1 FROM case_clocks k WHERE ${UNANSWERED_REPLY_CLOCK} AND k.due_on < ${f.asOf}::date) AS overdue
    FROM cases c
    -- administrative agencies only: litigation cases addressed to a court are another analysis
    JOIN organizations o ON o.id = c.agency_id AND o.kind = 'agency'
    ${CLUE_JOIN}
    WHERE c.procuratorate_id = ${f.procuratorateId}
      AND c.registered_on BETWEEN ${f.from}::date AND ${f.to}::date
      AND ${f.agencyId ? sql`c.agency_id = ${f.agencyId}` : sql`true`}
      AND NOT ${FROM_PATTERN}`;
}

/**
 * The facts of the given cases (a SELECT of case ids), as stored in governance_case_facts.
 *
 * "Overdue as of D" is not stored — D is the request's asOf — but `unanswered_due_on`, the earliest
 * due date among the case's unanswered reply clocks U (the clocks satisfying
 * UNANSWERED_REPLY_CLOCK, a condition that does not involve D). The live query's
 *   EXISTS k ∈ U with k.due_on < D
 * is the same predicate as `unanswered_due_on < D`:
 *   ⇒ such a k has a due date, so min(due_on over U) ≤ k.due_on < D;
 *   ⇐ min over U is not NULL only when some k ∈ U has a due date, and that k has due_on = min < D.
 * Clocks without a due date satisfy neither (NULL < D is not true; min ignores NULL), and a case
 * with no such clock has NULL, which `< D` never satisfies (coalesced to false where read).
 */
function factsOf(caseIds: RawBuilder<unknown>) {
  return sql`
    SELECT c.id AS case_id, c.procuratorate_id, c.registered_on, c.agency_id,
           coalesce(o.kind = 'agency', false) AS agency_case,
           ${MATTER} AS matter, c.kind, c.state, c.outcome, c.number, c.title,
           ${FROM_PATTERN} AS from_pattern,
           ${SERVED} AS served,
           ${NOT_ADOPTED} AS not_adopted,
           ${FOLLOW_UP} AS follow_up,
           (SELECT min(k.due_on) FROM case_clocks k WHERE ${UNANSWERED_REPLY_CLOCK}) AS unanswered_due_on
    FROM cases c
    LEFT JOIN organizations o ON o.id = c.agency_id
    ${CLUE_JOIN}
    WHERE c.id IN (${caseIds})`;
}

const FACT_COLUMNS = sql.raw(`case_id, procuratorate_id, registered_on, agency_id, agency_case, matter, kind, state, outcome, number, title,
  from_pattern, served, not_adopted, follow_up, unanswered_due_on`);
const FACT_UPDATES = sql.raw(
  ['procuratorate_id', 'registered_on', 'agency_id', 'agency_case', 'matter', 'kind', 'state', 'outcome', 'number', 'title', 'from_pattern', 'served', 'not_adopted', 'follow_up', 'unanswered_due_on']
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', '),
);

/**
 * Brings the facts of every queued case up to date: takes the queue (DELETE … RETURNING) and
 * writes those cases' facts from the live expressions, deleting the facts of cases that no
 * longer exist, in one transaction. Runs before every read below, so a count reflects every
 * change committed before it started.
 *
 * Refreshes take a transaction-level advisory lock: a second reader waits for the first to
 * commit, then its own DELETE sees the rows the first took as gone (and any queued since), and
 * it reads committed facts. Serializing them also keeps a refresh whose snapshot is older from
 * overwriting a newer one's row for the same case (two queue rows of one case taken by two
 * readers). Without anything queued it costs one indexless look at an empty table.
 */
export async function refreshGovernanceFacts(db: Kysely<DB>): Promise<number> {
  const pending = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM governance_fact_queue) AS any`.execute(db);
  if (!pending.rows[0].any) return 0;
  const run = async (trx: Kysely<DB>) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('governance_case_facts'))`.execute(trx);
    const { rows } = await sql<{ refreshed: number }>`
      WITH queued AS (DELETE FROM governance_fact_queue RETURNING case_id),
      ids AS (SELECT DISTINCT case_id FROM queued),
      written AS (
        INSERT INTO governance_case_facts (${FACT_COLUMNS})
        ${factsOf(sql`SELECT case_id FROM ids`)}
        ON CONFLICT (case_id) DO UPDATE SET ${FACT_UPDATES}
        RETURNING 1),
      -- a deleted case (data-modifying WITH parts run to completion whether read or not)
      gone AS (
        DELETE FROM governance_case_facts g
         WHERE g.case_id IN (SELECT case_id FROM ids) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = g.case_id)
        RETURNING 1)
      SELECT count(*)::int AS refreshed FROM ids`.execute(trx);
    return rows[0].refreshed;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * The live query's rows, read from the facts: the same WHERE (procuratorate, period, agency of
 * kind 'agency', optionally one agency, no class case drafted from a pattern) and the same columns.
 */
export function countedCases(f: GovernanceFilter): RawBuilder<GovernanceCaseRow> {
  return sql<GovernanceCaseRow>`
    SELECT g.case_id, g.number AS case_number, g.title, g.kind, g.state, g.outcome, g.registered_on,
           to_char(g.registered_on, 'YYYY-MM') AS month,
           g.agency_id, o.short_name AS agency_name, g.matter, g.served, g.not_adopted, g.follow_up,
           coalesce(g.unanswered_due_on < ${f.asOf}::date, false) AS overdue
    FROM governance_case_facts g
    JOIN organizations o ON o.id = g.agency_id
    WHERE g.procuratorate_id = ${f.procuratorateId}
      AND g.registered_on BETWEEN ${f.from}::date AND ${f.to}::date
      AND ${f.agencyId ? sql`g.agency_id = ${f.agencyId}` : sql`true`}
      AND g.agency_case AND NOT g.from_pattern`;
}

/** The counts every grouping shows; each is a number of cases. */
const COUNTS = sql`count(*)::int AS cases,
       count(*) FILTER (WHERE t.served)::int AS served,
       count(*) FILTER (WHERE t.not_adopted)::int AS not_adopted,
       count(*) FILTER (WHERE t.follow_up)::int AS follow_ups,
       count(*) FILTER (WHERE t.overdue)::int AS overdue`;

/** The same counts summed over groups of COUNTS (m). */
const SUMS = sql`sum(m.cases)::int AS cases, sum(m.served)::int AS served, sum(m.not_adopted)::int AS not_adopted,
       sum(m.follow_ups)::int AS follow_ups, sum(m.overdue)::int AS overdue`;

export interface GovernanceCounts {
  cases: number;
  served: number;
  not_adopted: number;
  follow_ups: number;
  overdue: number;
}

/** (a) Agencies ranked by cases, then by not-adopted replies, follow-ups and overdue replies. */
export async function rankAgencies(db: Db, f: GovernanceFilter) {
  await refreshGovernanceFacts(db);
  const { rows } = await sql<GovernanceCounts & { agency_id: string; agency_name: string }>`
    SELECT t.agency_id, t.agency_name, ${COUNTS}
    FROM (${countedCases(f)}) t
    GROUP BY t.agency_id, t.agency_name
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, t.agency_name`.execute(db);
  return rows;
}

/**
 * (b) Matters ranked by cases, with the number of agencies each touches: counted per (matter,
 * agency) first, then per matter — the agencies are that step's groups (a hash aggregation, where
 * count(DISTINCT) would sort every case).
 */
export async function rankMatters(db: Db, f: GovernanceFilter) {
  await refreshGovernanceFacts(db);
  const { rows } = await sql<GovernanceCounts & { matter: string; agencies: number }>`
    SELECT m.matter, count(*)::int AS agencies, ${SUMS}
    FROM (
      SELECT t.matter, t.agency_id, ${COUNTS}
      FROM (${countedCases(f)}) t
      GROUP BY t.matter, t.agency_id) m
    GROUP BY m.matter
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, m.matter`.execute(db);
  return rows;
}

/**
 * (c) Repeated problems: (agency × matter) pairs with at least `minCases` cases, or with any
 * not-adopted reply or follow-up letter (domain isPattern says the same in words).
 */
export async function findPatterns(db: Db, f: GovernanceFilter, minCases: number) {
  await refreshGovernanceFacts(db);
  const { rows } = await sql<GovernanceCounts & { agency_id: string; agency_name: string; matter: string; first_on: string; last_on: string }>`
    SELECT t.agency_id, t.agency_name, t.matter, min(t.registered_on) AS first_on, max(t.registered_on) AS last_on, ${COUNTS}
    FROM (${countedCases(f)}) t
    GROUP BY t.agency_id, t.agency_name, t.matter
    HAVING count(*) >= ${minCases} OR bool_or(t.not_adopted) OR bool_or(t.follow_up)
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, t.agency_name, t.matter`.execute(db);
  return rows;
}

/** (d) Cases per month of 立案 (grouped by the month's first day; named YYYY-MM once per month). */
export async function monthlyTrend(db: Db, f: GovernanceFilter) {
  await refreshGovernanceFacts(db);
  const { rows } = await sql<GovernanceCounts & { month: string }>`
    SELECT to_char(m.first_day, 'YYYY-MM') AS month, m.cases, m.served, m.not_adopted, m.follow_ups, m.overdue
    FROM (
      SELECT date_trunc('month', t.registered_on) AS first_day, ${COUNTS}
      FROM (${countedCases(f)}) t
      GROUP BY 1) m
    ORDER BY m.first_day`.execute(db);
  return rows;
}

export interface CaseListFilter {
  agencyId?: string | null;
  matter?: string | null;
  month?: string | null;
  flag?: GovernanceFlag | null;
}

const FLAG_COLUMN: Record<GovernanceFlag, string> = { served: 't.served', not_adopted: 't.not_adopted', follow_up: 't.follow_up', overdue: 't.overdue' };

function listWhere(l: CaseListFilter) {
  const parts = [
    l.agencyId ? sql`t.agency_id = ${l.agencyId}` : null,
    l.matter != null ? sql`t.matter = ${l.matter}` : null,
    l.month ? sql`t.month = ${l.month}` : null,
    l.flag ? sql.ref(FLAG_COLUMN[l.flag]) : null,
  ].filter((p): p is NonNullable<typeof p> => p !== null);
  return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`true`;
}

/** The cases behind any count above, a page at a time, oldest first. */
export async function governanceCaseList(db: Db, f: GovernanceFilter, l: CaseListFilter, page: number, pageSize: number) {
  await refreshGovernanceFacts(db);
  const where = listWhere(l);
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM (${countedCases(f)}) t WHERE ${where}`.execute(db),
    sql<GovernanceCaseRow>`
      SELECT t.* FROM (${countedCases(f)}) t WHERE ${where}
      ORDER BY t.registered_on, t.case_number
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
  ]);
  return { total: count.rows[0].total, rows: rows.rows };
}

/** Every case of one pattern (for drafting its suggestion), oldest first. */
export async function patternCases(db: Db, f: GovernanceFilter, agencyId: string, matter: string) {
  await refreshGovernanceFacts(db);
  const { rows } = await sql<GovernanceCaseRow>`
    SELECT t.* FROM (${countedCases(f)}) t WHERE t.agency_id = ${agencyId} AND t.matter = ${matter}
    ORDER BY t.registered_on, t.case_number`.execute(db);
  return rows;
}
