/**
 * Keeps the indicator facts (migration 0018) close to the writes: at start and then every minute,
 * the documents, clues and cases the triggers queued get their facts recomputed, so a dashboard
 * rarely finds more than a few to refresh itself (every figure, breakdown and funnel refreshes
 * first anyway: this job is only about keeping that read-time work small).
 */
import type { Db } from '../db/index.js';
import { refreshIndicatorFacts } from '../indicators/figures.js';
import { repeating, type JobLog, type RepeatingJob } from './repeating.js';

/** Runs now and every `everyMs`; stop() waits for a run in progress. */
export function scheduleIndicatorFactRefresh(db: Db, log: JobLog, everyMs = 60 * 1000): RepeatingJob {
  return repeating(
    async () => {
      const rows = await refreshIndicatorFacts(db);
      if (rows > 1000) log.info({ rows }, 'indicator facts refreshed');
    },
    everyMs,
    log,
    'indicator fact refresh failed',
  );
}
