/**
 * Due-date arithmetic. Rules (DOMAIN.md §7, the defaults the sources leave open; they agree
 * with how 民法典 arts. 201–203 read periods):
 * - counting begins the day after the start event, and likewise every pause and resume takes
 *   effect the day after it is recorded: the day of a pause still counts, the day of the
 *   resumption does not (it belongs to the pause, as the start day belongs to before the start);
 * - working-day clocks count the calendar's working days outside pauses; calendar-day clocks
 *   count every day outside pauses; month clocks add the months (to the same day of the month,
 *   or the month's last day when it has no such day) and then the paused calendar days;
 * - extensions add to the length, in the clock's unit, counted from the start;
 * - a due date on a rest day rolls to the next working day when the clock says so.
 * A pause recorded on or after the due date does not move it: the time had already run out.
 */
import type { DayInfo, HolidayCalendar } from '../calendar/holidayCalendar';
import { addDays, addMonths, dayOfMonth, daysFrom, type IsoDate } from '../calendar/isoDate';
import { readClockLog, type ClockEvent, type ClockLog, type Extension, type Pause } from './clockLog';
import type { ClockCode, ClockDefinition, ClockUnit, PauseReason } from './clocks';

export type RemainingUnit = 'working_days' | 'calendar_days';

/** One step of a due-date computation, structured so the UI can put it into words. */
export type DueStep =
  | { kind: 'start'; on: IsoDate; countingFrom: IsoDate }
  | { kind: 'length'; base: number; setAtStart: boolean; extended: number; total: number; unit: ClockUnit }
  | (Extension & { kind: 'extension'; unit: ClockUnit; grantedAfterDue: boolean })
  | {
      kind: 'counted';
      from: IsoDate;
      to: IsoDate;
      days: number;
      unit: RemainingUnit;
      /** Working-day clocks: holidays passed over, by holiday. */
      holidaysSkipped: { holiday: string; dates: IsoDate[] }[];
      weekendDaysSkipped: number;
      /** Working-day clocks: weekend days counted because the notice made them working days. */
      adjustedWorkingDaysCounted: IsoDate[];
    }
  | { kind: 'months_added'; from: IsoDate; months: number; to: IsoDate; monthEndClamped: boolean }
  | {
      kind: 'pause_excluded';
      pausedOn: IsoDate;
      resumedOn: IsoDate;
      reason: PauseReason;
      note?: string;
      /** The excluded days: from the day after the pause through the day of resumption. */
      calendarDays: number;
      /** Working-day clocks only. */
      workingDays?: number;
      /** Month clocks: where the due date moved. */
      dueMovedTo?: IsoDate;
    }
  | { kind: 'paused'; pausedOn: IsoDate; reason: PauseReason; note?: string; remaining: number; unit: RemainingUnit }
  | { kind: 'pause_after_due'; pausedOn: IsoDate; resumedOn: IsoDate | null; reason: PauseReason }
  | { kind: 'roll_over'; from: IsoDate; to: IsoDate; restDays: DayInfo[] }
  | { kind: 'due'; on: IsoDate }
  | { kind: 'stopped'; on: IsoDate; reason?: string; onTime: boolean };

export interface DueExplanation {
  clock: ClockCode;
  unit: ClockUnit;
  /** null while the clock is paused before its time ran out: the due date depends on when it resumes. */
  due: IsoDate | null;
  /** While paused: what is left, in working days for working-day clocks, calendar days otherwise. */
  remainingWhenPaused: number | null;
  steps: DueStep[];
}

export function remainingUnit(unit: ClockUnit): RemainingUnit {
  return unit === 'working_days' ? 'working_days' : 'calendar_days';
}

interface Outcome {
  due: IsoDate | null;
  remainingWhenPaused: number | null;
  steps: DueStep[];
}

type CountedStep = Extract<DueStep, { kind: 'counted' }>;
type SegmentDetail = Pick<CountedStep, 'holidaysSkipped' | 'weekendDaysSkipped' | 'adjustedWorkingDaysCounted'>;

/**
 * Working-day and calendar-day clocks: the period runs in segments between pauses. Each
 * segment is settled with the calendar's O(1) count rather than a walk, so that a scan over
 * every open clock stays cheap; `detailed` adds what the explanation shows about each segment.
 */
