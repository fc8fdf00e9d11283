/**
 * The working days of a span of years, as data for the database: the transfer-compliance figure
 * finds "the 3rd working day after the decision" among them in SQL, so the count and the
 * drill-down come from the same query. Years without a loaded schedule are left out — a deadline
 * that would fall in one is then unknown, never silently counted on weekdays.
 */
import type { HolidayCalendar } from '../calendar/holidayCalendar';
import { addDays, type IsoDate } from '../calendar/isoDate';

export function workingDaysOfYears(calendar: HolidayCalendar, fromYear: number, toYear: number): IsoDate[] {
  const covered = new Set(calendar.coveredYears());
  const days: IsoDate[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    if (!covered.has(year)) continue;
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
      if (calendar.isWorkingDay(day)) days.push(day);
    }
  }
  return days;
}
