/** The period an indicator is computed for: [from, to], both days included. */
import { isIsoDate, type IsoDate } from '../calendar/isoDate';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** The default period: the calendar year of `today`. */
export function yearPeriod(today: IsoDate): Period {
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Why a requested period cannot be used, or null when it can. */
export function periodProblem(period: { from: unknown; to: unknown }): 'invalid_date' | 'from_after_to' | null {
  if (!isIsoDate(period.from) || !isIsoDate(period.to)) return 'invalid_date';
  return period.from > period.to ? 'from_after_to' : null;
}

/** Whether the date that decides membership falls in the period; an item without one never does. */
export function inPeriod(date: IsoDate | null | undefined, period: Period): boolean {
  return !!date && date >= period.from && date <= period.to;
}
