/**
 * The Chinese working-day calendar: Monday to Friday, minus the State Council's holidays, plus
 * the weekend days it makes working days (调休). It answers only for years whose notice is
 * loaded; a question about any other year throws `CalendarYearNotLoaded`, because a calendar
 * that guessed "working day" for 国庆 of a year it does not know would move deadlines silently.
 *
 * A calendar is an immutable value: `withSchedule` returns a new one, so a server can swap in
 * the calendar with next year's notice while requests keep using the one they started with.
 */
import { holidayName, scheduleProblems, type HolidaySchedule } from './schedule';
import { STATE_COUNCIL_SCHEDULES } from './stateCouncilSchedules';
import {
  addDays,
  dayNumber,
  fromDayNumber,
  weekdayOfDayNumber,
  yearOf,
  yearOfDayNumber,
  type IsoDate,
} from './isoDate';

export class CalendarYearNotLoaded extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `no State Council holiday schedule is loaded for ${year} (loaded: ${coveredYears.join(', ') || 'none'}); ` +
        `load that year's notice before counting days in it`,
    );
    this.name = 'CalendarYearNotLoaded';
  }
}

export class InvalidHolidaySchedule extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid holiday schedule: ${problems.join('; ')}`);
    this.name = 'InvalidHolidaySchedule';
  }
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_working_day';

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  working: boolean;
  /** For holidays and adjusted working days: the holiday, e.g. 春节 or 中秋节、国庆节. */
  holiday?: string;
}

type Mark = { kind: 'holiday' | 'adjusted_working_day'; holiday: string };

/** Per loaded year: whether each day is a working day, and how many working days there are
 * up to and including it, so that counting between two dates costs no walk. */
interface YearIndex {
  firstDay: number;
  working: Uint8Array;
  cumulative: Int32Array;
}

export class HolidayCalendar {
  private constructor(
    private readonly schedules: ReadonlyMap<number, HolidaySchedule>,
    private readonly marks: ReadonlyMap<number, Mark>,
    private readonly index: ReadonlyMap<number, YearIndex>,
  ) {}

  /** A calendar of exactly these schedules; throws `InvalidHolidaySchedule` on any problem. */
  static of(schedules: readonly HolidaySchedule[]): HolidayCalendar {
    const byYear = new Map<number, HolidaySchedule>();
    const problems: string[] = [];
    for (const schedule of schedules) {
      problems.push(...scheduleProblems(schedule).map((p) => `${schedule.year}: ${p}`));
      if (byYear.has(schedule.year)) problems.push(`${schedule.year} is given twice`);
      byYear.set(schedule.year, schedule);
    }
    if (problems.length > 0) throw new InvalidHolidaySchedule(problems);

    const marks = new Map<number, Mark>();
    for (const schedule of byYear.values()) {
      for (const period of schedule.holidays) {
        const holiday = holidayName(period);
        const entries: [IsoDate, Mark['kind']][] = period.adjustedWorkingDays.map((d) => [d, 'adjusted_working_day']);
        for (let d = period.first; d <= period.last; d = addDays(d, 1)) entries.push([d, 'holiday']);
        for (const [date, kind] of entries) {
          // Only a 元旦 break reaching back into December can meet another year's entries.
          const n = dayNumber(date);
          if (marks.has(n)) problems.push(`${date} is set by two notices`);
          marks.set(n, { kind, holiday });
        }
      }
    }
    if (problems.length > 0) throw new InvalidHolidaySchedule(problems);

    const index = new Map<number, YearIndex>();
    for (const year of byYear.keys()) {
      const firstDay = dayNumber(`${year}-01-01`);
      const length = dayNumber(`${year + 1}-01-01`) - firstDay;
      const working = new Uint8Array(length);
      const cumulative = new Int32Array(length);
      let count = 0;
      for (let i = 0; i < length; i++) {
        const kind = dayKind(firstDay + i, marks.get(firstDay + i));
        working[i] = kind === 'workday' || kind === 'adjusted_working_day' ? 1 : 0;
        count += working[i];
        cumulative[i] = count;
      }
      index.set(year, { firstDay, working, cumulative });
    }
    return new HolidayCalendar(byYear, marks, index);
  }

  /**
   * This calendar plus one more year's schedule, e.g. next year's notice loaded by an
   * administrator. A year already loaded is refused unless `replace` is set: the State Council
   * has amended a published schedule before (the 2020 春节 break was extended by a later notice).
   */
  withSchedule(schedule: HolidaySchedule, options: { replace?: boolean } = {}): HolidayCalendar {
    if (this.schedules.has(schedule.year) && !options.replace) {
      throw new InvalidHolidaySchedule([`${schedule.year} is already loaded`]);
    }
    const others = [...this.schedules.values()].filter((s) => s.year !== schedule.year);
    return HolidayCalendar.of([...others, schedule]);
  }

  coveredYears(): number[] {
    return [...this.schedules.keys()].sort((a, b) => a - b);
  }

  scheduleFor(year: number): HolidaySchedule {
    const schedule = this.schedules.get(year);
    if (!schedule) throw new CalendarYearNotLoaded(year, this.coveredYears());
    return schedule;
  }

  describeDay(date: IsoDate): DayInfo {
    const n = dayNumber(date);
    this.yearIndex(yearOf(date)); // refuses a year not loaded before its weekday is trusted
    const mark = this.marks.get(n);
    const kind = dayKind(n, mark);
    return {
      date,
      kind,
      working: kind === 'workday' || kind === 'adjusted_working_day',
      ...(mark && { holiday: mark.holiday }),
    };
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.workingAt(dayNumber(date));
  }

  /**
   * The `n`th working day after `start` (the start day itself is never counted, as a period
   * begins the day after the event that starts it); `start` for n = 0.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days to add must be a whole number ≥ 0, got ${n}`);
    let day = dayNumber(start);
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (this.workingAt(day)) counted += 1;
    }
    return fromDayNumber(day);
  }

  /**
   * Working days after `a` up to and including `b`, so that
   * `workingDaysBetween(a, addWorkingDays(a, n)) === n`; negative when `b` is before `a`.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = dayNumber(a);
    const to = dayNumber(b);
    if (to < from) return -this.workingDaysBetween(b, a);
    if (to === from) return 0;
    // Working days in (from, to] = through(to) − through(from), both counted from the start
    // of from's year; only the years from `from + 1` onwards are consulted.
    const firstYear = yearOfDayNumber(from + 1);
    const lastYear = yearOfDayNumber(to);
    let total = 0;
    for (let year = firstYear; year <= lastYear; year++) {
      const index = this.yearIndex(year);
      const end = year === lastYear ? to - index.firstDay : index.cumulative.length - 1;
      total += index.cumulative[end];
      if (year === firstYear && from >= index.firstDay) total -= index.cumulative[from - index.firstDay];
    }
    return total;
  }

  /** `date` if it is a working day, otherwise the next working day (顺延). */
  firstWorkingDayFrom(date: IsoDate): IsoDate {
    let day = dayNumber(date);
    while (!this.workingAt(day)) day += 1;
    return fromDayNumber(day);
  }

  private workingAt(day: number): boolean {
    const index = this.yearIndex(yearOfDayNumber(day));
    return index.working[day - index.firstDay] === 1;
  }

  private yearIndex(year: number): YearIndex {
    const index = this.index.get(year);
    if (!index) throw new CalendarYearNotLoaded(year, this.coveredYears());
    return index;
  }
}

function dayKind(day: number, mark: Mark | undefined): DayKind {
  if (mark) return mark.kind;
  const weekday = weekdayOfDayNumber(day);
  return weekday === 0 || weekday === 6 ? 'weekend' : 'workday';
}

/** The calendar of every notice transcribed in `stateCouncilSchedules.ts`. */
export const BUILT_IN_HOLIDAY_CALENDAR = HolidayCalendar.of(STATE_COUNCIL_SCHEDULES);
