import { sql, type Kysely } from 'kysely';

/**
 * Indicator figures from maintained facts (issue 6: every dashboard within 1 s at 1,000,000 cases;
 * docs/indicators.md "Implementation notes").
 *
 * `indicator_document_facts`: exactly the rows the document indicators start from
 * (src/server/indicators/items.ts) — every item document (served or withdrawn opinions,
 * suggestions and litigation documents) with its first reply clock's due date, LEFT JOINed to its
 * replies: one row per (document, reply), or one with no reply. With each row the columns any
 * figure, breakdown, filter or the funnel reads (case kind and procurator, recipient and its kind,
 * dates, the reply's result, evaluation, penalty, recoveries). The view
 * `indicator_document_facts_source` is that row set computed live; the table is a copy of it.
 *
 * Kept in step by a queue, not by computing facts inside the writer's transaction (a trigger
 * computing them in the writer's snapshot can race another writer of the same document and store a
 * stale row for ever): statement-level triggers on documents, replies, reply clocks, cases (kind,
 * procurator) and organizations (kind) put the document ids they touch in `indicator_fact_queue`;
 * `refresh_indicator_facts()`, run before every figure, breakdown and funnel (and by a periodic
 * job), takes the queue and recomputes those documents' facts from the view — after the writes
 * committed, so from the source of truth. Refreshes are serialised by an advisory lock: a reader
 * arriving during another's refresh waits for it and then sees its facts.
 *
 * `indicator_clue_facts`: the funnel's cohort, model clues and non-prosecution decisions
 * (src/server/indicators/funnel.ts, items.ts): every clue not merged with its decision and transfer
 * dates, its case's filing date, agency, kind and procurator, and the first day
 * by which one of the case's served opinions or suggestions was served, answered, and answered
 * with a penalty or evaluated "adopted" (a step is reached by the as-of date iff its first day is
 * on or before it). From `indicator_clue_facts_source`, refreshed the same way from its own queue
 * (clues, the case's filing date, agency, kind, procurator, and every refreshed document's case).
 *
 * `indicator_review_facts`: the closed reverse-connection reviews (a stopped review clock) with their
 * case's filing date, agency, kind and procurator, from `indicator_review_facts_source`, refreshed
 * by case from a third queue (review clocks; the case's filing date, agency, kind, procurator).
 *
 * The transfer-compliance figure read the decision date from the clues' JSON (no index): the
 * clues get typed copies `np_decided_on`, `np_transferred_on` (the transfer date, or the day the
 * procuratorate received the clue), kept equal to the JSON by a BEFORE trigger, and an index (the
 * drill-down's); its figures and breakdowns read the copies in the clue facts.
 */
const ITEM_TYPES = sql.raw(`'procuratorial_opinion', 'procuratorial_suggestion', 'retrial_suggestion', 'protest', 'protest_request_report', 'litigation_suggestion'`);
const ITEM_STATES = sql.raw(`'served', 'withdrawn'`);
const REPLY_CLOCKS = sql.raw(`'opinion_reply', 'suggestion_reply', 'court_response'`);
/** Any key: only refresh_indicator_facts takes it. */
const REFRESH_LOCK = 6_018_001;

