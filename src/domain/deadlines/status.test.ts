import { describe, it, expect } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR as calendar } from '../calendar/holidayCalendar';
import { InvalidIsoDate } from '../calendar/isoDate';
import { InvalidClockLog, type ClockEvent } from './clockLog';
import { clockDefinition, DEFAULT_CLOCKS } from './clocks';
import { clockStatus } from './status';

const review = DEFAULT_CLOCKS.reverse_connection_review;
// Registered Mon 2026-03-02: due Mon 03-16 (03-03…06, 09…13, 16).
const registered: ClockEvent[] = [{ type: 'start', on: '2026-03-02' }];

describe('clockStatus', () => {
  it('runs, then is due soon within 3 working days, then is overdue', () => {
    expect(clockStatus(review, registered, '2026-03-02', calendar)).toEqual({ status: 'running', due: '2026-03-16', daysRemaining: 10, unit: 'working_days' });
    // 11, 12, 13, 16 remain after Tue 03-10.
    expect(clockStatus(review, registered, '2026-03-10', calendar)).toMatchObject({ status: 'running', daysRemaining: 4 });
    expect(clockStatus(review, registered, '2026-03-11', calendar)).toMatchObject({ status: 'due_soon', daysRemaining: 3 });
    // Saturday 03-14: only Monday 03-16 remains.
    expect(clockStatus(review, registered, '2026-03-14', calendar)).toMatchObject({ status: 'due_soon', daysRemaining: 1 });
    expect(clockStatus(review, registered, '2026-03-16', calendar)).toMatchObject({ status: 'due_soon', daysRemaining: 0 });
    expect(clockStatus(review, registered, '2026-03-17', calendar)).toEqual({ status: 'overdue', due: '2026-03-16', daysOverdue: 1 });
  });

  it('counts overdue time in calendar days, so a weekend after the deadline shows', () => {
    // Due Friday 2025-02-14 would be 0 working days late on Saturday; it is 1 day late.
    const transfer = DEFAULT_CLOCKS.non_prosecution_transfer;
    // Decision Tue 2025-02-11 → 12, 13, 14.
    expect(clockStatus(transfer, [{ type: 'start', on: '2025-02-11' }], '2025-02-15', calendar)).toEqual({
      status: 'overdue',
      due: '2025-02-14',
      daysOverdue: 1,
    });
  });

  it('uses the procuratorate’s warning period', () => {
    const clock = clockDefinition('reverse_connection_review', { clocks: { reverse_connection_review: { dueSoonDays: 5 } } });
    // Mon 03-09: 10, 11, 12, 13, 16 remain.
    expect(clockStatus(clock, registered, '2026-03-09', calendar)).toMatchObject({ status: 'due_soon', daysRemaining: 5 });
  });

  it('is paused with the working days that were left', () => {
    const events: ClockEvent[] = [...registered, { type: 'pause', on: '2026-03-06', reason: 'suspension' }];
    expect(clockStatus(review, events, '2026-03-10', calendar)).toEqual({
      status: 'paused',
      pausedOn: '2026-03-06',
      reason: 'suspension',
      daysRemaining: 6,
      unit: 'working_days',
    });
  });

  it('stays overdue when paused only after its time ran out', () => {
    const events: ClockEvent[] = [...registered, { type: 'pause', on: '2026-03-17', reason: 'suspension' }];
    expect(clockStatus(review, events, '2026-03-20', calendar)).toEqual({ status: 'overdue', due: '2026-03-16', daysOverdue: 4 });
  });

  it('reads only the events up to the day asked about', () => {
    const events: ClockEvent[] = [
      ...registered,
      { type: 'pause', on: '2026-03-12', reason: 'suspension' },
      { type: 'resume', on: '2026-03-20' },
      { type: 'stop', on: '2026-03-25' },
    ];
    expect(clockStatus(review, events, '2026-03-10', calendar)).toMatchObject({ status: 'running', due: '2026-03-16', daysRemaining: 4 });
    expect(clockStatus(review, events, '2026-03-15', calendar)).toMatchObject({ status: 'paused', daysRemaining: 2 });
    // Paused 03-13…03-20 (working 13, 16–20: 6 days) → due 03-24; stopped 03-25, a day late.
    expect(clockStatus(review, events, '2026-03-31', calendar)).toEqual({ status: 'stopped', stoppedOn: '2026-03-25', due: '2026-03-24', onTime: false });
  });

  it('is stopped, on time or not', () => {
    expect(clockStatus(review, [...registered, { type: 'stop', on: '2026-03-13' }], '2026-04-01', calendar)).toEqual({
      status: 'stopped',
      stoppedOn: '2026-03-13',
      due: '2026-03-16',
      onTime: true,
    });
    const whilePaused: ClockEvent[] = [...registered, { type: 'pause', on: '2026-03-06', reason: 'suspension' }, { type: 'stop', on: '2026-04-30' }];
    expect(clockStatus(review, whilePaused, '2026-05-06', calendar)).toEqual({ status: 'stopped', stoppedOn: '2026-04-30', due: null, onTime: true });
  });

  it('warns a week ahead for month clocks', () => {
    // Opinion received 03-10 → 05-10 (Sunday) → Monday 05-11.
    const events: ClockEvent[] = [{ type: 'start', on: '2026-03-10' }];
    const opinionReply = DEFAULT_CLOCKS.opinion_reply;
    expect(clockStatus(opinionReply, events, '2026-05-03', calendar)).toEqual({ status: 'running', due: '2026-05-11', daysRemaining: 8, unit: 'calendar_days' });
    expect(clockStatus(opinionReply, events, '2026-05-04', calendar)).toMatchObject({ status: 'due_soon', daysRemaining: 7 });
    expect(clockStatus(opinionReply, events, '2026-05-12', calendar)).toMatchObject({ status: 'overdue', daysOverdue: 1 });
  });

  it('refuses a clock that starts after the day asked about, a bad date and a bad log', () => {
    expect(() => clockStatus(review, registered, '2026-03-01', calendar)).toThrow(InvalidClockLog);
    expect(() => clockStatus(review, registered, '2026-3-1', calendar)).toThrow(InvalidIsoDate);
    // A fault after the day asked about is still a fault.
    const broken: ClockEvent[] = [...registered, { type: 'resume', on: '2026-03-20' }];
    expect(() => clockStatus(review, broken, '2026-03-10', calendar)).toThrow('resume without a pause');
  });
});
