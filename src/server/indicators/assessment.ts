/**
 * The assessment table in SQL: ONE definition of the items (the documents received in the
 * period), each carrying a flag per column; the table counts the flags per agency and every item
 * list is the same items filtered on one flag — so a number always equals the length of its list.
 * Definitions: assessmentPeriod.ts. Every value is a bound parameter; identifiers come from the
 * fixed column list only.
 *
 * At 1,000,000 cases (about 216,000 items a year) the items are computed set-based — the reply
 * clocks and the replies of all items at once, hash or merge joined, not one lateral lookup per
 * item (that took 25 s and ran three times per export). The table reads indexes only
 * (`documents_item_received_idx`, `case_clocks_reply_document_idx`) plus the replies. The XLSX
 * reads the items from a snapshot (a temporary table made once per export, numbered in the sheet
 * order) in keyset batches, so the export is streamed with bounded memory, and the summary is
 * counted from the same snapshot as the sheets.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../db/index.js';
import type { DB } from '../db/schema.js';
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
/**
 * The reply clock of an item is `opinion_reply` or `suggestion_reply` (documentFlow.ts); a
 * `court_response` clock belongs to court documents only, never to an item, so filtering on the
 * three codes selects the same clocks and matches the partial index `case_clocks_reply_document_idx`
 * (migration 0017), read index-only.
 */
const REPLY_CLOCKS = ['opinion_reply', 'suggestion_reply', 'court_response'];

/**
 * The CTEs ending in `i`: one row per item with its column flags. `d` reads
 * `documents_item_received_idx` index-only (it has no state: `w`, the withdrawn items, are found
 * by `documents_recipient_idx`); `k` is the item's first reply clock; `r` its latest reply on or
 * before the as-of date, with `first_replied_on` the first (replied, on time). The evaluation of
 * the latest reply counts once made by the as-of date.
 */
