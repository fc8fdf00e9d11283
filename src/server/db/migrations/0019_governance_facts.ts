import { sql, type Kysely } from 'kysely';

/**
 * 诉源治理 over a million cases (docs/governance.md "How the counts are kept";
 * src/server/indicators/sourceGovernance.ts).
 *
 * `governance_case_facts`: one row per case with everything the live query `governanceCases`
 * computes about it that does not depend on the request — its procuratorate, filing date, agency
 * (and whether that organization is of kind 'agency'), matter, number/title/kind/state/outcome,
 * whether its clue carries a governance pattern (a class case answering a pattern), the served /
 * not adopted / follow-up flags, and for "overdue" (which depends on asOf) the earliest due date
 * among its reply clocks left unanswered by that date (`unanswered_due_on`): overdue as of D ⇔
 * unanswered_due_on < D (proved in sourceGovernance.ts).
 *
 * `governance_fact_queue`: the cases whose facts may be stale. Statement-level AFTER triggers
 * (transition tables, one trigger per event) on every table a fact is read from put the touched
 * case ids there, in the writer's transaction; `refreshGovernanceFacts` recomputes the queued cases
 * from the live query after the writer committed (before every governance count, from a periodic
 * job and at start). A writer does not compute facts itself: its snapshot can miss a concurrent
 * writer's change to the same case and it would store a stale row.
 *
 * The rows behind a model title never change once a clue points at them (hits keep their run,
 * runs their model version, model versions are insert-only), so they have no trigger.
 *
 * This migration fills the table once; its SELECT is this migration's own frozen copy of the
 * fact query (test/api/governanceFacts.test.ts checks it gives the rows the refresh gives).
 */
export const FACT_COLUMNS = sql.raw(`case_id, procuratorate_id, registered_on, agency_id, agency_case, matter, kind, state, outcome, number, title,
  from_pattern, served, not_adopted, follow_up, unanswered_due_on`);

/** Every case's facts (the migration's backfill; the app refreshes with sourceGovernance.ts). */
export const BACKFILL = sql`
  INSERT INTO governance_case_facts (${FACT_COLUMNS})
  SELECT c.id, c.procuratorate_id, c.registered_on, c.agency_id, coalesce(o.kind = 'agency', false),
         coalesce(
           (SELECT nullif(btrim(mv.document->'title'->>'zh-CN'), '')
              FROM hits h
              JOIN model_runs mr ON mr.id = h.run_id
              JOIN model_versions mv ON mv.model_id = mr.model_id AND mv.version = mr.model_version
             WHERE h.id = cl.hit_id),
           nullif(regexp_replace(btrim(cl.non_prosecution->>'charge'), '^涉嫌|罪$', '', 'g'), ''),
           nullif(btrim(cl.matter), ''),
           ''),
         c.kind, c.state, c.outcome, c.number, c.title,
         (cl.id IS NOT NULL AND cl.evidence->'governancePattern' IS NOT NULL),
         EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.served_on IS NOT NULL),
         EXISTS (SELECT 1 FROM replies r WHERE r.case_id = c.id AND r.evaluation = 'not_adopted'),
         EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id AND d.type = 'follow_up_letter' AND d.served_on IS NOT NULL),
         (SELECT min(k.due_on) FROM case_clocks k
           WHERE k.case_id = c.id AND k.code IN ('opinion_reply', 'suggestion_reply', 'follow_up_reply')
             AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.document_id = k.document_id AND r.replied_on <= k.due_on))
  FROM cases c
  LEFT JOIN organizations o ON o.id = c.agency_id
  LEFT JOIN clues cl ON cl.id = coalesce(c.clue_id, (SELECT e.clue_id FROM cases e WHERE e.id = c.escalated_from_id))
  ORDER BY c.procuratorate_id, c.registered_on`;

