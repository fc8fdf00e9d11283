/**
 * Where a clock stands on a given day, for task lists, reminders and the leaders' overdue view.
 * Only events recorded on or before that day count, so the same function answers "as of"
 * questions for indicators (was this reply on time at the end of the quarter?).
 */
import type { HolidayCalendar } from '../calendar/holidayCalendar';
import { daysFrom, isIsoDate, InvalidIsoDate, type IsoDate } from '../calendar/isoDate';
import { InvalidClockLog, readClockLog, type ClockEvent } from './clockLog';
import type { ClockDefinition, PauseReason } from './clocks';
import { remainingUnit, settleDue, type RemainingUnit } from './due';

export type ClockStatus =
  /** `daysRemaining` counts the days after today up to and including the due date (0 = due today). */
  | { status: 'running' | 'due_soon'; due: IsoDate; daysRemaining: number; unit: RemainingUnit }
  /** Past the due date by `daysOverdue` calendar days: a count of working days would show a
   * Saturday after a Friday deadline as 0 days late. */
  | { status: 'overdue'; due: IsoDate; daysOverdue: number }
  | { status: 'paused'; pausedOn: IsoDate; reason: PauseReason; daysRemaining: number; unit: RemainingUnit }
  /** `due` is null when the clock stopped while paused; such a stop is on time. */
  | { status: 'stopped'; stoppedOn: IsoDate; due: IsoDate | null; onTime: boolean };

export function clockStatus(clock: ClockDefinition, events: readonly ClockEvent[], today: IsoDate, calendar: HolidayCalendar): ClockStatus {
  if (!isIsoDate(today)) throw new InvalidIsoDate(today);
  readClockLog(clock, events); // the whole log must be valid, not only the part up to today
  const known = events.filter((e) => e.on <= today);
  if (known.length === 0) throw new InvalidClockLog(0, `the clock starts on ${events[0].on}, after ${today}`);
  const log = readClockLog(clock, known);
  const { due, remainingWhenPaused } = settleDue(clock, log, calendar);

  if (log.stop) {
    return { status: 'stopped', stoppedOn: log.stop.on, due, onTime: due === null || log.stop.on <= due };
  }
  const unit = remainingUnit(clock.unit);
  if (due === null) {
    const pause = log.pauses[log.pauses.length - 1];
    return { status: 'paused', pausedOn: pause.on, reason: pause.reason, daysRemaining: remainingWhenPaused ?? 0, unit };
  }
  if (today > due) return { status: 'overdue', due, daysOverdue: daysFrom(due, today) };
  const daysRemaining = unit === 'working_days' ? calendar.workingDaysBetween(today, due) : daysFrom(today, due);
  return { status: daysRemaining <= clock.dueSoonDays ? 'due_soon' : 'running', due, daysRemaining, unit };
}
