/**
 * 诉源治理 (litigation-source governance): which agencies and which matters produce the most
 * supervision cases and repeated problems (docs/governance.md).
 *
 * Everything is counted over ONE query, `governanceCases`: one row per supervision case filed
 * in the period, with its agency, its matter and four flags. The rankings group it, the
 * drill-downs page through it with the same WHERE, so a count and its case list always agree.
 * Every value is a bound parameter; column names are fixed here.
 */
import { sql, type RawBuilder } from 'kysely';
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

/** Every supervision case of the period, one row each. */
export function governanceCases(f: GovernanceFilter): RawBuilder<GovernanceCaseRow> {
  return sql<GovernanceCaseRow>`
    SELECT c.id AS case_id, c.number AS case_number, c.title, c.kind, c.state, c.outcome, c.registered_on,
           to_char(c.registered_on, 'YYYY-MM') AS month,
           c.agency_id, o.short_name AS agency_name,
           ${MATTER} AS matter,
           EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.served_on IS NOT NULL) AS served,
           EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id AND r.evaluation = 'not_adopted') AS not_adopted,
           EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.type = 'follow_up_letter' AND d.served_on IS NOT NULL) AS follow_up,
           EXISTS (
             SELECT 1 FROM case_clocks k
              WHERE k.case_id = c.id AND k.code IN (${sql.join(REPLY_CLOCKS)}) AND k.due_on < ${f.asOf}::date
                AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.document_id = k.document_id AND r.replied_on <= k.due_on)
           ) AS overdue
    FROM cases c
    -- administrative agencies only: litigation cases addressed to a court are another analysis
    JOIN organizations o ON o.id = c.agency_id AND o.kind = 'agency'
    LEFT JOIN clues cl ON cl.id = coalesce(c.clue_id, (SELECT e.clue_id FROM cases e WHERE e.id = c.escalated_from_id))
    WHERE c.procuratorate_id = ${f.procuratorateId}
      AND c.registered_on BETWEEN ${f.from}::date AND ${f.to}::date
      AND ${f.agencyId ? sql`c.agency_id = ${f.agencyId}` : sql`true`}
      -- a class case drafted from a pattern answers the pattern; it is not one more instance of it
      AND (cl.id IS NULL OR cl.evidence->'governancePattern' IS NULL)`;
}

/** The counts every grouping shows; each is a number of cases. */
const COUNTS = sql`count(*)::int AS cases,
       count(*) FILTER (WHERE t.served)::int AS served,
       count(*) FILTER (WHERE t.not_adopted)::int AS not_adopted,
       count(*) FILTER (WHERE t.follow_up)::int AS follow_ups,
       count(*) FILTER (WHERE t.overdue)::int AS overdue`;

export interface GovernanceCounts {
  cases: number;
  served: number;
  not_adopted: number;
  follow_ups: number;
  overdue: number;
}

/** (a) Agencies ranked by cases, then by not-adopted replies, follow-ups and overdue replies. */
export async function rankAgencies(db: Db, f: GovernanceFilter) {
  const { rows } = await sql<GovernanceCounts & { agency_id: string; agency_name: string }>`
    SELECT t.agency_id, t.agency_name, ${COUNTS}
    FROM (${governanceCases(f)}) t
    GROUP BY t.agency_id, t.agency_name
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, t.agency_name`.execute(db);
  return rows;
}

/** (b) Matters ranked by cases, with the number of agencies each touches. */
export async function rankMatters(db: Db, f: GovernanceFilter) {
  const { rows } = await sql<GovernanceCounts & { matter: string; agencies: number }>`
    SELECT t.matter, count(DISTINCT t.agency_id)::int AS agencies, ${COUNTS}
    FROM (${governanceCases(f)}) t
    GROUP BY t.matter
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, t.matter`.execute(db);
  return rows;
}

/**
 * (c) Repeated problems: (agency × matter) pairs with at least `minCases` cases, or with any
 * not-adopted reply or follow-up letter (domain isPattern says the same in words).
 */
export async function findPatterns(db: Db, f: GovernanceFilter, minCases: number) {
  const { rows } = await sql<GovernanceCounts & { agency_id: string; agency_name: string; matter: string; first_on: string; last_on: string }>`
    SELECT t.agency_id, t.agency_name, t.matter, min(t.registered_on) AS first_on, max(t.registered_on) AS last_on, ${COUNTS}
    FROM (${governanceCases(f)}) t
    GROUP BY t.agency_id, t.agency_name, t.matter
    HAVING count(*) >= ${minCases} OR bool_or(t.not_adopted) OR bool_or(t.follow_up)
    ORDER BY cases DESC, not_adopted DESC, follow_ups DESC, overdue DESC, t.agency_name, t.matter`.execute(db);
  return rows;
}

/** (d) Cases per month of 立案. */
export async function monthlyTrend(db: Db, f: GovernanceFilter) {
  const { rows } = await sql<GovernanceCounts & { month: string }>`
    SELECT t.month, ${COUNTS}
    FROM (${governanceCases(f)}) t
    GROUP BY t.month
    ORDER BY t.month`.execute(db);
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
  const where = listWhere(l);
  const [count, rows] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM (${governanceCases(f)}) t WHERE ${where}`.execute(db),
    sql<GovernanceCaseRow>`
      SELECT t.* FROM (${governanceCases(f)}) t WHERE ${where}
      ORDER BY t.registered_on, t.case_number
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
  ]);
  return { total: count.rows[0].total, rows: rows.rows };
}

/** Every case of one pattern (for drafting its suggestion), oldest first. */
export async function patternCases(db: Db, f: GovernanceFilter, agencyId: string, matter: string) {
  const { rows } = await sql<GovernanceCaseRow>`
    SELECT t.* FROM (${governanceCases(f)}) t WHERE t.agency_id = ${agencyId} AND t.matter = ${matter}
    ORDER BY t.registered_on, t.case_number`.execute(db);
  return rows;
}
