import { describe, expect, it } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR } from '../calendar/holidayCalendar';
import { INDICATOR_IDS, INDICATORS, indicatorDefinition, isIndicatorId } from './definitions';
import { inPeriod, periodProblem, yearPeriod } from './period';
import { isBreakdownDimension, monthsOf } from './breakdowns';
import { FUNNEL_STEP_IDS, FUNNEL_STEPS, isFunnelStepId } from './funnel';
import { figureValue, formatIndicatorValue, indicatorValue } from './values';
import { workingDaysOfYears } from './workingDays';

describe('indicator definitions', () => {
  it('define every indicator once, in the order of the ids', () => {
    expect(INDICATORS.map((d) => d.id)).toEqual([...INDICATOR_IDS]);
    expect(indicatorDefinition('reply_rate')?.name['zh-CN']).toBe('回复率');
    expect(indicatorDefinition('nonsense')).toBeUndefined();
    expect(isIndicatorId('review_on_time')).toBe(true);
    expect(isIndicatorId('DROP TABLE')).toBe(false);
  });

  it('say name, numerator, denominator, period date and description in both languages', () => {
    const missing = INDICATORS.flatMap((d) =>
      (['name', 'numerator', 'denominator', 'periodDate', 'description'] as const).flatMap((field) =>
        (['zh-CN', 'en-US'] as const).filter((locale) => !d[field][locale]?.trim()).map((locale) => `${d.id}.${field}.${locale}`),
      ),
    );
    expect(missing).toEqual([]);
    // The Chinese text is Chinese and the English text is not.
    for (const d of INDICATORS) {
      expect(d.name['zh-CN'], d.id).toMatch(/[\u4e00-\u9fff]/);
      expect(d.description['en-US'], d.id).not.toMatch(/^[\u4e00-\u9fff]/);
    }
  });

  it('keep the procuratorate’s own work away from agencies', () => {
    expect(INDICATORS.filter((d) => d.audience === 'procuratorate').map((d) => d.id).sort()).toEqual(
      ['average_review_days', 'change_rate', 'hit_confirmation', 'model_clue_to_case', 'review_on_time', 'transfer_compliance'].sort(),
    );
    expect(INDICATORS.filter((d) => d.audience === 'all').every((d) => d.subject === 'document')).toBe(true);
    expect(indicatorDefinition('hit_confirmation')!.audience).toBe('procuratorate');
  });

  it('count reverse-connection work only where the formula says so', () => {
    expect(indicatorDefinition('penalties_per_reply')!.kinds).toEqual(['reverse_connection']);
    expect(indicatorDefinition('transfer_compliance')!.kinds).toEqual(['reverse_connection']);
    expect(indicatorDefinition('model_clue_to_case')!.kindFilter).toBe(false);
  });
});

