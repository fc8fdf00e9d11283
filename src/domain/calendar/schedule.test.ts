import { describe, it, expect } from 'vitest';
import { scheduleProblems, type HolidaySchedule } from './schedule';
import { STATE_COUNCIL_SCHEDULES } from './stateCouncilSchedules';

const copy = (year: number): HolidaySchedule => structuredClone(STATE_COUNCIL_SCHEDULES.find((s) => s.year === year)!);

/** The 2026 notice with one item changed. */
function edited(index: number, change: Partial<HolidaySchedule['holidays'][number]>): HolidaySchedule {
  const s = copy(2026);
  s.holidays[index] = { ...s.holidays[index], ...change };
  return s;
}

describe('scheduleProblems', () => {
  it('refuses a holiday outside the notice year', () => {
    expect(scheduleProblems(edited(6, { first: '2027-10-01', last: '2027-10-07' }))).toContain('国庆节: 2027-10-01 is outside 2026');
  });

  it('lets only 元旦 reach back into December of the previous year', () => {
    expect(scheduleProblems(edited(0, { first: '2025-12-31', days: 4 }))).toEqual([]);
    expect(scheduleProblems(edited(0, { first: '2025-12-27', last: '2026-01-03', days: 8, adjustedWorkingDays: ['2025-12-20'] }))).toEqual([]);
    expect(scheduleProblems(edited(0, { first: '2025-11-30', days: 35 }))).toContain('元旦: 2025-11-30 is outside 2026');
    expect(scheduleProblems(edited(1, { adjustedWorkingDays: ['2025-12-27'] }))).toContain('春节: 2025-12-27 is outside 2026');
  });

  it('refuses a day that is both a day off and an adjusted working day', () => {
    expect(scheduleProblems(edited(1, { adjustedWorkingDays: ['2026-02-14', '2026-02-15'] }))).toContain(
      '2026-02-15 is both an adjusted working day and a day off of 春节',
    );
  });

  it('refuses an adjusted working day that is not a weekend day', () => {
    expect(scheduleProblems(edited(4, { adjustedWorkingDays: ['2026-06-22'] }))).toContain(
      '端午节: adjusted working day 2026-06-22 is not a Saturday or Sunday',
    );
  });

  it('refuses a range that disagrees with the announced length', () => {
    // A slip typing 2月23日 as 2月24日 makes the 9-day 春节 ten days long.
    expect(scheduleProblems(edited(1, { last: '2026-02-24' }))).toContain('春节: 2026-02-15 to 2026-02-24 is 10 days, the notice says 9');
  });

  it('refuses overlapping holidays, a reversed range and invalid dates', () => {
    expect(scheduleProblems(edited(5, { first: '2026-09-25', last: '2026-10-01', days: 7 }))).toContain('中秋节 and 国庆节 overlap');
    expect(scheduleProblems(edited(2, { first: '2026-04-06', last: '2026-04-04' }))).toContain(
      '清明节: first day 2026-04-06 is after last day 2026-04-04',
    );
    expect(scheduleProblems(edited(2, { first: '2026-4-4' }))).toContain('清明节: "2026-4-4" not YYYY-MM-DD dates');
  });

  it('needs every festival once, and only festivals', () => {
    const missing = copy(2026);
    missing.holidays.splice(4, 1);
    expect(scheduleProblems(missing)).toEqual(['端午节 is missing']);
    const twice = edited(5, { festivals: ['端午节'] });
    expect(scheduleProblems(twice)).toEqual(expect.arrayContaining(['端午节 appears twice', '中秋节 is missing']));
    const unknown = edited(5, { festivals: ['中秋' as never] });
    expect(scheduleProblems(unknown)).toContain('"中秋" is not a public holiday festival');
  });

  it('needs the notice it comes from', () => {
    const s = copy(2026);
    s.notice = { title: ' ', number: '', issuedOn: '2025-11-31' };
    expect(scheduleProblems(s)).toEqual([
      'the notice title is missing',
      'the notice number is missing',
      'the notice date "2025-11-31" is not a YYYY-MM-DD date',
    ]);
  });

  it('needs a four-digit year', () => {
    expect(scheduleProblems({ ...copy(2026), year: 26 })).toEqual(['year 26 is not a four-digit year']);
  });
});
