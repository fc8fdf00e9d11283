/**
 * 诉源治理's facts (docs/governance.md "How the counts are kept"): every read refreshes the queued
 * cases first, so this job only keeps the queue short — at start, then every minute — so that a
 * leader opening the page rarely waits for a large refresh (after a bulk import, say).
 *
 * At start it also queues the cases whose facts are missing and the facts whose case is gone: a
 * load that bypassed the triggers (a restore or bulk load in `session_replication_role = replica`)
 * is caught up then.
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { refreshGovernanceFacts } from '../indicators/sourceGovernance.js';
import { repeating, type JobLog, type RepeatingJob } from './repeating.js';

/** Queues the cases without facts and the facts without a case; returns how many. */
export async function queueMissingGovernanceFacts(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH missing AS (
      INSERT INTO governance_fact_queue (case_id)
      SELECT c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM governance_case_facts g WHERE g.case_id = c.id)
      UNION ALL
      SELECT g.case_id FROM governance_case_facts g WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = g.case_id)
      RETURNING 1)
    SELECT count(*)::int AS n FROM missing`.execute(db);
  return rows[0].n;
}

/** Runs now (with the missing-facts check) and every minute; stop() waits for a run in progress. */
export function scheduleGovernanceFacts(db: Db, log: JobLog, everyMs = 60 * 1000): RepeatingJob {
  return repeating(
    async (atStart) => {
      const missing = atStart ? await queueMissingGovernanceFacts(db) : 0;
      const started = performance.now();
      const refreshed = await refreshGovernanceFacts(db);
      if (missing > 0 || refreshed > 1000) log.info({ missing, refreshed, ms: Math.round(performance.now() - started) }, 'governance facts refreshed');
    },
    everyMs,
    log,
    'governance facts refresh failed',
  );
}
