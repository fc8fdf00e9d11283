import { sql, type Kysely } from 'kysely';

/**
 * Indicators over a million cases (bench/indicators.ts; src/server/indicators/items.ts): each
 * indicator's items are found from the table that carries its period date, through a partial
 * index holding the few columns its figure needs, so a figure is an index-only range scan plus
 * index-only lookups instead of a scan of every served document with a clock lookup each.
 *
 * - reply clocks by due date (reply rate, on-time rate, adoption at the due date), and by document
 *   (a document's first reply clock, in creation order);
 * - the served documents that are indicator items, by id (covering the columns the items test),
 *   by case (the funnel), by service date (penalty rate per opinion) and by receipt date (the
 *   assessment's items, assessment.ts);
 * - replies by evaluation date and by reply date;
 * - closed reverse-connection reviews by the day their clock stopped; clues by receipt (the
 *   funnel's cohort; model-hit clues);
 * - cases by id with the columns items take from their case (agency, kind, filing date, procurator);
 * - per case, what litigation-source governance asks of each case (sourceGovernance.ts): served
 *   documents, not-adopted replies, reply clocks.
 */
const REPLY_CLOCKS = sql`code IN ('opinion_reply', 'suggestion_reply', 'court_response')`;
const ITEM_DOCUMENTS = sql`state IN ('served', 'withdrawn')
  AND type IN ('procuratorial_opinion', 'procuratorial_suggestion', 'retrial_suggestion', 'protest', 'protest_request_report', 'litigation_suggestion')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX case_clocks_reply_due_idx ON case_clocks (due_on) INCLUDE (document_id, created_at, id) WHERE ${REPLY_CLOCKS}`.execute(db);
  await sql`CREATE INDEX case_clocks_reply_document_idx ON case_clocks (document_id, created_at, id) INCLUDE (due_on) WHERE ${REPLY_CLOCKS}`.execute(db);
  await sql`CREATE INDEX case_clocks_review_stopped_idx ON case_clocks (stopped_on) INCLUDE (case_id, due_on) WHERE code = 'reverse_connection_review' AND stopped_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX documents_item_idx ON documents (id) INCLUDE (case_id, recipient_id, type, served_on, received_on) WHERE ${ITEM_DOCUMENTS}`.execute(db);
  await sql`CREATE INDEX documents_item_case_idx ON documents (case_id) INCLUDE (id, type, served_on) WHERE ${ITEM_DOCUMENTS}`.execute(db);
  await sql`CREATE INDEX documents_item_received_idx ON documents (received_on) INCLUDE (id, case_id, recipient_id, type) WHERE ${ITEM_DOCUMENTS}`.execute(db);
  await sql`CREATE INDEX documents_item_served_idx ON documents (type, served_on) INCLUDE (id, case_id, recipient_id) WHERE ${ITEM_DOCUMENTS}`.execute(db);
  await sql`CREATE INDEX replies_evaluated_idx ON replies (evaluated_on) INCLUDE (document_id, evaluation) WHERE evaluation IS NOT NULL`.execute(db);
  await sql`CREATE INDEX replies_replied_idx ON replies (replied_on) INCLUDE (document_id)`.execute(db);
  await sql`CREATE INDEX replies_document_item_idx ON replies (document_id) INCLUDE (id, replied_on, result, evaluation, evaluated_on, penalty_decision_no, penalty_type)`.execute(db);
  await sql`CREATE INDEX cases_indicator_idx ON cases (id) INCLUDE (agency_id, kind, registered_on, procurator_id)`.execute(db);
  await sql`CREATE INDEX documents_served_case_idx ON documents (case_id) INCLUDE (type) WHERE served_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX replies_not_adopted_case_idx ON replies (case_id) WHERE evaluation = 'not_adopted'`.execute(db);
  await sql`CREATE INDEX case_clocks_case_reply_idx ON case_clocks (case_id) INCLUDE (code, due_on, document_id) WHERE code IN ('opinion_reply', 'suggestion_reply', 'follow_up_reply')`.execute(db);
  await sql`CREATE INDEX clues_received_idx ON clues (received_on) INCLUDE (case_id, agency_id) WHERE status <> 'merged'`.execute(db);
  await sql`CREATE INDEX clues_model_hit_received_idx ON clues (received_on) INCLUDE (agency_id, case_id) WHERE source = 'model_hit' AND status <> 'merged'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS clues_model_hit_received_idx, clues_received_idx, case_clocks_case_reply_idx, replies_not_adopted_case_idx,
      documents_served_case_idx, cases_indicator_idx, documents_item_case_idx, replies_document_item_idx, replies_replied_idx, replies_evaluated_idx,
      documents_item_received_idx, documents_item_served_idx, documents_item_idx, case_clocks_review_stopped_idx, case_clocks_reply_document_idx, case_clocks_reply_due_idx;
  `.execute(db);
}
