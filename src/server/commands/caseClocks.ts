/**
 * Deadline clocks of cases. The event log is the truth; `due_on` is recomputed from it after
 * every event and kept only so lists, reminders and the overdue view can use an index.
 */
import { CalendarYearNotLoaded, type IsoDate } from '../../domain/calendar/index.js';
import {
  clockDefinition,
  clockStatus,
  computeDue,
  explainDue,
  InvalidClockLog,
  type ClockCode,
  type ClockEvent,
  type ClockStatus,
  type DueExplanation,
} from '../../domain/deadlines/index.js';
import { AppError } from '../errors.js';
import type { Trx } from './context.js';

import { currentCalendar } from './holidaySchedules.js';

/** The due date, or null with the reason when it cannot be known yet (paused, or a year whose
 * holiday schedule is not loaded — counting through it would silently call holidays workdays). */
export function dueOf(code: ClockCode, events: ClockEvent[]): { due: IsoDate | null; problem: string | null } {
  try {
    return { due: computeDue(clockDefinition(code), events, currentCalendar()), problem: null };
  } catch (e) {
    if (e instanceof CalendarYearNotLoaded) return { due: null, problem: `calendar_year_not_loaded:${e.year}` };
    throw e;
  }
}

export type ClockView =
  | ClockStatus
  | { status: 'unknown'; problem: string };

/** A stored log the rules refuse (e.g. one written before a clock's rules changed) is shown as
 * unknown with the reason, never as a failed page. */
export function statusOf(code: ClockCode, events: ClockEvent[], today: IsoDate): ClockView {
  try {
    return clockStatus(clockDefinition(code), events, today, currentCalendar());
  } catch (e) {
    if (e instanceof CalendarYearNotLoaded) return { status: 'unknown', problem: `calendar_year_not_loaded:${e.year}` };
    if (e instanceof InvalidClockLog) return { status: 'unknown', problem: events[0] && events[0].on > today ? 'not_started' : `invalid_log:${e.message}` };
    throw e;
  }
}

export function explanationOf(code: ClockCode, events: ClockEvent[]): DueExplanation | null {
  try {
    return explainDue(clockDefinition(code), events, currentCalendar());
  } catch (e) {
    if (e instanceof CalendarYearNotLoaded || e instanceof InvalidClockLog) return null;
    throw e;
  }
}

export async function startClock(
  trx: Trx,
  caseId: string,
  code: ClockCode,
  on: IsoDate,
  options: { documentId?: string; length?: number } = {},
): Promise<string> {
  const events: ClockEvent[] = [{ type: 'start', on, ...(options.length !== undefined && { length: options.length }) }];
  const { due } = dueOf(code, events);
  const row = await trx
    .insertInto('case_clocks')
    .values({ case_id: caseId, document_id: options.documentId ?? null, code, events: JSON.stringify(events), due_on: due })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The running (not stopped) clock of a case with this code, if any. */
export async function openClock(trx: Trx, caseId: string, code: ClockCode) {
  return trx
    .selectFrom('case_clocks')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('code', '=', code)
    .where('stopped_on', 'is', null)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .executeTakeFirst();
}

/** Appends an event; an event the log refuses (a resume without a pause, a date going back)
 * becomes a 422 that says why. */
export async function recordClockEvent(trx: Trx, clockId: string, event: ClockEvent): Promise<{ due: IsoDate | null }> {
  const clock = await trx.selectFrom('case_clocks').selectAll().where('id', '=', clockId).forUpdate().executeTakeFirstOrThrow();
  const events = [...clock.events, event];
  let due: IsoDate | null;
  try {
    due = dueOf(clock.code as ClockCode, events).due;
  } catch (e) {
    if (e instanceof InvalidClockLog) throw new AppError(422, 'invalid_clock_event', e.message);
    throw e;
  }
  await trx
    .updateTable('case_clocks')
    .set({ events: JSON.stringify(events), due_on: due, stopped_on: event.type === 'stop' ? event.on : clock.stopped_on })
    .where('id', '=', clockId)
    .execute();
  return { due };
}

export async function stopOpenClock(trx: Trx, caseId: string, code: ClockCode, on: IsoDate, reason?: string): Promise<void> {
  const clock = await openClock(trx, caseId, code);
  if (clock) await recordClockEvent(trx, clock.id, { type: 'stop', on, ...(reason && { reason }) });
}
