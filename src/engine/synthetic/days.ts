/** Day and month arithmetic on ISO strings, for placing planted records around as_of. */
import { addDays, addMonths, dayNumber, fromDayNumber, yearOf } from '../../domain/calendar/isoDate.js';
import type { Random } from './random.js';

export { addMonths, yearOf };
export const shiftDays = addDays;

/** A date between `from` and `to`, both included. */
export function randomDate(rng: Random, from: string, to: string): string {
  return fromDayNumber(rng.between(dayNumber(from), dayNumber(to)));
}

export const monthOf = (date: string) => date.slice(0, 7);

/** YYYY-MM shifted by whole months. */
export function shiftMonth(month: string, months: number): string {
  return addMonths(`${month}-01`, months).slice(0, 7);
}

/** The last day of a YYYY-MM month. */
export function lastDayOf(month: string): string {
  return addDays(addMonths(`${month}-01`, 1), -1);
}
