/**
 * Keeps the indicator facts (migration 0018) close to the writes: at start and then every minute,
 * the documents, clues and cases the triggers queued get their facts recomputed, so a dashboard
 * rarely finds more than a few to refresh itself (every figure, breakdown and funnel refreshes
 * first anyway: this job is only about keeping that read-time work small).
 */
import type { Db } from '../db/index.js';
import { refreshIndicatorFacts } from '../indicators/figures.js';

export interface Log {
  info(obj: object, msg: string): void;
  error(obj: unknown, msg: string): void;
}

/** Runs now and every `everyMs`; stop() waits for a run in progress. */
export function scheduleIndicatorFactRefresh(db: Db, log: Log, everyMs = 60 * 1000) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () =>
    (running = running
      .then(() => refreshIndicatorFacts(db))
      .then((rows) => rows > 1000 && log.info({ rows }, 'indicator facts refreshed'))
      .catch((err) => log.error(err, 'indicator fact refresh failed')));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    /** The run in progress (tests wait for it). */
    idle: () => running,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