describe('periods', () => {
  it('default to the calendar year of today', () => {
    expect(yearPeriod('2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('include both ends and nothing without a date', () => {
    const p = { from: '2026-01-01', to: '2026-06-30' };
    expect(inPeriod('2026-01-01', p)).toBe(true);
    expect(inPeriod('2026-06-30', p)).toBe(true);
    expect(inPeriod('2025-12-31', p)).toBe(false);
    expect(inPeriod('2026-07-01', p)).toBe(false);
    expect(inPeriod(null, p)).toBe(false);
  });

  it('refuse impossible periods', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-12-31' })).toBeNull();
    expect(periodProblem({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(periodProblem({ from: '2026-12-31', to: '2026-01-01' })).toBe('from_after_to');
    expect(periodProblem({ from: '2026-02-30', to: '2026-12-31' })).toBe('invalid_date');
    expect(periodProblem({ from: 'x', to: '2026-12-31' })).toBe('invalid_date');
  });
});

describe('values', () => {
  it('are numerator over denominator, and no figure for nothing counted', () => {
    expect(indicatorValue(1, 4)).toBe(0.25);
    expect(indicatorValue(0, 3)).toBe(0);
    expect(indicatorValue(0, 0)).toBeNull();
    expect(() => indicatorValue(-1, 2)).toThrow(RangeError);
  });

  it('are written as locale percents with at most one decimal, or days', () => {
    expect(formatIndicatorValue(5262 / 6505, 'percent', 'zh-CN')).toBe('80.9%');
    expect(formatIndicatorValue(1, 'percent', 'en-US')).toBe('100%');
    expect(formatIndicatorValue(0.5, 'percent', 'en-US')).toBe('50%');
    expect(formatIndicatorValue(null, 'percent', 'zh-CN')).toBe('—');
    expect(formatIndicatorValue(42.25, 'days', 'zh-CN')).toBe('42.3 天');
    expect(formatIndicatorValue(1234.5, 'days', 'en-US')).toBe('1,234.5 days');
  });

  it('of sums are the sum itself, in yuan or units, and 0 when nothing was recovered', () => {
    expect(figureValue('money', 18600.5, 3)).toBe(18600.5);
    expect(figureValue('count', 0, 0)).toBe(0);
    expect(figureValue('percent', 1, 4)).toBe(0.25);
    expect(figureValue('days', 0, 0)).toBeNull();
    expect(() => figureValue('money', -1, 1)).toThrow(RangeError);
    expect(formatIndicatorValue(18600.5, 'money', 'zh-CN')).toBe('¥18,600.50');
    expect(formatIndicatorValue(18600.5, 'money', 'en-US')).toBe('CN¥18,600.50');
    expect(formatIndicatorValue(3, 'count', 'zh-CN')).toBe('3 套');
    expect(formatIndicatorValue(1200, 'count', 'en-US')).toBe('1,200 units');
  });
});

describe('breakdowns and the funnel', () => {
  it('list the months of a period, across a year end', () => {
    expect(monthsOf('2026-01-15', '2026-03-01')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf('2025-11-01', '2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-05-01', '2026-05-31')).toEqual(['2026-05']);
    expect(isBreakdownDimension('agency')).toBe(true);
    expect(isBreakdownDimension('agency_id; DROP')).toBe(false);
  });

  it('define every funnel step in both languages, from clues received to corrections', () => {
    expect(FUNNEL_STEPS.map((s) => s.id)).toEqual([...FUNNEL_STEP_IDS]);
    expect(FUNNEL_STEP_IDS[0]).toBe('clues_received');
    expect(FUNNEL_STEP_IDS.at(-1)).toBe('corrected');
    for (const step of FUNNEL_STEPS) {
      expect(step.name['zh-CN'], step.id).toMatch(/[\u4e00-\u9fff]/);
      expect(step.definition['en-US'].trim(), step.id).not.toBe('');
    }
    expect(isFunnelStepId('replied')).toBe(true);
    expect(isFunnelStepId('x')).toBe(false);
  });

  it('give every sum a sum unit and every rate a denominator', () => {
    expect(INDICATORS.filter((d) => d.unit === 'money' || d.unit === 'count').map((d) => d.id)).toEqual(['money_recovered', 'units_reclaimed']);
    expect(indicatorDefinition('penalty_rate_per_opinion')!.kinds).toEqual(['reverse_connection']);
    expect(indicatorDefinition('hit_confirmation')!.subject).toBe('hit');
  });
});

describe('working days for the database', () => {
  it('follow the State Council schedule, make-up working days included', () => {
    const days = workingDaysOfYears(BUILT_IN_HOLIDAY_CALENDAR, 2026, 2026);
    expect(days.length).toBeGreaterThan(240);
    expect(days.length).toBeLessThan(255);
    expect(days).not.toContain('2026-01-01'); // 元旦
    expect(days).not.toContain('2026-10-01'); // 国庆节
    expect(days).not.toContain('2026-11-28'); // a Saturday
    expect(days).toContain('2026-11-27');
    expect(days).toEqual([...days].sort());
    for (const d of days) expect(BUILT_IN_HOLIDAY_CALENDAR.isWorkingDay(d)).toBe(true);
    // 3 working days after a decision are the 3rd entry after it, as the SQL finds them.
    const after = days.filter((d) => d > '2026-09-29');
    expect(after[2]).toBe(BUILT_IN_HOLIDAY_CALENDAR.addWorkingDays('2026-09-29', 3));
  });

  it('leave out years whose schedule is not loaded', () => {
    const last = Math.max(...BUILT_IN_HOLIDAY_CALENDAR.coveredYears());
    const days = workingDaysOfYears(BUILT_IN_HOLIDAY_CALENDAR, last, last + 1);
    expect(days.every((d) => d.startsWith(String(last)))).toBe(true);
  });
});
