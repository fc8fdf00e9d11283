import { describe, expect, it } from 'vitest';
import { ASSESSMENT_COLUMNS, COLUMN_DEFINITIONS, assessmentRates, percentZh, periodTitleZh, previousMonthPeriod } from './assessmentPeriod';

describe('the monthly report period', () => {
  it('is the previous month, year to date, as at its last day', () => {
    expect(previousMonthPeriod('2026-11-01')).toEqual({ month: '2026-10', from: '2026-01-01', to: '2026-10-31', asOf: '2026-10-31' });
    expect(previousMonthPeriod('2026-03-17')).toEqual({ month: '2026-02', from: '2026-01-01', to: '2026-02-28', asOf: '2026-02-28' });
  });

  it('in January reports the whole previous year', () => {
    expect(previousMonthPeriod('2027-01-01')).toEqual({ month: '2026-12', from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' });
  });

  it('refuses a non-date', () => {
    expect(() => previousMonthPeriod('2026-02-30')).toThrow(RangeError);
  });
});

describe('the period in a Chinese title', () => {
  it('names whole months, one month, across years, and plain days', () => {
    expect(periodTitleZh('2026-01-01', '2026-10-31')).toBe('2026年1月—10月');
    expect(periodTitleZh('2026-03-01', '2026-03-31')).toBe('2026年3月');
    expect(periodTitleZh('2025-12-01', '2026-02-28')).toBe('2025年12月—2026年2月');
    expect(periodTitleZh('2026-01-01', '2026-11-26')).toBe('2026年1月1日—2026年11月26日');
  });
});

describe('the rates', () => {
  const counts = { received: 10, replied: 6, on_time: 4, adopted: 3, rectified: 2, overdue: 2 };

  it('count replies against the items that owed one (replied or overdue), adoption against replies', () => {
    expect(assessmentRates(counts)).toEqual({ reply_rate: 6 / 8, on_time_rate: 4 / 8, adoption_rate: 3 / 6, rectification_rate: 2 / 6 });
  });

  it('are null without a denominator, written as a dash', () => {
    const none = assessmentRates({ received: 3, replied: 0, on_time: 0, adopted: 0, rectified: 0, overdue: 0 });
    expect(none.reply_rate).toBeNull();
    expect(percentZh(none.adoption_rate)).toBe('—');
    expect(percentZh(0.75)).toBe('75%');
    expect(percentZh(2 / 3)).toBe('66.7%');
  });

  it('define every column in both languages', () => {
    expect(COLUMN_DEFINITIONS.map((c) => c.id)).toEqual([...ASSESSMENT_COLUMNS]);
    for (const c of COLUMN_DEFINITIONS) expect(c.formulaZh.length * c.formulaEn.length).toBeGreaterThan(0);
  });
});
