/**
 * A clock's event log. The due date is never stored as the truth: it is recomputed from the
 * log, so a late-entered suspension, a corrected date or next year's holiday notice moves it,
 * and the explanation can always show why it is what it is.
 */
import { isIsoDate, type IsoDate } from '../calendar/isoDate';
import type { ClockDefinition, PauseReason } from './clocks';

export type ClockEvent =
  /** `length` overrides the definition for this clock only, e.g. a 检察建议书 that sets a
   * shorter reply period because the matter is urgent, or 集宁's 1 month for an opinion. */
  | { type: 'start'; on: IsoDate; length?: number }
  | { type: 'pause'; on: IsoDate; reason: PauseReason; note?: string }
  | { type: 'resume'; on: IsoDate }
  | { type: 'extension'; on: IsoDate; length: number; approver: string; note?: string }
  | { type: 'stop'; on: IsoDate; reason?: string };

export class InvalidClockLog extends Error {
  constructor(
    readonly eventIndex: number,
    readonly problem: string,
  ) {
    super(`clock event ${eventIndex}: ${problem}`);
    this.name = 'InvalidClockLog';
  }
}

export interface Pause {
  on: IsoDate;
  /** null while the clock is still paused. */
  resumedOn: IsoDate | null;
  reason: PauseReason;
  note?: string;
}

export interface Extension {
  on: IsoDate;
  length: number;
  approver: string;
  note?: string;
}

/** The log read into what the arithmetic needs. */
export interface ClockLog {
  start: IsoDate;
  baseLength: number;
  lengthSetAtStart: boolean;
  pauses: Pause[];
  extensions: Extension[];
  stop: { on: IsoDate; reason?: string } | null;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/**
 * Checks the log against the clock and reads it. Events must be in the order they happened
 * (dates never going back); the clock must start first, pause only while running, resume only
 * while paused, and record nothing after it stops.
 */
export function readClockLog(clock: ClockDefinition, events: readonly ClockEvent[]): ClockLog {
  const first = events[0];
  if (!first || first.type !== 'start') throw new InvalidClockLog(0, 'a clock log begins with its start');
  const log: ClockLog = {
    start: first.on,
    baseLength: first.length ?? clock.length,
    lengthSetAtStart: first.length !== undefined,
    pauses: [],
    extensions: [],
    stop: null,
  };
  let previous: IsoDate | null = null;
  events.forEach((event, i) => {
    const fail = (problem: string) => {
      throw new InvalidClockLog(i, problem);
    };
    if (!isIsoDate(event.on)) fail(`${JSON.stringify(event.on)} is not a YYYY-MM-DD date`);
    if (previous !== null && event.on < previous) fail(`${event.type} on ${event.on} is recorded after an event on ${previous}`);
    previous = event.on;
    if (log.stop) fail(`${event.type} after the clock stopped on ${log.stop.on}`);
    const openPause = log.pauses.at(-1)?.resumedOn === null ? log.pauses.at(-1) : undefined;
    switch (event.type) {
      case 'start':
        if (i > 0) fail('the clock is already started');
        if (event.length !== undefined && !isWholeNumber(event.length)) fail(`length ${event.length} is not a whole number ≥ 1`);
        break;
      case 'pause':
        if (openPause) fail(`already paused since ${openPause.on}`);
        if (!clock.pauseReasons.includes(event.reason)) {
          fail(`${clock.code} cannot be paused for "${event.reason}" (allowed: ${clock.pauseReasons.join(', ') || 'none'})`);
        }
        log.pauses.push({ on: event.on, resumedOn: null, reason: event.reason, ...(event.note !== undefined && { note: event.note }) });
        break;
      case 'resume':
        if (!openPause) fail('resume without a pause');
        else openPause.resumedOn = event.on;
        break;
      case 'extension':
        if (!clock.extendable) fail(`${clock.code} cannot be extended`);
        if (!isWholeNumber(event.length)) fail(`extension ${event.length} is not a whole number ≥ 1`);
        if (typeof event.approver !== 'string' || event.approver.trim() === '') fail('an extension needs its approver');
        log.extensions.push({ on: event.on, length: event.length, approver: event.approver, ...(event.note !== undefined && { note: event.note }) });
        break;
      case 'stop':
        log.stop = { on: event.on, ...(event.reason !== undefined && { reason: event.reason }) };
        break;
      default:
        fail(`unknown event type ${JSON.stringify((event as { type: unknown }).type)}`);
    }
  });
  return log;
}
