/**
 * The monthly assessment report: at start and then hourly, the previous month's report (year to
 * date as at the month's last day, China dates) is generated if it does not exist yet — once per
 * month, however often this runs and however many instances run it (the month is unique).
 */
import type { Db } from '../db/index.js';
import { generateMonthlyReport } from '../indicators/assessmentReports.js';
import { today as chinaToday } from '../today.js';

export interface Log {
  info(obj: object, msg: string): void;
  error(obj: unknown, msg: string): void;
}

/** Runs now and every hour; stop() waits for a run in progress. */
export function scheduleMonthlyAssessment(db: Db, log: Log, today: () => string = chinaToday, everyMs = 60 * 60 * 1000) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () =>
    (running = running
      .then(() => generateMonthlyReport(db, today()))
      .then((r) => r && log.info(r, 'monthly assessment report generated'))
      .catch((err) => log.error(err, 'monthly assessment report failed')));
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
