import { describe, it, expect } from 'vitest';
import { CLOCK_CODES, clockDefinition, clockDefinitions, DEFAULT_CLOCKS, deadlineSettingsProblems, InvalidDeadlineSettings, type DeadlineSettings } from './clocks';

describe('default clocks (DOMAIN.md §7)', () => {
  it('have the lengths and units of the deadlines table', () => {
    const table = Object.fromEntries(CLOCK_CODES.map((code) => [code, [DEFAULT_CLOCKS[code].length, DEFAULT_CLOCKS[code].unit]]));
    expect(table).toEqual({
      non_prosecution_transfer: [3, 'working_days'],
      reverse_connection_review: [10, 'working_days'],
      opinion_reply: [2, 'calendar_months'],
      follow_up_reply: [1, 'calendar_months'],
      suggestion_reply: [2, 'calendar_months'],
      objection_review: [5, 'working_days'],
      suggestion_service: [7, 'calendar_days'],
      illegal_act_case: [3, 'calendar_months'],
      clue_evaluation: [1, 'calendar_months'],
      litigation_application: [6, 'calendar_months'],
      litigation_review: [3, 'calendar_months'],
      court_response: [3, 'calendar_months'],
      guangdong_acceptance_notice: [7, 'working_days'],
      guangdong_progress_report: [3, 'calendar_months'],
    });
  });

  it('start from the events of the table', () => {
    expect(DEFAULT_CLOCKS.non_prosecution_transfer.startEvent).toBe('不起诉决定');
    expect(DEFAULT_CLOCKS.reverse_connection_review.startEvent).toBe('登记受理');
    expect(DEFAULT_CLOCKS.illegal_act_case.startEvent).toBe('立案');
  });

  it('warn 3 working days, 7 days for month clocks, 3 days for day clocks', () => {
    expect(DEFAULT_CLOCKS.reverse_connection_review.dueSoonDays).toBe(3);
    expect(DEFAULT_CLOCKS.opinion_reply.dueSoonDays).toBe(7);
    expect(DEFAULT_CLOCKS.suggestion_service.dueSoonDays).toBe(3);
  });

  it('roll to the next working day and are on, except the local and unconfirmed rules', () => {
    for (const code of CLOCK_CODES) expect(DEFAULT_CLOCKS[code].rollToWorkingDay, code).toBe(true);
    const off = CLOCK_CODES.filter((code) => !DEFAULT_CLOCKS[code].enabled);
    expect(off).toEqual(['suggestion_service', 'guangdong_acceptance_notice', 'guangdong_progress_report']);
  });

  it('pause and extend only where a rule excludes or extends time', () => {
    expect(DEFAULT_CLOCKS.reverse_connection_review.pauseReasons).toEqual(['suspension', 'out_of_region_consultation']);
    expect(DEFAULT_CLOCKS.illegal_act_case.pauseReasons).toEqual(['suspension', 'appraisal', 'audit', 'approval']);
    expect(DEFAULT_CLOCKS.litigation_review.pauseReasons).toEqual(['suspension']);
    expect(DEFAULT_CLOCKS.opinion_reply.pauseReasons).toEqual([]);
    expect(DEFAULT_CLOCKS.reverse_connection_review.extendable).toBe(true);
    expect(DEFAULT_CLOCKS.opinion_reply.extendable).toBe(false);
  });
});

describe('settings', () => {
  it('override lengths and switches', () => {
    // 集宁 gives agencies 1 month to answer an opinion, not 2.
    const settings: DeadlineSettings = {
      clocks: { opinion_reply: { length: 1 }, reverse_connection_review: { rollToWorkingDay: false, dueSoonDays: 5 }, suggestion_service: { enabled: true } },
    };
    const clocks = clockDefinitions(settings);
    expect(clocks.opinion_reply).toMatchObject({ length: 1, unit: 'calendar_months', dueSoonDays: 7 });
    expect(clocks.reverse_connection_review).toMatchObject({ length: 10, rollToWorkingDay: false, dueSoonDays: 5 });
    expect(clocks.suggestion_service.enabled).toBe(true);
    expect(clocks.suggestion_reply.length).toBe(2);
    expect(DEFAULT_CLOCKS.opinion_reply.length).toBe(2);
  });

  it('give a clock moved to another unit that unit’s warning', () => {
    const clock = clockDefinition('follow_up_reply', { clocks: { follow_up_reply: { length: 30, unit: 'calendar_days' } } });
    expect(clock).toMatchObject({ length: 30, unit: 'calendar_days', dueSoonDays: 3 });
  });

  it('take only the fields a procuratorate may change', () => {
    const sneaky = { clocks: { opinion_reply: { code: 'other', label: 'x', length: 1 } } } as unknown as DeadlineSettings;
    expect(clockDefinition('opinion_reply', sneaky)).toMatchObject({ code: 'opinion_reply', label: '检察意见书回复', length: 1 });
  });

  it('are refused when they cannot be meant', () => {
    const bad = {
      clocks: {
        no_such_clock: { length: 1 },
        opinion_reply: { length: 0 },
        suggestion_reply: { length: 90 },
        follow_up_reply: { unit: 'calendar_days' },
        objection_review: { length: 1.5, dueSoonDays: -1 },
        litigation_review: { rollToWorkingDay: 'yes' },
      },
    } as unknown as DeadlineSettings;
    expect(deadlineSettingsProblems(bad)).toEqual([
      'unknown clock "no_such_clock"',
      'opinion_reply: length must be a whole number from 1 to 60 (calendar_months), got 0',
      'suggestion_reply: length must be a whole number from 1 to 60 (calendar_months), got 90',
      'follow_up_reply: a new unit needs a new length too',
      'objection_review: length must be a whole number from 1 to 250 (working_days), got 1.5',
      'objection_review: dueSoonDays must be a whole number ≥ 0, got -1',
      'litigation_review: rollToWorkingDay must be true or false',
    ]);
    expect(() => clockDefinitions(bad)).toThrow(InvalidDeadlineSettings);
  });
});
