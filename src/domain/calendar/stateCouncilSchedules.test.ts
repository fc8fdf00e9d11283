import { describe, it, expect } from 'vitest';
import { addDays, dayNumber, isWeekend, weekdayOfDayNumber, yearOf } from './isoDate';
import { FESTIVALS, holidayName, scheduleProblems, type HolidaySchedule } from './schedule';
import { STATE_COUNCIL_SCHEDULES } from './stateCouncilSchedules';

function datesOf(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
}

const schedule = (year: number): HolidaySchedule => {
  const found = STATE_COUNCIL_SCHEDULES.find((s) => s.year === year);
  if (!found) throw new Error(`no ${year}`);
  return found;
};

/**
 * Each notice's items as announced, re-typed from the text independently of the data file:
 * holiday, 共N天, and the number of 上班 days listed under it.
 */
const ANNOUNCED: Record<number, [string, number, number][]> = {
  2021: [['元旦', 3, 0], ['春节', 7, 2], ['清明节', 3, 0], ['劳动节', 5, 2], ['端午节', 3, 0], ['中秋节', 3, 1], ['国庆节', 7, 2]],
  2022: [['元旦', 3, 0], ['春节', 7, 2], ['清明节', 3, 1], ['劳动节', 5, 2], ['端午节', 3, 0], ['中秋节', 3, 0], ['国庆节', 7, 2]],
  2023: [['元旦', 3, 0], ['春节', 7, 2], ['清明节', 1, 0], ['劳动节', 5, 2], ['端午节', 3, 1], ['中秋节、国庆节', 8, 2]],
  // 元旦 and 端午节 2024: "放假，与周末连休", one day each.
  2024: [['元旦', 1, 0], ['春节', 8, 2], ['清明节', 3, 1], ['劳动节', 5, 2], ['端午节', 1, 0], ['中秋节', 3, 1], ['国庆节', 7, 2]],
  2025: [['元旦', 1, 0], ['春节', 8, 2], ['清明节', 3, 0], ['劳动节', 5, 1], ['端午节', 3, 0], ['国庆节、中秋节', 8, 2]],
  2026: [['元旦', 3, 1], ['春节', 9, 2], ['清明节', 3, 0], ['劳动节', 5, 1], ['端午节', 3, 0], ['中秋节', 3, 0], ['国庆节', 7, 2]],
};

