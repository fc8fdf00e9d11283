/**
 * Calendar dates as plain `YYYY-MM-DD` strings.
 *
 * A deadline is a day, not an instant: a `Date` read in a browser west of Beijing would move
 * 2026-10-08 to the 7th. All arithmetic therefore runs on day numbers (days since 1970-01-01)
 * derived with `Date.UTC`, which has no zone offset and no daylight saving.
 *
 * Four-digit years only, so that valid dates also compare correctly as strings.
 */
import { isCalendarDate } from '../values';

export type IsoDate = string;

export class InvalidIsoDate extends Error {
  constructor(readonly value: unknown) {
    super(`not a YYYY-MM-DD calendar date: ${JSON.stringify(value)}`);
    this.name = 'InvalidIsoDate';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1000 && isCalendarDate(year, month, day) ? [year, month, day] : null;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return parts(value) !== null;
}

function checkedParts(date: IsoDate): [number, number, number] {
  const p = parts(date);
  if (!p) throw new InvalidIsoDate(date);
  return p;
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const [year, month, day] = checkedParts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/**
 * Year, month and day of a day number, by H. Hinnant's civil_from_days. Deadline scans call
 * this millions of times; it allocates no Date.
 */
function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function fromDayNumber(n: number): IsoDate {
  const [year, month, day] = civilFromDays(n);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function yearOfDayNumber(n: number): number {
  return civilFromDays(n)[0];
}

export function yearOf(date: IsoDate): number {
  return checkedParts(date)[0];
}

export function dayOfMonth(date: IsoDate): number {
  return checkedParts(date)[2];
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOfDayNumber(dayNumber(date));
  return weekday === 0 || weekday === 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Signed number of days from `a` to `b` (`b` − `a`). */
export function daysFrom(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * The same day of the month `months` later; when that month is shorter, its last day
 * (2026-08-31 + 6 months → 2027-02-28), as 民法典 art. 202 reads month periods.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = checkedParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  // Day 0 of the following month is the last day of the target month.
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)) / DAY_MS);
}