/** One row-level BEFORE trigger; statement-level AFTER triggers (one per event, as PostgreSQL wants with transition tables). */
function statementTriggers(table: string, fn: string, events: ('INSERT' | 'UPDATE' | 'DELETE')[]) {
  return sql.join(
    events.map((event) => {
      const referencing = event === 'INSERT' ? 'NEW TABLE AS new_rows' : event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      return sql.raw(`CREATE TRIGGER ${table}_indicator_facts_${event.toLowerCase()} AFTER ${event} ON ${table} REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }),
    sql.raw(';\n'),
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE VIEW indicator_document_facts_source AS
    SELECT d.id AS document_id, d.type, d.case_id, c.kind AS case_kind, c.procurator_id,
           d.recipient_id, o.kind AS recipient_kind, d.served_on, d.received_on,
           (SELECT fk.due_on FROM case_clocks fk WHERE fk.document_id = d.id AND fk.code IN (${REPLY_CLOCKS}) ORDER BY fk.created_at, fk.id LIMIT 1) AS due_on,
           r.id AS reply_id, r.replied_on, r.result, r.evaluation, r.evaluated_on,
           (nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL) AS has_penalty,
           r.court_outcome, r.recovered_on, r.recovered_amount, r.reclaimed_on, r.units_reclaimed, r.area_reclaimed
    FROM documents d
    LEFT JOIN cases c ON c.id = d.case_id
    LEFT JOIN organizations o ON o.id = d.recipient_id
    LEFT JOIN replies r ON r.document_id = d.id
    WHERE d.type IN (${ITEM_TYPES}) AND d.state IN (${ITEM_STATES});

    CREATE TABLE indicator_document_facts (
      document_id uuid NOT NULL,
      type text NOT NULL,
      case_id uuid NOT NULL,
      case_kind text,
      procurator_id uuid,
      recipient_id uuid,
      recipient_kind text,
      served_on date,
      received_on date,
      due_on date,
      reply_id uuid,
      replied_on date,
      result text,
      evaluation text,
      evaluated_on date,
      has_penalty boolean NOT NULL,
      court_outcome text,
      recovered_on date,
      recovered_amount numeric(14, 2),
      reclaimed_on date,
      units_reclaimed integer,
      area_reclaimed numeric(10, 2)
    );
    INSERT INTO indicator_document_facts SELECT * FROM indicator_document_facts_source;

    CREATE INDEX indicator_document_facts_document_idx ON indicator_document_facts (document_id);
  `.execute(db);

  // One index per period date, holding what the figures and breakdowns over it read, so a figure
  // is an index-only range scan (EXPLAIN ANALYZE on the 1M-case data: docs/indicators.md).
  const common = sql.raw('type, recipient_id, recipient_kind, case_kind, procurator_id');
  await sql`
    CREATE INDEX indicator_document_facts_due_idx ON indicator_document_facts (due_on)
      INCLUDE (${common}, reply_id, replied_on, evaluation, evaluated_on) WHERE due_on IS NOT NULL;
    CREATE INDEX indicator_document_facts_evaluated_idx ON indicator_document_facts (evaluated_on)
      INCLUDE (${common}, evaluation) WHERE evaluation IS NOT NULL;
    CREATE INDEX indicator_document_facts_replied_idx ON indicator_document_facts (replied_on)
      INCLUDE (${common}, received_on, has_penalty, court_outcome) WHERE reply_id IS NOT NULL;
    CREATE INDEX indicator_document_facts_served_idx ON indicator_document_facts (type, served_on)
      INCLUDE (recipient_id, recipient_kind, case_kind, procurator_id, due_on, reply_id, replied_on, has_penalty);
    CREATE INDEX indicator_document_facts_recovered_idx ON indicator_document_facts (recovered_on) WHERE recovered_amount IS NOT NULL;
    CREATE INDEX indicator_document_facts_reclaimed_idx ON indicator_document_facts (reclaimed_on) WHERE units_reclaimed IS NOT NULL;

    CREATE TABLE indicator_fact_queue (document_id uuid NOT NULL);
  `.execute(db);

  // Transfer compliance: the non-prosecution decision's dates as columns.
  await sql`
    ALTER TABLE clues ADD COLUMN np_decided_on date, ADD COLUMN np_transferred_on date;
    CREATE FUNCTION indicator_iso_date(value text) RETURNS date LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN value::date END
    $$;
    CREATE FUNCTION clues_non_prosecution_dates() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.non_prosecution IS NULL THEN
        NEW.np_decided_on := NULL;
        NEW.np_transferred_on := NULL;
      ELSE
        NEW.np_decided_on := indicator_iso_date(NEW.non_prosecution->>'decidedOn');
        NEW.np_transferred_on := coalesce(indicator_iso_date(NEW.non_prosecution->>'transferredOn'), NEW.received_on);
      END IF;
      RETURN NEW;
    END $$;
    UPDATE clues SET np_decided_on = indicator_iso_date(non_prosecution->>'decidedOn'),
                     np_transferred_on = coalesce(indicator_iso_date(non_prosecution->>'transferredOn'), received_on)
    WHERE non_prosecution IS NOT NULL;
    CREATE TRIGGER clues_non_prosecution_dates BEFORE INSERT OR UPDATE ON clues FOR EACH ROW EXECUTE FUNCTION clues_non_prosecution_dates();
    CREATE INDEX clues_np_decided_idx ON clues (np_decided_on) INCLUDE (agency_id, case_id, np_transferred_on)
      WHERE source = 'non_prosecution' AND status <> 'merged' AND np_decided_on IS NOT NULL;
  `.execute(db);

  // The funnel's clues. A pair (served document, reply) reaches "replied" on the later of its
  // service and reply dates, "corrected" on that day if the reply reports a penalty, else on the
  // evaluation day if it was evaluated "adopted".
  await sql`
    CREATE INDEX clues_case_idx ON clues (case_id) WHERE case_id IS NOT NULL;
    CREATE VIEW indicator_clue_facts_source AS
    SELECT cl.id AS clue_id, cl.source, cl.received_on, cl.agency_id AS clue_agency_id, cl.np_decided_on, cl.np_transferred_on,
           coalesce(c.agency_id, cl.agency_id) AS agency_id, c.id AS case_id, c.registered_on, c.kind AS case_kind, c.procurator_id,
           s.served_first, s.replied_first, s.corrected_first
    FROM clues cl
    LEFT JOIN cases c ON c.id = cl.case_id
    LEFT JOIN LATERAL (
      SELECT min(d.served_on) AS served_first,
             min(greatest(d.served_on, r.replied_on)) FILTER (WHERE d.served_on IS NOT NULL AND r.id IS NOT NULL AND r.replied_on IS NOT NULL) AS replied_first,
             min(CASE
                   WHEN d.served_on IS NULL OR r.id IS NULL OR r.replied_on IS NULL THEN NULL
                   WHEN nullif(btrim(r.penalty_decision_no), '') IS NOT NULL OR nullif(btrim(r.penalty_type), '') IS NOT NULL THEN greatest(d.served_on, r.replied_on)
                   WHEN r.evaluation = 'adopted' AND r.evaluated_on IS NOT NULL THEN greatest(d.served_on, r.replied_on, r.evaluated_on)
                 END) AS corrected_first
      FROM documents d LEFT JOIN replies r ON r.document_id = d.id
      WHERE d.case_id = c.id AND d.type IN ('procuratorial_opinion', 'procuratorial_suggestion') AND d.state IN (${ITEM_STATES})
    ) s ON true
    WHERE cl.status <> 'merged';

    CREATE TABLE indicator_clue_facts (
      clue_id uuid NOT NULL,
      source text NOT NULL,
      received_on date NOT NULL,
      clue_agency_id uuid,
      np_decided_on date,
      np_transferred_on date,
      agency_id uuid,
      case_id uuid,
      registered_on date,
      case_kind text,
      procurator_id uuid,
      served_first date,
      replied_first date,
      corrected_first date
    );
    INSERT INTO indicator_clue_facts SELECT * FROM indicator_clue_facts_source;
    CREATE INDEX indicator_clue_facts_clue_idx ON indicator_clue_facts (clue_id);
    CREATE INDEX indicator_clue_facts_received_idx ON indicator_clue_facts (received_on)
      INCLUDE (agency_id, registered_on, served_first, replied_first, corrected_first);
    CREATE INDEX indicator_clue_facts_model_idx ON indicator_clue_facts (received_on)
      INCLUDE (clue_agency_id, case_id, registered_on, case_kind, procurator_id) WHERE source = 'model_hit';
    CREATE INDEX indicator_clue_facts_transfer_idx ON indicator_clue_facts (np_decided_on)
      INCLUDE (clue_agency_id, np_transferred_on, case_id, procurator_id) WHERE source = 'non_prosecution' AND np_decided_on IS NOT NULL;
    CREATE TABLE indicator_clue_queue (clue_id uuid NOT NULL);
  `.execute(db);

  await sql`
    CREATE VIEW indicator_review_facts_source AS
    SELECT k.id AS clock_id, k.case_id, k.stopped_on, k.due_on, c.registered_on, c.agency_id, c.kind AS case_kind, c.procurator_id
    FROM case_clocks k
    JOIN cases c ON c.id = k.case_id
    WHERE k.code = 'reverse_connection_review' AND k.stopped_on IS NOT NULL;

    CREATE TABLE indicator_review_facts (
      clock_id uuid NOT NULL,
      case_id uuid NOT NULL,
      stopped_on date NOT NULL,
      due_on date,
      registered_on date NOT NULL,
      agency_id uuid,
      case_kind text NOT NULL,
      procurator_id uuid
    );
    INSERT INTO indicator_review_facts SELECT * FROM indicator_review_facts_source;
    CREATE INDEX indicator_review_facts_case_idx ON indicator_review_facts (case_id);
    CREATE INDEX indicator_review_facts_stopped_idx ON indicator_review_facts (stopped_on)
      INCLUDE (due_on, registered_on, agency_id, case_kind, procurator_id);
    CREATE TABLE indicator_case_queue (case_id uuid NOT NULL);
  `.execute(db);

  await sql`
    CREATE FUNCTION refresh_indicator_facts() RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      queued_clues integer;
      clue_rows integer;
      review_rows integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(${sql.lit(REFRESH_LOCK)});
      -- The queued documents' facts; their cases' clues (before and after) are queued in turn.
      WITH queued AS (DELETE FROM indicator_fact_queue RETURNING document_id),
           ids AS (SELECT DISTINCT document_id FROM queued),
           gone AS (DELETE FROM indicator_document_facts x USING ids WHERE x.document_id = ids.document_id RETURNING x.case_id),
           added AS (
             INSERT INTO indicator_document_facts
             SELECT s.* FROM indicator_document_facts_source s WHERE s.document_id IN (SELECT document_id FROM ids)
             RETURNING case_id)
      INSERT INTO indicator_clue_queue
      SELECT cl.id FROM clues cl WHERE cl.case_id IN (SELECT case_id FROM gone UNION SELECT case_id FROM added);
      GET DIAGNOSTICS queued_clues = ROW_COUNT;
      -- The queued clues' facts.
      WITH queued AS (DELETE FROM indicator_clue_queue RETURNING clue_id),
           ids AS (SELECT DISTINCT clue_id FROM queued),
           gone AS (DELETE FROM indicator_clue_facts x USING ids WHERE x.clue_id = ids.clue_id)
      INSERT INTO indicator_clue_facts
      SELECT s.* FROM indicator_clue_facts_source s WHERE s.clue_id IN (SELECT clue_id FROM ids);
      GET DIAGNOSTICS clue_rows = ROW_COUNT;
      -- The queued cases' closed reviews.
      WITH queued AS (DELETE FROM indicator_case_queue RETURNING case_id),
           ids AS (SELECT DISTINCT case_id FROM queued),
           gone AS (DELETE FROM indicator_review_facts x USING ids WHERE x.case_id = ids.case_id)
      INSERT INTO indicator_review_facts
      SELECT s.* FROM indicator_review_facts_source s WHERE s.case_id IN (SELECT case_id FROM ids);
      GET DIAGNOSTICS review_rows = ROW_COUNT;
      -- The work done: clues queued by the documents, clue and review fact rows written.
      RETURN queued_clues + clue_rows + review_rows;
    END $$;

    CREATE FUNCTION indicator_queue_documents() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO indicator_fact_queue SELECT n.id FROM new_rows n WHERE n.type IN (${ITEM_TYPES}) AND n.state IN (${ITEM_STATES});
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO indicator_fact_queue SELECT o.id FROM old_rows o WHERE o.type IN (${ITEM_TYPES});
      ELSE
        INSERT INTO indicator_fact_queue
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.type IN (${ITEM_TYPES}) OR o.type IN (${ITEM_TYPES}))
          AND (n.type, n.state, n.case_id, n.recipient_id, n.served_on, n.received_on) IS DISTINCT FROM (o.type, o.state, o.case_id, o.recipient_id, o.served_on, o.received_on);
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION indicator_queue_replies() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO indicator_fact_queue SELECT DISTINCT n.document_id FROM new_rows n;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO indicator_fact_queue SELECT DISTINCT o.document_id FROM old_rows o;
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION indicator_queue_case_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Review clocks: their cases.
      IF TG_OP = 'INSERT' THEN
        INSERT INTO indicator_case_queue SELECT DISTINCT n.case_id FROM new_rows n WHERE n.code = 'reverse_connection_review';
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO indicator_case_queue SELECT DISTINCT o.case_id FROM old_rows o WHERE o.code = 'reverse_connection_review';
      ELSE
        INSERT INTO indicator_case_queue
        SELECT DISTINCT x.case_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.case_id, n.code), (o.case_id, o.code)) x (case_id, code)
        WHERE x.code = 'reverse_connection_review'
          AND (n.case_id, n.code, n.stopped_on, n.due_on) IS DISTINCT FROM (o.case_id, o.code, o.stopped_on, o.due_on);
      END IF;
      -- Reply clocks: their documents.
      IF TG_OP = 'INSERT' THEN
        INSERT INTO indicator_fact_queue SELECT DISTINCT n.document_id FROM new_rows n WHERE n.document_id IS NOT NULL AND n.code IN (${REPLY_CLOCKS});
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO indicator_fact_queue SELECT DISTINCT o.document_id FROM old_rows o WHERE o.document_id IS NOT NULL AND o.code IN (${REPLY_CLOCKS});
      ELSE
        INSERT INTO indicator_fact_queue
        SELECT DISTINCT x.document_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.document_id, n.code), (o.document_id, o.code)) x (document_id, code)
        WHERE x.document_id IS NOT NULL AND x.code IN (${REPLY_CLOCKS})
          AND (n.document_id, n.code, n.due_on, n.created_at) IS DISTINCT FROM (o.document_id, o.code, o.due_on, o.created_at);
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION indicator_queue_cases() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO indicator_fact_queue
      SELECT d.id
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN documents d ON d.case_id = n.id AND d.type IN (${ITEM_TYPES}) AND d.state IN (${ITEM_STATES})
      WHERE (n.kind, n.procurator_id) IS DISTINCT FROM (o.kind, o.procurator_id);
      INSERT INTO indicator_clue_queue
      SELECT cl.id
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN clues cl ON cl.case_id = n.id
      WHERE (n.kind, n.procurator_id, n.agency_id, n.registered_on) IS DISTINCT FROM (o.kind, o.procurator_id, o.agency_id, o.registered_on);
      INSERT INTO indicator_case_queue
      SELECT n.id
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.kind, n.procurator_id, n.agency_id, n.registered_on) IS DISTINCT FROM (o.kind, o.procurator_id, o.agency_id, o.registered_on);
      RETURN NULL;
    END $$;

    CREATE FUNCTION indicator_queue_clues() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO indicator_clue_queue SELECT n.id FROM new_rows n;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO indicator_clue_queue SELECT o.id FROM old_rows o;
      ELSE
        INSERT INTO indicator_clue_queue
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.source, n.status, n.received_on, n.agency_id, n.case_id, n.np_decided_on, n.np_transferred_on)
          IS DISTINCT FROM (o.source, o.status, o.received_on, o.agency_id, o.case_id, o.np_decided_on, o.np_transferred_on);
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION indicator_queue_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO indicator_fact_queue
      SELECT d.id
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN documents d ON d.recipient_id = n.id AND d.type IN (${ITEM_TYPES}) AND d.state IN (${ITEM_STATES})
      WHERE n.kind IS DISTINCT FROM o.kind;
      RETURN NULL;
    END $$;
  `.execute(db);
  // Last, so the backfills above queue nothing.
  await sql`
    ${statementTriggers('documents', 'indicator_queue_documents', ['INSERT', 'UPDATE', 'DELETE'])};
    ${statementTriggers('replies', 'indicator_queue_replies', ['INSERT', 'UPDATE', 'DELETE'])};
    ${statementTriggers('case_clocks', 'indicator_queue_case_clocks', ['INSERT', 'UPDATE', 'DELETE'])};
    ${statementTriggers('cases', 'indicator_queue_cases', ['UPDATE'])};
    ${statementTriggers('organizations', 'indicator_queue_organizations', ['UPDATE'])};
    ${statementTriggers('clues', 'indicator_queue_clues', ['INSERT', 'UPDATE', 'DELETE'])};
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER clues_non_prosecution_dates ON clues;
    DROP FUNCTION clues_non_prosecution_dates();
    DROP INDEX clues_np_decided_idx;
    ALTER TABLE clues DROP COLUMN np_decided_on, DROP COLUMN np_transferred_on;
    DROP FUNCTION indicator_iso_date(text);
    DROP TRIGGER documents_indicator_facts_insert ON documents;
    DROP TRIGGER documents_indicator_facts_update ON documents;
    DROP TRIGGER documents_indicator_facts_delete ON documents;
    DROP TRIGGER replies_indicator_facts_insert ON replies;
    DROP TRIGGER replies_indicator_facts_update ON replies;
    DROP TRIGGER replies_indicator_facts_delete ON replies;
    DROP TRIGGER case_clocks_indicator_facts_insert ON case_clocks;
    DROP TRIGGER case_clocks_indicator_facts_update ON case_clocks;
    DROP TRIGGER case_clocks_indicator_facts_delete ON case_clocks;
    DROP TRIGGER cases_indicator_facts_update ON cases;
    DROP TRIGGER organizations_indicator_facts_update ON organizations;
    DROP TRIGGER clues_indicator_facts_insert ON clues;
    DROP TRIGGER clues_indicator_facts_update ON clues;
    DROP TRIGGER clues_indicator_facts_delete ON clues;
    DROP FUNCTION indicator_queue_documents(), indicator_queue_replies(), indicator_queue_case_clocks(), indicator_queue_cases(),
      indicator_queue_organizations(), indicator_queue_clues(), refresh_indicator_facts();
    DROP TABLE indicator_fact_queue, indicator_document_facts, indicator_clue_queue, indicator_clue_facts, indicator_case_queue, indicator_review_facts;
    DROP VIEW indicator_document_facts_source, indicator_clue_facts_source, indicator_review_facts_source;
    DROP INDEX clues_case_idx;
  `.execute(db);
}
