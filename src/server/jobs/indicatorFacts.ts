/**
 * Keeps the indicator facts (migration 0018) close to the writes: at start and then every minute,
 * the documents, clues and cases the triggers queued get their facts recomputed, so a dashboard
 * rarely finds more than a few to refresh itself (every figure, breakdown and funnel refreshes
 * first anyway: this job is only about keeping that read-time work small). At start it also
 * queues what is missing (queueMissingIndicatorFacts).
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { refreshIndicatorFacts } from '../indicators/figures.js';
import { repeating, type JobLog, type RepeatingJob } from './repeating.js';

/**
 * Queues every document, clue and case whose facts are missing or whose facts have no source row
 * any more (compared with the source views: documents that are items, clues not merged, stopped
 * review clocks). A load that bypassed the triggers (a restore, a bulk load in
 * `session_replication_role = replica`) is caught up by the next refresh. Rows present on both
 * sides but stale are not detected here: only the triggers keep those. Returns how many were queued.
 */
export async function queueMissingIndicatorFacts(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH documents_missing AS (
      INSERT INTO indicator_fact_queue (document_id)
      SELECT s.document_id FROM (SELECT DISTINCT document_id FROM indicator_document_facts_source) s
      WHERE NOT EXISTS (SELECT 1 FROM indicator_document_facts f WHERE f.document_id = s.document_id)
      UNION
      SELECT f.document_id FROM indicator_document_facts f
      WHERE NOT EXISTS (SELECT 1 FROM indicator_document_facts_source s WHERE s.document_id = f.document_id)
      RETURNING 1),
    clues_missing AS (
      INSERT INTO indicator_clue_queue (clue_id)
      SELECT s.clue_id FROM indicator_clue_facts_source s WHERE NOT EXISTS (SELECT 1 FROM indicator_clue_facts f WHERE f.clue_id = s.clue_id)
      UNION
      SELECT f.clue_id FROM indicator_clue_facts f WHERE NOT EXISTS (SELECT 1 FROM clues cl WHERE cl.id = f.clue_id AND cl.status <> 'merged')
      RETURNING 1),
    reviews_missing AS (
      INSERT INTO indicator_case_queue (case_id)
      SELECT k.case_id FROM case_clocks k
      WHERE k.code = 'reverse_connection_review' AND k.stopped_on IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM indicator_review_facts f WHERE f.clock_id = k.id)
      UNION
      SELECT f.case_id FROM indicator_review_facts f
      WHERE NOT EXISTS (SELECT 1 FROM case_clocks k WHERE k.id = f.clock_id AND k.code = 'reverse_connection_review' AND k.stopped_on IS NOT NULL)
      RETURNING 1)
    SELECT ((SELECT count(*) FROM documents_missing) + (SELECT count(*) FROM clues_missing) + (SELECT count(*) FROM reviews_missing))::int AS n`.execute(db);
  return rows[0].n;
}

/** Runs now (with the missing-facts check) and every `everyMs`; stop() waits for a run in progress. */
export function scheduleIndicatorFactRefresh(db: Db, log: JobLog, everyMs = 60 * 1000): RepeatingJob {
  return repeating(
    async (atStart) => {
      const missing = atStart ? await queueMissingIndicatorFacts(db) : 0;
      const rows = await refreshIndicatorFacts(db);
      if (missing > 0 || rows > 1000) log.info({ missing, rows }, 'indicator facts refreshed');
    },
    everyMs,
    log,
    'indicator fact refresh failed',
  );
}
