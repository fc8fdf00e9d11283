/**
 * One year's public-holiday schedule as the State Council announces it every autumn
 * (国务院办公厅关于××××年部分节假日安排的通知): for each festival the days off, and the weekend
 * days made working days to pay for them (调休上班). The schedule is data so that an
 * administrator can load next year's notice without a code change; `scheduleProblems` is the
 * check that stands between a typing slip and every deadline of the year.
 */
import { daysFrom, isIsoDate, isWeekend, yearOf, type IsoDate } from './isoDate';

/** The festivals of 全国年节及纪念日放假办法 on which every citizen has days off. */
export const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type Festival = (typeof FESTIVALS)[number];

export interface HolidayNotice {
  /** e.g. 国务院办公厅关于2026年部分节假日安排的通知 */
  title: string;
  /** Document number, e.g. 国办发明电〔2025〕7号 */
  number: string;
  issuedOn: IsoDate;
}

/** One item of the notice (一、元旦：…). */
export interface HolidayPeriod {
  /** Usually one festival; 中秋节 and 国庆节 share an item when they fall together. */
  festivals: Festival[];
  /** First and last day off, inclusive, including the weekend days inside the range. */
  first: IsoDate;
  last: IsoDate;
  /** The length the notice announces (共8天), kept separately so that a slip in either the
   * range or the count is caught by comparing them. */
  days: number;
  /** Weekend days the notice makes working days for this holiday (1月26日（周日）上班). */
  adjustedWorkingDays: IsoDate[];
}

export interface HolidaySchedule {
  year: number;
  notice: HolidayNotice;
  holidays: HolidayPeriod[];
}

export function holidayName(period: HolidayPeriod): string {
  return period.festivals.join('、');
}

/**
 * Whether a date may appear in the schedule of `year`. 元旦 is the exception: its break can
 * begin in the last days of the previous year (the 2023 notice: 2022年12月31日至2023年1月2日;
 * the 2019 notice also made 2018-12-29 a working day), and the notice of the new year is
 * where that is announced.
 */
function belongsToNoticeYear(date: IsoDate, year: number, period: HolidayPeriod): boolean {
  if (yearOf(date) === year) return true;
  const newYearOnly = period.festivals.length === 1 && period.festivals[0] === '元旦';
  return newYearOnly && date >= `${year - 1}-12-01` && date <= `${year - 1}-12-31`;
}

/** What is wrong with a schedule, as sentences; empty when it can be loaded. */
export function scheduleProblems(schedule: HolidaySchedule): string[] {
  const problems: string[] = [];
  const { year } = schedule;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    return [`year ${JSON.stringify(year)} is not a four-digit year`];
  }
  if (schedule.notice.title.trim() === '') problems.push('the notice title is missing');
  if (schedule.notice.number.trim() === '') problems.push('the notice number is missing');
  if (!isIsoDate(schedule.notice.issuedOn)) problems.push(`the notice date ${JSON.stringify(schedule.notice.issuedOn)} is not a YYYY-MM-DD date`);

  const seenFestivals = new Set<string>();
  const validPeriods: HolidayPeriod[] = [];
  for (const period of schedule.holidays) {
    const name = holidayName(period) || '(no festival)';
    if (period.festivals.length === 0) problems.push('a holiday names no festival');
    for (const festival of period.festivals) {
      if (!(FESTIVALS as readonly string[]).includes(festival)) problems.push(`"${festival}" is not a public holiday festival`);
      else if (seenFestivals.has(festival)) problems.push(`${festival} appears twice`);
      seenFestivals.add(festival);
    }
    const dates = [period.first, period.last, ...period.adjustedWorkingDays];
    const badDates = dates.filter((d) => !isIsoDate(d));
    if (badDates.length > 0) {
      problems.push(`${name}: ${badDates.map((d) => JSON.stringify(d)).join(', ')} not YYYY-MM-DD dates`);
      continue;
    }
    for (const d of dates) {
      if (!belongsToNoticeYear(d, year, period)) problems.push(`${name}: ${d} is outside ${year}`);
    }
    if (period.first > period.last) {
      problems.push(`${name}: first day ${period.first} is after last day ${period.last}`);
      continue;
    }
    const length = daysFrom(period.first, period.last) + 1;
    if (period.days !== length) {
      problems.push(`${name}: ${period.first} to ${period.last} is ${length} days, the notice says ${period.days}`);
    }
    for (const d of period.adjustedWorkingDays) {
      if (!isWeekend(d)) problems.push(`${name}: adjusted working day ${d} is not a Saturday or Sunday`);
    }
    validPeriods.push(period);
  }
  for (const festival of FESTIVALS) {
    if (!seenFestivals.has(festival)) problems.push(`${festival} is missing`);
  }

  const sorted = [...validPeriods].sort((a, b) => (a.first < b.first ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].first <= sorted[i - 1].last) {
      problems.push(`${holidayName(sorted[i - 1])} and ${holidayName(sorted[i])} overlap`);
    }
  }
  const seenWorkingDays = new Set<IsoDate>();
  for (const period of validPeriods) {
    for (const d of period.adjustedWorkingDays) {
      if (seenWorkingDays.has(d)) problems.push(`adjusted working day ${d} is listed twice`);
      seenWorkingDays.add(d);
      const holiday = validPeriods.find((p) => p.first <= d && d <= p.last);
      if (holiday) problems.push(`${d} is both an adjusted working day and a day off of ${holidayName(holiday)}`);
    }
  }
  return problems;
}