function itemCtes(f: AssessmentFilter): RawBuilder<unknown> {
  const asOf = sql`${f.asOf}::date`;
  const evaluated = sql`(r.evaluated_on IS NOT NULL AND r.evaluated_on <= ${asOf})`;
  const penalty = sql`(nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL)`;
  return sql`
    d AS MATERIALIZED (
      SELECT d.id, d.case_id, d.recipient_id, d.type, d.received_on
      FROM documents d
      WHERE d.type IN (${sql.join(ITEM_TYPES)}) AND d.state IN (${sql.join(ITEM_STATES)})
        AND d.received_on BETWEEN ${f.from}::date AND ${f.to}::date
        AND ${f.agencyId ? sql`d.recipient_id = ${f.agencyId}` : sql`true`}
    ),
    w AS (
      SELECT id FROM documents WHERE state = 'withdrawn' AND type IN (${sql.join(ITEM_TYPES)})
    ),
    k AS (
      SELECT DISTINCT ON (cc.document_id) cc.document_id, cc.due_on
      FROM case_clocks cc
      WHERE cc.code IN (${sql.join(REPLY_CLOCKS)}) AND cc.document_id IN (SELECT id FROM d)
      ORDER BY cc.document_id, cc.created_at, cc.id
    ),
    r AS (
      SELECT DISTINCT ON (x.document_id) x.document_id, min(x.replied_on) OVER (PARTITION BY x.document_id) AS first_replied_on,
             x.result, x.evaluation, x.evaluated_on, x.penalty_decision_no, x.penalty_type
      FROM replies x
      WHERE x.replied_on <= ${asOf} AND x.document_id IN (SELECT id FROM d)
      ORDER BY x.document_id, x.replied_on DESC, x.submitted_at DESC
    ),
    i AS (
      SELECT d.id, d.case_id, d.type AS document_type, d.recipient_id AS agency_id, d.received_on,
             CASE WHEN w.id IS NULL THEN 'served' ELSE 'withdrawn' END AS state,
             k.due_on, r.first_replied_on AS replied_on, r.result,
             CASE WHEN ${evaluated} THEN r.evaluation END AS evaluation,
             CASE WHEN ${evaluated} THEN r.evaluated_on END AS evaluated_on,
             nullif(concat_ws(' ', nullif(btrim(r.penalty_type), ''), nullif(btrim(r.penalty_decision_no), '')), '') AS penalty,
             true AS received,
             (r.first_replied_on IS NOT NULL) AS replied,
             coalesce(r.first_replied_on <= k.due_on, false) AS on_time,
             coalesce(${evaluated} AND r.evaluation = 'adopted', false) AS adopted,
             coalesce(${evaluated} AND r.evaluation IN ('adopted', 'partially_adopted') AND (d.type = 'procuratorial_suggestion' OR ${penalty}), false) AS rectified,
             coalesce(w.id IS NULL AND k.due_on < ${asOf} AND r.first_replied_on IS NULL, false) AS overdue
      FROM d
      LEFT JOIN w ON w.id = d.id
      LEFT JOIN k ON k.document_id = d.id
      LEFT JOIN r ON r.document_id = d.id
    )`;
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

const counts = (row: Record<string, unknown>): AssessmentCounts => Object.fromEntries(ASSESSMENT_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as AssessmentCounts;
const flag = (c: AssessmentColumn) => sql.ref(`i.${c}`);

type TableLine = Record<string, unknown> & { line: 'agency' | 'total'; agency_id: string | null; agency_name: string | null; agency_full_name: string | null };

/**
 * The table from the items `i` (the CTE or the snapshot): per agency — every active agency, and
 * any other an item was addressed to; with an agency filter, that agency only — then the total
 * line, from one aggregate (GROUPING SETS).
 */
function tableSelect(f: AssessmentFilter): RawBuilder<TableLine> {
  return sql<TableLine>`${aggCte()} ${linesSelect(f)}`;
}

function aggCte(): RawBuilder<unknown> {
  const countColumns = sql.join(ASSESSMENT_COLUMNS.map((c) => sql`count(*) FILTER (WHERE ${flag(c)})::int AS ${sql.ref(c)}`));
  return sql`
    agg AS (
      SELECT i.agency_id, grouping(i.agency_id) = 1 AS is_total, ${countColumns}
      FROM i GROUP BY GROUPING SETS ((i.agency_id), ())
    )`;
}

function linesSelect(f: AssessmentFilter): RawBuilder<TableLine> {
  const columns = sql.join(ASSESSMENT_COLUMNS.map((c) => sql`coalesce(a.${sql.ref(c)}, 0) AS ${sql.ref(c)}`));
  return sql<TableLine>`
    SELECT * FROM (
      SELECT 'agency' AS line, o.id AS agency_id, o.short_name AS agency_name, o.name AS agency_full_name, ${columns}
      FROM organizations o
      LEFT JOIN agg a ON a.agency_id = o.id AND NOT a.is_total
      WHERE ${f.agencyId ? sql`o.id = ${f.agencyId}` : sql`(o.kind = 'agency' AND o.active) OR a.agency_id IS NOT NULL`}
      UNION ALL
      SELECT 'total', NULL, NULL, NULL, ${columns} FROM agg a WHERE a.is_total
    ) t
    ORDER BY t.line = 'total', t.received DESC, t.agency_full_name`;
}

function toTable(f: AssessmentFilter, lines: TableLine[]): AssessmentTable {
  const rows = lines
    .filter((l) => l.line === 'agency')
    .map((l) => {
      const c = counts(l);
      return { agencyId: l.agency_id!, agencyName: l.agency_name!, agencyFullName: l.agency_full_name!, ...c, rates: assessmentRates(c) };
    });
  const totalLine = lines.find((l) => l.line === 'total');
  const total = counts(totalLine ?? {});
  return { filter: f, rows, total: { ...total, rates: assessmentRates(total) } };
}

/** The table: one query (1.1–1.6 s at 1M cases on 2 shared cores at load 5; docs/assessment.md). */
export async function assessmentTable(db: Db | Transaction<DB>, f: AssessmentFilter): Promise<AssessmentTable> {
  const { rows } = await sql<TableLine>`WITH ${itemCtes(f)}, ${tableSelect(f)}`.execute(db);
  return toTable(f, rows);
}

/** The item columns of a listed item: the flags plus what a sheet shows (document and case numbers, agency). */
const itemColumns = sql`
  i.id, doc.number, i.document_type, c.number AS case_number, i.agency_id, o.short_name AS agency_name,
  i.received_on, i.due_on, i.replied_on, i.result, i.evaluation, i.evaluated_on, i.penalty, doc.state,
  ${sql.join(ASSESSMENT_COLUMNS.map((c) => flag(c)))}`;
const itemJoins = sql`JOIN documents doc ON doc.id = i.id JOIN cases c ON c.id = i.case_id LEFT JOIN organizations o ON o.id = i.agency_id`;
/** The order of every item list: by agency, then receipt date. */
const itemOrder = sql`o.short_name NULLS LAST, i.received_on, doc.number NULLS LAST, i.id`;

/**
 * The DOCX's data from one pass over the items (one statement: `i` is computed once and both
 * counted and listed): the table and the overdue items, these as JSON.
 */
export async function assessmentTableWithOverdue(db: Db, f: AssessmentFilter): Promise<{ table: AssessmentTable; overdue: AssessmentItemRow[] }> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    const { rows } = await sql<{ lines: TableLine[]; overdue: AssessmentItemRow[] }>`
      WITH ${itemCtes(f)}, ${aggCte()},
      lines AS (SELECT row_number() OVER () AS n, t.* FROM (${linesSelect(f)}) t),
      overdue AS (SELECT row_number() OVER (ORDER BY ${itemOrder}) AS seq, ${itemColumns} FROM i ${itemJoins} WHERE i.overdue)
      SELECT (SELECT json_agg(l ORDER BY l.n) FROM lines l) AS lines,
             (SELECT coalesce(json_agg(o ORDER BY o.seq), '[]') FROM overdue o) AS overdue`.execute(trx);
    return { table: toTable(f, rows[0].lines), overdue: rows[0].overdue };
  });
}

