import { describe, it, expect } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR as calendar, CalendarYearNotLoaded } from '../calendar/holidayCalendar';
import { InvalidClockLog, type ClockEvent } from './clockLog';
import { clockDefinition, DEFAULT_CLOCKS } from './clocks';
import { computeDue, explainDue } from './due';

const review = DEFAULT_CLOCKS.reverse_connection_review;
const opinionReply = DEFAULT_CLOCKS.opinion_reply;

const start = (on: string, length?: number): ClockEvent => ({ type: 'start', on, ...(length !== undefined && { length }) });
const pause = (on: string, reason: 'suspension' | 'out_of_region_consultation' | 'appraisal' = 'suspension'): ClockEvent => ({ type: 'pause', on, reason });
const resume = (on: string): ClockEvent => ({ type: 'resume', on });
const extension = (on: string, length: number): ClockEvent => ({ type: 'extension', on, length, approver: '检察长' });

describe('working-day clocks', () => {
  it('transfer of a non-prosecution case: 3 working days from a Friday before 国庆 2025', () => {
    // Fri 09-26 → Sun 09-28 (上班) 1, Mon 29 2, Tue 30 3.
    expect(computeDue(DEFAULT_CLOCKS.non_prosecution_transfer, [start('2025-09-26')], calendar)).toBe('2025-09-30');
  });

  it('reverse-connection review: 10 working days across 春节 2025, explained', () => {
    const explanation = explainDue(review, [start('2025-01-24')], calendar);
    expect(explanation.due).toBe('2025-02-13');
    expect(explanation.steps).toEqual([
      { kind: 'start', on: '2025-01-24', countingFrom: '2025-01-25' },
      { kind: 'length', base: 10, setAtStart: false, extended: 0, total: 10, unit: 'working_days' },
      {
        kind: 'counted',
        from: '2025-01-25',
        to: '2025-02-13',
        days: 10,
        unit: 'working_days',
        holidaysSkipped: [
          { holiday: '春节', dates: ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'] },
        ],
        // Sat 01-25 and Sun 02-09; Sun 01-26 and Sat 02-08 were 上班 days and counted.
        weekendDaysSkipped: 2,
        adjustedWorkingDaysCounted: ['2025-01-26', '2025-02-08'],
      },
      { kind: 'due', on: '2025-02-13' },
    ]);
  });

  it('reverse-connection review: 10 working days across 春节 2026', () => {
    // Wed 02-11 → 12, 13, Sat 14 (上班), 02-15…23 off, 24, 25, 26, 27, Sat 28 (上班), 03-02, 03-03.
    expect(computeDue(review, [start('2026-02-11')], calendar)).toBe('2026-03-03');
  });

  it('pause and resume in the middle exclude the working days between', () => {
    // Start Mon 03-02; Tue 3, Wed 4, Thu 5, Fri 6 count (4; the pause day itself still counts).
    // 03-07…03-16 are excluded (the resumption day belongs to the pause): 6 working days.
    // Then Tue 17, 18, 19, 20, Mon 23, Tue 24 make 10. Unpaused it would have been 03-16.
    const explanation = explainDue(review, [start('2026-03-02'), pause('2026-03-06'), resume('2026-03-16')], calendar);
    expect(explanation.due).toBe('2026-03-24');
    expect(explanation.steps.slice(2)).toEqual([
      expect.objectContaining({ kind: 'counted', from: '2026-03-03', to: '2026-03-06', days: 4 }),
      { kind: 'pause_excluded', pausedOn: '2026-03-06', resumedOn: '2026-03-16', reason: 'suspension', calendarDays: 10, workingDays: 6 },
      expect.objectContaining({ kind: 'counted', from: '2026-03-17', to: '2026-03-24', days: 6 }),
      { kind: 'due', on: '2026-03-24' },
    ]);
  });

  it('two pauses, one of them over 清明', () => {
    // Start Mon 03-30: 31, 04-01, 04-02 count (3). Consultation 04-02 → 04-08 excludes
    // 04-03…08 (working: 3, 7, 8; 清明 4–6 was off anyway). 04-09, 04-10 count (5).
    // Suspension 04-10 → 04-20 excludes 13–17 and 20. 21, 22, 23, 24, Mon 27 make 10.
    const events = [
      start('2026-03-30'),
      pause('2026-04-02', 'out_of_region_consultation'),
      resume('2026-04-08'),
      pause('2026-04-10'),
      resume('2026-04-20'),
    ];
    const explanation = explainDue(review, events, calendar);
    expect(explanation.due).toBe('2026-04-27');
    const summary = explanation.steps.map((s) =>
      s.kind === 'counted' ? `counted ${s.from}..${s.to} ${s.days}` : s.kind === 'pause_excluded' ? `paused ${s.reason} ${s.calendarDays}/${s.workingDays}` : s.kind,
    );
    expect(summary).toEqual([
      'start',
      'length',
      'counted 2026-03-31..2026-04-02 3',
      'paused out_of_region_consultation 6/3',
      'counted 2026-04-09..2026-04-10 2',
      'paused suspension 10/6',
      'counted 2026-04-21..2026-04-27 5',
      'due',
    ]);
  });

  it('a pause on the start day holds the clock before it counts anything', () => {
    // Excluded 03-03 and 03-04; counting from Thu 03-05: 5, 6, 9–13, 16, 17, 18.
    const explanation = explainDue(review, [start('2026-03-02'), pause('2026-03-02'), resume('2026-03-04')], calendar);
    expect(explanation.due).toBe('2026-03-18');
    expect(explanation.steps[2]).toMatchObject({ kind: 'pause_excluded', calendarDays: 2, workingDays: 2 });
  });

  it('a pause resumed the same day changes nothing', () => {
    expect(computeDue(review, [start('2026-03-02'), pause('2026-03-10'), resume('2026-03-10')], calendar)).toBe('2026-03-16');
  });

  it('a pause on or after the due date does not move it', () => {
    const explanation = explainDue(review, [start('2026-03-02'), pause('2026-03-16'), resume('2026-03-20')], calendar);
    expect(explanation.due).toBe('2026-03-16');
    expect(explanation.steps).toContainEqual({ kind: 'pause_after_due', pausedOn: '2026-03-16', resumedOn: '2026-03-20', reason: 'suspension' });
    expect(computeDue(review, [start('2026-03-02'), pause('2026-03-20')], calendar)).toBe('2026-03-16');
  });

  it('has no due date while paused, and says how much is left', () => {
    const explanation = explainDue(review, [start('2026-03-02'), pause('2026-03-06')], calendar);
    expect(explanation.due).toBeNull();
    expect(explanation.remainingWhenPaused).toBe(6);
    expect(explanation.steps.at(-1)).toEqual({ kind: 'paused', pausedOn: '2026-03-06', reason: 'suspension', remaining: 6, unit: 'working_days' });
  });

  it('an extension adds working days to the length', () => {
    // 15 working days after Mon 03-02: 3–6, 9–13, 16 (10), 17, 18, 19, 20, 23 (15).
    const explanation = explainDue(review, [start('2026-03-02'), extension('2026-03-12', 5)], calendar);
    expect(explanation.due).toBe('2026-03-23');
    expect(explanation.steps.slice(1, 3)).toEqual([
      { kind: 'length', base: 10, setAtStart: false, extended: 5, total: 15, unit: 'working_days' },
      { kind: 'extension', on: '2026-03-12', length: 5, approver: '检察长', unit: 'working_days', grantedAfterDue: false },
    ]);
  });

  it('flags an extension granted after the time had run out', () => {
    const explanation = explainDue(review, [start('2026-03-02'), extension('2026-03-18', 5)], calendar);
    expect(explanation.due).toBe('2026-03-23');
    expect(explanation.steps[2]).toMatchObject({ kind: 'extension', grantedAfterDue: true });
  });

  it('an extension after a pause counts on from where the pause left it', () => {
    // 4 counted before the pause (03-03…06), 11 left after resuming on 03-16:
    // 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31. The extension (03-18) precedes the old due 03-24.
    const events = [start('2026-03-02'), pause('2026-03-06'), resume('2026-03-16'), extension('2026-03-18', 5)];
    const explanation = explainDue(review, events, calendar);
    expect(explanation.due).toBe('2026-03-31');
    expect(explanation.steps[2]).toMatchObject({ kind: 'extension', grantedAfterDue: false });
  });

  it('refuses to count into a year not loaded', () => {
    // Thu 2026-12-24: five working days remain in 2026, the other five need the 2027 notice.
    expect(() => computeDue(review, [start('2026-12-24')], calendar)).toThrow(CalendarYearNotLoaded);
  });
});

describe('calendar-month clocks', () => {
  it('add the months and roll a Sunday to Monday', () => {
    const explanation = explainDue(opinionReply, [start('2026-03-10')], calendar);
    expect(explanation.due).toBe('2026-05-11');
    expect(explanation.steps.slice(2)).toEqual([
      { kind: 'months_added', from: '2026-03-10', months: 2, to: '2026-05-10', monthEndClamped: false },
      { kind: 'roll_over', from: '2026-05-10', to: '2026-05-11', restDays: [{ date: '2026-05-10', kind: 'weekend', working: false }] },
      { kind: 'due', on: '2026-05-11' },
    ]);
  });

  it('roll over the whole 国庆 break', () => {
    const explanation = explainDue(opinionReply, [start('2026-08-01')], calendar);
    expect(explanation.due).toBe('2026-10-08');
    const roll = explanation.steps.find((s) => s.kind === 'roll_over');
    expect(roll).toMatchObject({ from: '2026-10-01', to: '2026-10-08' });
    expect(roll?.kind === 'roll_over' && roll.restDays.map((d) => d.holiday)).toEqual(Array(7).fill('国庆节'));
  });

  it('do not roll from a weekend day made a working day', () => {
    // 2026-09-20 is a Sunday, but the 2026 notice makes it a working day for 国庆.
    expect(computeDue(opinionReply, [start('2026-07-20')], calendar)).toBe('2026-09-20');
  });

  it('end on the last day of a month that lacks the day', () => {
    // 2025-12-31 + 2 months → 2026-02-28, a Saturday that the 2026 notice makes a working day.
    const explanation = explainDue(opinionReply, [start('2025-12-31')], calendar);
    expect(explanation.due).toBe('2026-02-28');
    expect(explanation.steps[2]).toEqual({ kind: 'months_added', from: '2025-12-31', months: 2, to: '2026-02-28', monthEndClamped: true });
  });

  it('litigation application: 2026-08-31 + 6 months is 2027-02-28, which cannot be rolled before 2027 is loaded', () => {
    const application = DEFAULT_CLOCKS.litigation_application;
    // 2027-02-28 is a Sunday: whether it rolls, and how far, depends on the 2027 notice.
    expect(() => computeDue(application, [start('2026-08-31')], calendar)).toThrow(CalendarYearNotLoaded);
    const withoutRoll = clockDefinition('litigation_application', { clocks: { litigation_application: { rollToWorkingDay: false } } });
    expect(computeDue(withoutRoll, [start('2026-08-31')], calendar)).toBe('2027-02-28');
  });

  it('take a length set when the clock starts (集宁: 1 month for an opinion)', () => {
    // Opinion received 2024-05-11; 06-11 is a Tuesday (端午 2024 was Mon 06-10).
    const explanation = explainDue(opinionReply, [start('2024-05-11', 1)], calendar);
    expect(explanation.due).toBe('2024-06-11');
    expect(explanation.steps[1]).toEqual({ kind: 'length', base: 1, setAtStart: true, extended: 0, total: 1, unit: 'calendar_months' });
  });

  it('add paused calendar days and extension months (illegal-act case)', () => {
    // 立案 01-15; extension of 1 month → 4 months → 05-15. Appraisal 02-10 → 03-02 excludes
    // 20 calendar days → 06-04, a Thursday.
    const events: ClockEvent[] = [start('2026-01-15'), pause('2026-02-10', 'appraisal'), resume('2026-03-02'), extension('2026-04-01', 1)];
    const explanation = explainDue(DEFAULT_CLOCKS.illegal_act_case, events, calendar);
    expect(explanation.due).toBe('2026-06-04');
    expect(explanation.steps.slice(3)).toEqual([
      { kind: 'months_added', from: '2026-01-15', months: 4, to: '2026-05-15', monthEndClamped: false },
      { kind: 'pause_excluded', pausedOn: '2026-02-10', resumedOn: '2026-03-02', reason: 'appraisal', calendarDays: 20, dueMovedTo: '2026-06-04' },
      { kind: 'due', on: '2026-06-04' },
    ]);
    // Without the extension: 04-15 + 20 = 05-05, 劳动节, rolled to Wed 05-06; 04-01 is before it.
    expect(explanation.steps[2]).toMatchObject({ kind: 'extension', grantedAfterDue: false });
  });

  it('while paused keep the calendar days that were left', () => {
    // Litigation review accepted 01-05 → 04-05. Paused 02-01: 63 days left (27 + 31 + 5).
    const clock = DEFAULT_CLOCKS.litigation_review;
    const paused = explainDue(clock, [start('2026-01-05'), pause('2026-02-01')], calendar);
    expect(paused.due).toBeNull();
    expect(paused.remainingWhenPaused).toBe(63);
    // Resumed 02-11: 10 days later, 04-15 (Wed).
    expect(computeDue(clock, [start('2026-01-05'), pause('2026-02-01'), resume('2026-02-11')], calendar)).toBe('2026-04-15');
  });
});

describe('calendar-day clocks', () => {
  it('count every day and roll a holiday', () => {
    // Suggestion issued Wed 09-30; 7 days → 10-07, still 国庆 → Thu 10-08.
    const explanation = explainDue(DEFAULT_CLOCKS.suggestion_service, [start('2026-09-30')], calendar);
    expect(explanation.due).toBe('2026-10-08');
    expect(explanation.steps[2]).toEqual({
      kind: 'counted',
      from: '2026-10-01',
      to: '2026-10-07',
      days: 7,
      unit: 'calendar_days',
      holidaysSkipped: [],
      weekendDaysSkipped: 0,
      adjustedWorkingDaysCounted: [],
    });
  });
});

describe('stopping', () => {
  it('is recorded with whether it came in time', () => {
    const onTime = explainDue(review, [start('2026-03-02'), { type: 'stop', on: '2026-03-13', reason: '审查终结报告' }], calendar);
    expect(onTime.due).toBe('2026-03-16');
    expect(onTime.steps.at(-1)).toEqual({ kind: 'stopped', on: '2026-03-13', reason: '审查终结报告', onTime: true });
    const late = explainDue(review, [start('2026-03-02'), { type: 'stop', on: '2026-03-17' }], calendar);
    expect(late.steps.at(-1)).toEqual({ kind: 'stopped', on: '2026-03-17', onTime: false });
  });

  it('while paused is on time', () => {
    const explanation = explainDue(review, [start('2026-03-02'), pause('2026-03-06'), { type: 'stop', on: '2026-04-30' }], calendar);
    expect(explanation.steps.at(-1)).toEqual({ kind: 'stopped', on: '2026-04-30', onTime: true });
  });
});

describe('an impossible log', () => {
  const cases: [string, ClockEvent[], string][] = [
    ['is empty', [], 'clock event 0: a clock log begins with its start'],
    ['does not begin with the start', [resume('2026-03-02')], 'clock event 0: a clock log begins with its start'],
    ['starts twice', [start('2026-03-02'), start('2026-03-03')], 'clock event 1: the clock is already started'],
    ['resumes without a pause', [start('2026-03-02'), resume('2026-03-03')], 'clock event 1: resume without a pause'],
    ['pauses twice', [start('2026-03-02'), pause('2026-03-03'), pause('2026-03-04')], 'clock event 2: already paused since 2026-03-03'],
    ['goes back in time', [start('2026-03-02'), pause('2026-03-01')], 'clock event 1: pause on 2026-03-01 is recorded after an event on 2026-03-02'],
    ['goes on after the stop', [start('2026-03-02'), { type: 'stop', on: '2026-03-05' }, pause('2026-03-06')], 'clock event 2: pause after the clock stopped on 2026-03-05'],
    ['has a bad date', [start('2026-02-30')], 'clock event 0: "2026-02-30" is not a YYYY-MM-DD date'],
    ['starts with no length', [start('2026-03-02', 0)], 'clock event 0: length 0 is not a whole number ≥ 1'],
    [
      'pauses for a reason the clock does not know',
      [start('2026-03-02'), pause('2026-03-03', 'appraisal')],
      'clock event 1: reverse_connection_review cannot be paused for "appraisal" (allowed: suspension, out_of_region_consultation)',
    ],
    ['extends by nothing', [start('2026-03-02'), extension('2026-03-03', 0)], 'clock event 1: extension 0 is not a whole number ≥ 1'],
    [
      'extends without an approver',
      [start('2026-03-02'), { type: 'extension', on: '2026-03-03', length: 5, approver: ' ' }],
      'clock event 1: an extension needs its approver',
    ],
  ];
  it.each(cases)('%s', (_, events, message) => {
    expect(() => computeDue(review, events, calendar)).toThrow(InvalidClockLog);
    expect(() => computeDue(review, events, calendar)).toThrow(message);
  });

  it('pauses or extends a clock that allows neither', () => {
    expect(() => computeDue(opinionReply, [start('2026-03-02'), pause('2026-03-03')], calendar)).toThrow(
      'opinion_reply cannot be paused for "suspension" (allowed: none)',
    );
    expect(() => computeDue(opinionReply, [start('2026-03-02'), extension('2026-03-03', 1)], calendar)).toThrow('opinion_reply cannot be extended');
  });
});
