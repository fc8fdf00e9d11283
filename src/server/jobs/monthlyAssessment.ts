/**
 * The monthly assessment report: at start and then hourly, the previous month's report (year to
 * date as at the month's last day, China dates) is generated if it does not exist yet — once per
 * month, however often this runs and however many instances run it (the month is unique).
 */
import type { Db } from '../db/index.js';
import { generateMonthlyReport } from '../indicators/assessmentReports.js';
import { today as chinaToday } from '../today.js';
import { repeating, type JobLog, type RepeatingJob } from './repeating.js';

/** Runs now and every hour; stop() waits for a run in progress. */
export function scheduleMonthlyAssessment(db: Db, log: JobLog, today: () => string = chinaToday, everyMs = 60 * 60 * 1000): RepeatingJob {
  return repeating(
    async () => {
      const r = await generateMonthlyReport(db, today());
      if (r) log.info(r, 'monthly assessment report generated');
    },
    everyMs,
    log,
    'monthly assessment report failed',
  );
}