/** An export's view of the items: the table and, per column, its items in batches in sheet order. */
export interface AssessmentSnapshot {
  table: AssessmentTable;
  items(column: AssessmentColumn, batchSize?: number): AsyncGenerator<AssessmentItemRow[]>;
}

const SNAPSHOT = sql.table('assessment_items');

/**
 * Runs `use` with a snapshot of the items: a temporary table (dropped at commit) holding every
 * item with its flags and what the sheets show, numbered (`seq`) in sheet order. The table is
 * counted from it and each column's items are read from it in keyset batches on `seq`, so the
 * sheets hold exactly the items counted, whatever is written meanwhile. The transaction (and its
 * connection) lasts as long as `use`, e.g. while the file streams to the client.
 */
export async function withAssessmentSnapshot<T>(db: Db, f: AssessmentFilter, use: (snapshot: AssessmentSnapshot) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // The hashes and sorts of 200,000 items fit in memory instead of spilling to disk.
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`
      CREATE TEMPORARY TABLE ${SNAPSHOT} ON COMMIT DROP AS
      WITH ${itemCtes(f)}
      SELECT row_number() OVER (ORDER BY ${itemOrder}) AS seq, ${itemColumns}
      FROM i ${itemJoins}`.execute(trx);
    await sql`ALTER TABLE ${SNAPSHOT} ADD PRIMARY KEY (seq)`.execute(trx);
    await sql`ANALYZE ${SNAPSHOT}`.execute(trx);
    const { rows } = await sql<TableLine>`WITH i AS (SELECT * FROM ${SNAPSHOT}), ${tableSelect(f)}`.execute(trx);
    const table = toTable(f, rows);
    async function* items(column: AssessmentColumn, batchSize = 5000): AsyncGenerator<AssessmentItemRow[]> {
      let after = 0;
      for (;;) {
        const batch = await sql<AssessmentItemRow & { seq: string }>`
          SELECT * FROM ${SNAPSHOT} i WHERE ${flag(column)} AND i.seq > ${after} ORDER BY i.seq LIMIT ${batchSize}`.execute(trx);
        if (batch.rows.length === 0) return;
        after = Number(batch.rows[batch.rows.length - 1].seq);
        yield batch.rows;
        if (batch.rows.length < batchSize) return;
      }
    }
    return use({ table, items });
  });
}