/** A trigger function per source table: `body` enqueues from the transition tables old_rows / new_rows. */
function enqueueFunction(name: string, onInsert: string, onUpdate: string, onDelete: string) {
  return sql.raw(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${onInsert}
      ELSIF TG_OP = 'UPDATE' THEN
        ${onUpdate}
      ELSE
        ${onDelete}
      END IF;
      RETURN NULL;
    END $$;`);
}

/** One statement-level trigger per event (a trigger with transition tables has a single event). */
function triggers(table: string, fn: string) {
  return sql.raw(`
    CREATE TRIGGER ${table}_governance_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
    CREATE TRIGGER ${table}_governance_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
    CREATE TRIGGER ${table}_governance_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`);
}

/** The cases whose clue (own, or through the case they escalated from) is one of `clueIds` (a SELECT of clue ids). */
const casesOfClues = (clueIds: string) => `
  INSERT INTO governance_fact_queue (case_id)
  SELECT c.id FROM cases c WHERE c.clue_id IN (${clueIds})
  UNION
  SELECT e.id FROM cases e JOIN cases c ON c.id = e.escalated_from_id WHERE e.clue_id IS NULL AND c.clue_id IN (${clueIds});`;

/** A reply's case (not adopted) and the cases of the reply clocks of its document (overdue). */
const casesOfReplies = (rows: string) => `
  INSERT INTO governance_fact_queue (case_id)
  SELECT r.case_id FROM ${rows} r
  UNION
  SELECT k.case_id FROM case_clocks k WHERE k.document_id IN (SELECT r.document_id FROM ${rows} r)
    AND k.code IN ('opinion_reply', 'suggestion_reply', 'follow_up_reply');`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE governance_case_facts (
      case_id uuid PRIMARY KEY,
      procuratorate_id uuid NOT NULL,
      registered_on date NOT NULL,
      agency_id uuid,
      agency_case boolean NOT NULL,
      matter text NOT NULL,
      kind text NOT NULL,
      state text NOT NULL,
      outcome text,
      number text NOT NULL,
      title text NOT NULL,
      from_pattern boolean NOT NULL,
      served boolean NOT NULL,
      not_adopted boolean NOT NULL,
      follow_up boolean NOT NULL,
      unanswered_due_on date
    );
    CREATE TABLE governance_fact_queue (case_id uuid NOT NULL);
    -- the escalated cases of a case (they take its clue's matter)
    CREATE INDEX cases_escalated_from_idx ON cases (escalated_from_id) WHERE escalated_from_id IS NOT NULL;
  `.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_cases',
    `INSERT INTO governance_fact_queue (case_id) SELECT id FROM new_rows;`,
    `INSERT INTO governance_fact_queue (case_id)
       SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.procuratorate_id, n.registered_on, n.agency_id, n.kind, n.state, n.outcome, n.number, n.title, n.clue_id, n.escalated_from_id)
              IS DISTINCT FROM (o.procuratorate_id, o.registered_on, o.agency_id, o.kind, o.state, o.outcome, o.number, o.title, o.clue_id, o.escalated_from_id);
     INSERT INTO governance_fact_queue (case_id)
       SELECT e.id FROM cases e JOIN new_rows n ON e.escalated_from_id = n.id JOIN old_rows o ON o.id = n.id
        WHERE n.clue_id IS DISTINCT FROM o.clue_id;`,
    `INSERT INTO governance_fact_queue (case_id) SELECT id FROM old_rows;`,
  )}`.execute(db);
  await sql`${triggers('cases', 'governance_enqueue_cases')}`.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_documents',
    `INSERT INTO governance_fact_queue (case_id) SELECT DISTINCT case_id FROM new_rows;`,
    `INSERT INTO governance_fact_queue (case_id)
       SELECT n.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.case_id, n.type, n.served_on) IS DISTINCT FROM (o.case_id, o.type, o.served_on)
       UNION
       SELECT o.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.case_id IS DISTINCT FROM o.case_id;`,
    `INSERT INTO governance_fact_queue (case_id) SELECT DISTINCT case_id FROM old_rows;`,
  )}`.execute(db);
  await sql`${triggers('documents', 'governance_enqueue_documents')}`.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_replies',
    casesOfReplies('new_rows'),
    `${casesOfReplies(`(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.case_id, n.document_id, n.evaluation, n.replied_on) IS DISTINCT FROM (o.case_id, o.document_id, o.evaluation, o.replied_on))`)}
     ${casesOfReplies(`(SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.case_id, n.document_id, n.evaluation, n.replied_on) IS DISTINCT FROM (o.case_id, o.document_id, o.evaluation, o.replied_on))`)}`,
    casesOfReplies('old_rows'),
  )}`.execute(db);
  await sql`${triggers('replies', 'governance_enqueue_replies')}`.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_case_clocks',
    `INSERT INTO governance_fact_queue (case_id) SELECT DISTINCT case_id FROM new_rows;`,
    `INSERT INTO governance_fact_queue (case_id)
       SELECT n.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.case_id, n.document_id, n.code, n.due_on) IS DISTINCT FROM (o.case_id, o.document_id, o.code, o.due_on)
       UNION
       SELECT o.case_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.case_id IS DISTINCT FROM o.case_id;`,
    `INSERT INTO governance_fact_queue (case_id) SELECT DISTINCT case_id FROM old_rows;`,
  )}`.execute(db);
  await sql`${triggers('case_clocks', 'governance_enqueue_case_clocks')}`.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_clues',
    casesOfClues('SELECT id FROM new_rows'),
    casesOfClues(`SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.matter, n.non_prosecution, n.evidence, n.hit_id, n.case_id) IS DISTINCT FROM (o.matter, o.non_prosecution, o.evidence, o.hit_id, o.case_id)`),
    casesOfClues('SELECT id FROM old_rows'),
  )}`.execute(db);
  await sql`${triggers('clues', 'governance_enqueue_clues')}`.execute(db);

  await sql`${enqueueFunction(
    'governance_enqueue_organizations',
    `NULL;`,
    `INSERT INTO governance_fact_queue (case_id)
       SELECT c.id FROM cases c JOIN new_rows n ON c.agency_id = n.id JOIN old_rows o ON o.id = n.id WHERE n.kind IS DISTINCT FROM o.kind;`,
    `NULL;`,
  )}`.execute(db);
  await sql.raw(`
    CREATE TRIGGER organizations_governance_upd AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION governance_enqueue_organizations();`).execute(db);

  await BACKFILL.execute(db);
  await sql`
    -- the counted cases (countedCases' WHERE) of a period, all agencies or one, with what the counts
    -- read: index-only scans (EXPLAIN ANALYZE at 1M cases: 380k cases of a year in ~60 ms, against
    -- ~200 ms for a parallel scan of the table)
    CREATE INDEX governance_facts_period_idx ON governance_case_facts (procuratorate_id, registered_on)
      INCLUDE (agency_id, matter, served, not_adopted, follow_up, unanswered_due_on) WHERE agency_case AND NOT from_pattern;
    CREATE INDEX governance_facts_agency_idx ON governance_case_facts (procuratorate_id, agency_id, registered_on)
      INCLUDE (matter, served, not_adopted, follow_up, unanswered_due_on) WHERE agency_case AND NOT from_pattern;
    ANALYZE governance_case_facts;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    DROP TRIGGER organizations_governance_upd ON organizations;
    ${['cases', 'documents', 'replies', 'case_clocks', 'clues']
      .map((t) => `DROP TRIGGER ${t}_governance_ins ON ${t}; DROP TRIGGER ${t}_governance_upd ON ${t}; DROP TRIGGER ${t}_governance_del ON ${t};`)
      .join('\n')}
    DROP FUNCTION governance_enqueue_cases(), governance_enqueue_documents(), governance_enqueue_replies(), governance_enqueue_case_clocks(),
      governance_enqueue_clues(), governance_enqueue_organizations();
    DROP INDEX cases_escalated_from_idx;
    DROP TABLE governance_fact_queue;
    DROP TABLE governance_case_facts;
  `).execute(db);
}