function countDays(clock: ClockDefinition, log: ClockLog, total: number, calendar: HolidayCalendar, detailed: boolean): Outcome {
  const workingDays = clock.unit === 'working_days';
  const unit = remainingUnit(clock.unit);
  const advance = (from: IsoDate, n: number) => (workingDays ? calendar.addWorkingDays(from, n) : addDays(from, n));
  const count = (from: IsoDate, to: IsoDate) => (workingDays ? calendar.workingDaysBetween(from, to) : daysFrom(from, to));
  const segment = (after: IsoDate, to: IsoDate, days: number): CountedStep => ({
    kind: 'counted',
    from: addDays(after, 1),
    to,
    days,
    unit,
    ...(detailed && workingDays ? segmentDetail(calendar, after, to) : { holidaysSkipped: [], weekendDaysSkipped: 0, adjustedWorkingDaysCounted: [] }),
  });

  const steps: DueStep[] = [];
  let remaining = total;
  let after = log.start;
  for (const [i, pause] of log.pauses.entries()) {
    const candidate = advance(after, remaining);
    if (candidate <= pause.on) {
      steps.push(segment(after, candidate, remaining), ...log.pauses.slice(i).map(pauseAfterDue));
      return { due: candidate, remainingWhenPaused: null, steps };
    }
    const available = count(after, pause.on);
    if (available > 0) steps.push(segment(after, pause.on, available));
    remaining -= available;
    if (pause.resumedOn === null) {
      steps.push({ kind: 'paused', pausedOn: pause.on, reason: pause.reason, ...note(pause), remaining, unit });
      return { due: null, remainingWhenPaused: remaining, steps };
    }
    steps.push({
      kind: 'pause_excluded',
      pausedOn: pause.on,
      resumedOn: pause.resumedOn,
      reason: pause.reason,
      ...note(pause),
      calendarDays: daysFrom(pause.on, pause.resumedOn),
      ...(workingDays && { workingDays: calendar.workingDaysBetween(pause.on, pause.resumedOn) }),
    });
    after = pause.resumedOn;
  }
  const due = advance(after, remaining);
  steps.push(segment(after, due, remaining));
  return { due, remainingWhenPaused: null, steps };
}

/** What a working-day segment (after, to] passed over: holidays, weekends and 调休 days. */
function segmentDetail(calendar: HolidayCalendar, after: IsoDate, to: IsoDate): SegmentDetail {
  const detail: SegmentDetail = { holidaysSkipped: [], weekendDaysSkipped: 0, adjustedWorkingDaysCounted: [] };
  for (let day = addDays(after, 1); day <= to; day = addDays(day, 1)) {
    const info = calendar.describeDay(day);
    if (info.kind === 'weekend') detail.weekendDaysSkipped += 1;
    else if (info.kind === 'adjusted_working_day') detail.adjustedWorkingDaysCounted.push(day);
    else if (info.kind === 'holiday') {
      const last = detail.holidaysSkipped.at(-1);
      const holiday = info.holiday ?? '';
      if (last && last.holiday === holiday) last.dates.push(day);
      else detail.holidaysSkipped.push({ holiday, dates: [day] });
    }
  }
  return detail;
}

function note(pause: Pause): { note?: string } {
  return pause.note !== undefined ? { note: pause.note } : {};
}

function pauseAfterDue(pause: Pause): DueStep {
  return { kind: 'pause_after_due', pausedOn: pause.on, resumedOn: pause.resumedOn, reason: pause.reason };
}