const NOTICE_NUMBERS: Record<number, string> = {
  2021: '国办发明电〔2020〕27号',
  2022: '国办发明电〔2021〕11号',
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

describe('the State Council schedules', () => {
  it('cover 2021 to 2026, one notice each', () => {
    expect(STATE_COUNCIL_SCHEDULES.map((s) => s.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    for (const s of STATE_COUNCIL_SCHEDULES) {
      expect(s.notice.title).toBe(`国务院办公厅关于${s.year}年部分节假日安排的通知`);
      expect(s.notice.number).toBe(NOTICE_NUMBERS[s.year]);
      // Notices are issued in the autumn or winter before the year.
      expect(yearOf(s.notice.issuedOn)).toBe(s.year - 1);
    }
  });

  describe.each(STATE_COUNCIL_SCHEDULES.map((s) => [s.year, s] as const))('%i', (year, s) => {
    it('passes the loading check', () => {
      expect(scheduleProblems(s)).toEqual([]);
    });

    it('matches the items, lengths and 上班 days the notice announces', () => {
      expect(s.holidays.map((h) => [holidayName(h), h.days, h.adjustedWorkingDays.length])).toEqual(ANNOUNCED[year]);
      for (const h of s.holidays) expect(datesOf(h.first, h.last)).toHaveLength(h.days);
    });

    it('names every festival exactly once', () => {
      expect(s.holidays.flatMap((h) => h.festivals).sort()).toEqual([...FESTIVALS].sort());
    });

    it('keeps every date inside the year (元旦 2023 alone starts on 2022-12-31)', () => {
      const outside = s.holidays
        .flatMap((h) => [...datesOf(h.first, h.last), ...h.adjustedWorkingDays])
        .filter((d) => yearOf(d) !== year);
      expect(outside).toEqual(year === 2023 ? ['2022-12-31'] : []);
    });

    it('makes only weekend days working days, none of them also a day off', () => {
      const daysOff = new Set(s.holidays.flatMap((h) => datesOf(h.first, h.last)));
      for (const d of s.holidays.flatMap((h) => h.adjustedWorkingDays)) {
        expect(isWeekend(d), d).toBe(true);
        expect(daysOff.has(d), d).toBe(false);
      }
    });

    it('moves days without adding any: weekdays off minus 上班 days equals the statutory holidays', () => {
      // 全国年节及纪念日放假办法: 11 days a year, 13 from 2025 (除夕 and 5月2日 added in
      // Nov 2024); a holiday falling on a weekend is made up on a weekday, and every other
      // weekday off is paid back by a 上班 weekend day. A wrong date breaks this balance.
      const weekdaysOff = s.holidays.flatMap((h) => datesOf(h.first, h.last)).filter((d) => !isWeekend(d)).length;
      const madeUp = s.holidays.flatMap((h) => h.adjustedWorkingDays).length;
      expect(weekdaysOff - madeUp).toBe(year >= 2025 ? 13 : 11);
    });
  });

  it('agrees with the weekdays the 2025 and 2026 notices print beside each date', () => {
    const printed: [string, string][] = [
      ['2025-01-01', '周三'], ['2025-01-28', '周二'], ['2025-02-04', '周二'], ['2025-01-26', '周日'], ['2025-02-08', '周六'],
      ['2025-04-04', '周五'], ['2025-04-06', '周日'], ['2025-05-01', '周四'], ['2025-05-05', '周一'], ['2025-04-27', '周日'],
      ['2025-05-31', '周六'], ['2025-06-02', '周一'], ['2025-10-01', '周三'], ['2025-10-08', '周三'], ['2025-09-28', '周日'],
      ['2025-10-11', '周六'],
      ['2026-01-01', '周四'], ['2026-01-03', '周六'], ['2026-01-04', '周日'], ['2026-02-15', '周日'], ['2026-02-23', '周一'],
      ['2026-02-14', '周六'], ['2026-02-28', '周六'], ['2026-04-04', '周六'], ['2026-04-06', '周一'], ['2026-05-01', '周五'],
      ['2026-05-05', '周二'], ['2026-05-09', '周六'], ['2026-06-19', '周五'], ['2026-06-21', '周日'], ['2026-09-25', '周五'],
      ['2026-09-27', '周日'], ['2026-10-01', '周四'], ['2026-10-07', '周三'], ['2026-09-20', '周日'], ['2026-10-10', '周六'],
    ];
    for (const [date, weekday] of printed) expect(WEEKDAYS[weekdayOfDayNumber(dayNumber(date))], date).toBe(weekday);
  });

  it('holds the 2025 dates of the brief: 春节 1月28日–2月4日, 劳动节 5月1日–5日, 国庆中秋 10月1日–8日', () => {
    const s2025 = schedule(2025);
    const byName = new Map(s2025.holidays.map((h) => [holidayName(h), h]));
    expect(byName.get('春节')).toMatchObject({ first: '2025-01-28', last: '2025-02-04', adjustedWorkingDays: ['2025-01-26', '2025-02-08'] });
    expect(byName.get('劳动节')).toMatchObject({ first: '2025-05-01', last: '2025-05-05', adjustedWorkingDays: ['2025-04-27'] });
    expect(byName.get('国庆节、中秋节')).toMatchObject({ first: '2025-10-01', last: '2025-10-08', adjustedWorkingDays: ['2025-09-28', '2025-10-11'] });
  });
});