/** Adds the months, then pushes the due date back by each pause that began before it. */
function addPeriodMonths(log: ClockLog, total: number): Outcome {
  const nominal = addMonths(log.start, total);
  const steps: DueStep[] = [
    { kind: 'months_added', from: log.start, months: total, to: nominal, monthEndClamped: dayOfMonth(nominal) !== dayOfMonth(log.start) },
  ];
  let due = nominal;
  for (const [i, pause] of log.pauses.entries()) {
    if (pause.on >= due) {
      for (const later of log.pauses.slice(i)) steps.push(pauseAfterDue(later));
      break;
    }
    if (pause.resumedOn === null) {
      const remaining = daysFrom(pause.on, due);
      steps.push({ kind: 'paused', pausedOn: pause.on, reason: pause.reason, ...note(pause), remaining, unit: 'calendar_days' });
      return { due: null, remainingWhenPaused: remaining, steps };
    }
    const calendarDays = daysFrom(pause.on, pause.resumedOn);
    due = addDays(due, calendarDays);
    steps.push({ kind: 'pause_excluded', pausedOn: pause.on, resumedOn: pause.resumedOn, reason: pause.reason, ...note(pause), calendarDays, dueMovedTo: due });
  }
  return { due, remainingWhenPaused: null, steps };
}

function rollOver(clock: ClockDefinition, outcome: Outcome, calendar: HolidayCalendar): Outcome {
  const { due } = outcome;
  if (due === null || !clock.rollToWorkingDay || clock.unit === 'working_days') return outcome;
  const rolled = calendar.firstWorkingDayFrom(due);
  if (rolled === due) return outcome;
  const restDays: DayInfo[] = [];
  for (let d = due; d < rolled; d = addDays(d, 1)) restDays.push(calendar.describeDay(d));
  return { ...outcome, due: rolled, steps: [...outcome.steps, { kind: 'roll_over', from: due, to: rolled, restDays }] };
}

function dueWith(clock: ClockDefinition, log: ClockLog, total: number, calendar: HolidayCalendar, detailed: boolean): Outcome {
  const counted = clock.unit === 'calendar_months' ? addPeriodMonths(log, total) : countDays(clock, log, total, calendar, detailed);
  return rollOver(clock, counted, calendar);
}

function totalLength(log: ClockLog): number {
  return log.extensions.reduce((sum, e) => sum + e.length, log.baseLength);
}

/** The due date of a log already read, and what is left while it is paused. */
export function settleDue(clock: ClockDefinition, log: ClockLog, calendar: HolidayCalendar): Pick<Outcome, 'due' | 'remainingWhenPaused'> {
  const { due, remainingWhenPaused } = dueWith(clock, log, totalLength(log), calendar, false);
  return { due, remainingWhenPaused };
}

/**
 * The due date and every step that led to it. Throws `InvalidClockLog` for a log that cannot
 * have happened and `CalendarYearNotLoaded` when the count reaches a year without a notice.
 */
export function explainDue(clock: ClockDefinition, events: readonly ClockEvent[], calendar: HolidayCalendar): DueExplanation {
  const log = readClockLog(clock, events);
  const total = totalLength(log);
  const outcome = dueWith(clock, log, total, calendar, true);

  const steps: DueStep[] = [
    { kind: 'start', on: log.start, countingFrom: addDays(log.start, 1) },
    { kind: 'length', base: log.baseLength, setAtStart: log.lengthSetAtStart, extended: total - log.baseLength, total, unit: clock.unit },
  ];
  let lengthSoFar = log.baseLength;
  for (const extension of log.extensions) {
    // An extension approved after the time had already run out is valid in form only; the
    // explanation says so rather than let it hide an overdue clock.
    const dueBefore = dueWith(clock, log, lengthSoFar, calendar, false).due;
    steps.push({ kind: 'extension', ...extension, unit: clock.unit, grantedAfterDue: dueBefore !== null && extension.on > dueBefore });
    lengthSoFar += extension.length;
  }
  steps.push(...outcome.steps);
  if (outcome.due !== null) steps.push({ kind: 'due', on: outcome.due });
  if (log.stop) {
    const onTime = outcome.due === null || log.stop.on <= outcome.due;
    steps.push({ kind: 'stopped', on: log.stop.on, ...(log.stop.reason !== undefined && { reason: log.stop.reason }), onTime });
  }
  return { clock: clock.code, unit: clock.unit, due: outcome.due, remainingWhenPaused: outcome.remainingWhenPaused, steps };
}

/** The due date recomputed from the log; null while the clock is paused before its time ran out. */
export function computeDue(clock: ClockDefinition, events: readonly ClockEvent[], calendar: HolidayCalendar): IsoDate | null {
  return settleDue(clock, readClockLog(clock, events), calendar).due;
}
