import { describe, it, expect } from 'vitest';
import { BUILT_IN_HOLIDAY_CALENDAR as calendar, CalendarYearNotLoaded, HolidayCalendar, InvalidHolidaySchedule } from './holidayCalendar';
import { addDays } from './isoDate';
import type { HolidaySchedule } from './schedule';
import { STATE_COUNCIL_SCHEDULES } from './stateCouncilSchedules';

const copy = (year: number): HolidaySchedule => structuredClone(STATE_COUNCIL_SCHEDULES.find((s) => s.year === year)!);

/**
 * An invented 2027 schedule (the real notice is not published yet), valid in shape, used only
 * to exercise loading a new year. 2026-12-26 is a Saturday made a working day, the way the
 * 2019 notice reached back to 2018-12-29.
 */
const FIXTURE_2027: HolidaySchedule = {
  year: 2027,
  notice: { title: 'TEST FIXTURE, not a State Council notice', number: 'test-2027', issuedOn: '2026-11-01' },
  holidays: [
    { festivals: ['元旦'], first: '2027-01-01', last: '2027-01-03', days: 3, adjustedWorkingDays: ['2026-12-26'] },
    { festivals: ['春节'], first: '2027-02-05', last: '2027-02-12', days: 8, adjustedWorkingDays: ['2027-02-20'] },
    { festivals: ['清明节'], first: '2027-04-05', last: '2027-04-05', days: 1, adjustedWorkingDays: [] },
    { festivals: ['劳动节'], first: '2027-05-01', last: '2027-05-05', days: 5, adjustedWorkingDays: [] },
    { festivals: ['端午节'], first: '2027-06-09', last: '2027-06-09', days: 1, adjustedWorkingDays: [] },
    { festivals: ['中秋节'], first: '2027-09-15', last: '2027-09-15', days: 1, adjustedWorkingDays: [] },
    { festivals: ['国庆节'], first: '2027-10-01', last: '2027-10-07', days: 7, adjustedWorkingDays: [] },
  ],
};

/** Reference count by walking day by day with isWorkingDay. */
function walkCount(a: string, b: string): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n += 1;
  return n;
}

describe('HolidayCalendar (built in)', () => {
  it('covers the years of the transcribed notices', () => {
    expect(calendar.coveredYears()).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(calendar.scheduleFor(2026).notice.number).toBe('国办发明电〔2025〕7号');
  });

  it('tells working days from weekends, holidays and adjusted working days', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // 国庆, a Thursday
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // Sunday made a working day
    expect(calendar.isWorkingDay('2026-09-19')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2026-09-21')).toBe(true); // ordinary Monday
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 was not a day off
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // 除夕 2025 was
  });

  it('describes a day with its holiday', () => {
    expect(calendar.describeDay('2025-01-26')).toEqual({ date: '2025-01-26', kind: 'adjusted_working_day', working: true, holiday: '春节' });
    expect(calendar.describeDay('2025-10-06')).toEqual({ date: '2025-10-06', kind: 'holiday', working: false, holiday: '国庆节、中秋节' });
    expect(calendar.describeDay('2026-03-07')).toEqual({ date: '2026-03-07', kind: 'weekend', working: false });
    expect(calendar.describeDay('2026-03-09')).toEqual({ date: '2026-03-09', kind: 'workday', working: true });
    // The 2023 notice's 元旦 break began on Saturday 2022-12-31.
    expect(calendar.describeDay('2022-12-31')).toMatchObject({ kind: 'holiday', holiday: '元旦' });
  });

  it('counts the working days of each whole year', () => {
    // 365 or 366 days − Saturdays and Sundays − the statutory holidays (11, 13 from 2025):
    // 2021: 365−104−11; 2022 (starts on a Saturday): 365−105−11; 2023 (starts on a Sunday):
    // 365−105−11; 2024 (leap, starts on a Monday): 366−104−11; 2025 and 2026: 365−104−13.
    const expected: Record<number, number> = { 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248 };
    for (const [year, days] of Object.entries(expected)) {
      expect(calendar.workingDaysBetween(`${Number(year) - 1}-12-31`, `${year}-12-31`), year).toBe(days);
    }
  });

  describe('addWorkingDays', () => {
    it('counts from the day after the start and returns the start for 0', () => {
      expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
      expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
      expect(calendar.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
      expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    });

    it('3 working days from the Friday before 国庆', () => {
      // 2025: Fri 09-26 → Sun 09-28 (上班) 1, Mon 29 2, Tue 30 3.
      expect(calendar.addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
      // 2024: Fri 09-27 → Sun 09-29 (上班) 1, Mon 30 2, 10-01…07 off, Tue 10-08 3.
      expect(calendar.addWorkingDays('2024-09-27', 3)).toBe('2024-10-08');
      // 2026: Fri 09-18 → Sun 09-20 (上班) 1, Mon 21 2, Tue 22 3.
      expect(calendar.addWorkingDays('2026-09-18', 3)).toBe('2026-09-22');
      // 2026: Fri 09-25 is 中秋 itself → Mon 28 1, Tue 29 2, Wed 30 3.
      expect(calendar.addWorkingDays('2026-09-25', 3)).toBe('2026-09-30');
      // 2023: Fri 09-29 is a holiday, so from Thu 09-28: 09-29…10-06 off, Sat 10-07 and
      // Sun 10-08 (both 上班) 1 and 2, Mon 10-09 3.
      expect(calendar.addWorkingDays('2023-09-28', 3)).toBe('2023-10-09');
    });

    it('3 working days from the eve of 国庆 2026 end on the adjusted Saturday', () => {
      // Wed 09-30 → 10-01…07 off, Thu 10-08 1, Fri 10-09 2, Sat 10-10 (上班) 3.
      expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    });

    it('10 working days across 春节 2025', () => {
      // Fri 01-24 → Sun 01-26 (上班) 1, Mon 27 2, 01-28…02-04 off, Wed 02-05 3, Thu 4, Fri 5,
      // Sat 02-08 (上班) 6, Mon 02-10 7, Tue 8, Wed 9, Thu 02-13 10.
      expect(calendar.addWorkingDays('2025-01-24', 10)).toBe('2025-02-13');
    });

    it('10 working days across 春节 2026', () => {
      // Wed 02-11 → Thu 12 1, Fri 13 2, Sat 02-14 (上班) 3, 02-15…23 off, Tue 02-24 4, Wed 5,
      // Thu 6, Fri 7, Sat 02-28 (上班) 8, Mon 03-02 9, Tue 03-03 10.
      expect(calendar.addWorkingDays('2026-02-11', 10)).toBe('2026-03-03');
    });

    it('crosses New Year with the 2026 元旦 break', () => {
      // Mon 2025-12-29 → Tue 30 1, Wed 31 2, 01-01…03 off, Sun 01-04 (上班) 3, Mon 5 4, Tue 6 5.
      expect(calendar.addWorkingDays('2025-12-29', 5)).toBe('2026-01-06');
    });
  });

  describe('workingDaysBetween', () => {
    it('counts the days after a up to and including b, signed', () => {
      expect(calendar.workingDaysBetween('2026-03-02', '2026-03-16')).toBe(10);
      expect(calendar.workingDaysBetween('2026-03-16', '2026-03-02')).toBe(-10);
      expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
      expect(calendar.workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0); // Friday to Sunday
      expect(calendar.workingDaysBetween('2025-01-24', '2025-02-13')).toBe(10);
    });

    it('undoes addWorkingDays and agrees with a day-by-day walk', () => {
      for (let start = '2021-01-01'; start <= '2026-11-20'; start = addDays(start, 13)) {
        for (const n of [0, 1, 3, 10, 22]) {
          const end = calendar.addWorkingDays(start, n);
          expect(calendar.workingDaysBetween(start, end), `${start} + ${n}`).toBe(n);
        }
        const later = addDays(start, 40);
        expect(calendar.workingDaysBetween(start, later), start).toBe(walkCount(start, later));
      }
    });

    it('counts across several years from the day after a year not loaded', () => {
      expect(calendar.workingDaysBetween('2020-12-31', '2026-12-31')).toBe(250 + 249 + 249 + 251 + 248 + 248);
    });
  });

  it('rolls a rest day to the next working day', () => {
    expect(calendar.firstWorkingDayFrom('2026-10-01')).toBe('2026-10-08');
    expect(calendar.firstWorkingDayFrom('2026-10-10')).toBe('2026-10-10'); // adjusted Saturday
    expect(calendar.firstWorkingDayFrom('2026-02-13')).toBe('2026-02-13');
    expect(calendar.firstWorkingDayFrom('2026-02-15')).toBe('2026-02-24');
  });

  describe('a year not loaded', () => {
    it('is refused, never guessed', () => {
      expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearNotLoaded);
      expect(() => calendar.isWorkingDay('2020-06-01')).toThrow(CalendarYearNotLoaded);
      expect(() => calendar.describeDay('2027-10-01')).toThrow(CalendarYearNotLoaded);
      expect(() => calendar.scheduleFor(2027)).toThrow(CalendarYearNotLoaded);
      expect(() => calendar.workingDaysBetween('2026-12-01', '2027-01-10')).toThrow(CalendarYearNotLoaded);
      expect(() => calendar.firstWorkingDayFrom('2026-12-31')).not.toThrow(); // a Thursday
    });

    it('stops a count that reaches it', () => {
      // Thu 2026-12-24 → Fri 25 1, Mon 28 2, Tue 3, Wed 4, Thu 31 5: still 2026.
      expect(calendar.addWorkingDays('2026-12-24', 5)).toBe('2026-12-31');
      expect(() => calendar.addWorkingDays('2026-12-24', 6)).toThrow(CalendarYearNotLoaded);
    });

    it('says which year is missing and which are loaded', () => {
      try {
        calendar.isWorkingDay('2027-03-01');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CalendarYearNotLoaded);
        expect((e as CalendarYearNotLoaded).year).toBe(2027);
        expect((e as Error).message).toContain('no State Council holiday schedule is loaded for 2027 (loaded: 2021, 2022, 2023, 2024, 2025, 2026)');
      }
    });
  });

  describe('loading another year', () => {
    it('returns a new calendar that answers for it, leaving the old one as it was', () => {
      const next = calendar.withSchedule(FIXTURE_2027);
      expect(next.coveredYears()).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
      expect(next.isWorkingDay('2027-01-04')).toBe(true);
      expect(next.isWorkingDay('2027-02-08')).toBe(false);
      // Thu 2026-12-24 → Fri 25 1, Sat 26 (上班 in the fixture) 2, Mon 28 3, Tue 4, Wed 5, Thu 31 6,
      // 01-01…03 off, Mon 2027-01-04 7.
      expect(next.addWorkingDays('2026-12-24', 7)).toBe('2027-01-04');
      expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearNotLoaded);
      expect(calendar.isWorkingDay('2026-12-26')).toBe(false);
      expect(next.isWorkingDay('2026-12-26')).toBe(true);
    });

    it('refuses an invalid schedule with every problem listed', () => {
      const broken = structuredClone(FIXTURE_2027);
      broken.holidays[1].adjustedWorkingDays = ['2027-02-06', '2027-02-17'];
      try {
        calendar.withSchedule(broken);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidHolidaySchedule);
        expect((e as InvalidHolidaySchedule).problems).toEqual([
          '2027: 春节: adjusted working day 2027-02-17 is not a Saturday or Sunday',
          '2027: 2027-02-06 is both an adjusted working day and a day off of 春节',
        ]);
      }
    });

    it('refuses a year already loaded unless it replaces it', () => {
      const amended = copy(2026);
      amended.holidays[5] = { ...amended.holidays[5], last: '2026-09-28', days: 4 };
      expect(() => calendar.withSchedule(amended)).toThrow('2026 is already loaded');
      const replaced = calendar.withSchedule(amended, { replace: true });
      expect(replaced.isWorkingDay('2026-09-28')).toBe(false);
      expect(calendar.isWorkingDay('2026-09-28')).toBe(true);
    });

    it('refuses two notices that disagree about a day', () => {
      // 2022-12-31 belongs to the 2023 notice's 元旦; a 2022 schedule calling it a working day conflicts.
      const conflicting = copy(2022);
      conflicting.holidays[6].adjustedWorkingDays.push('2022-12-31');
      expect(() => calendar.withSchedule(conflicting, { replace: true })).toThrow('2022-12-31 is set by two notices');
    });

    it('refuses the same year twice in one set', () => {
      expect(() => HolidayCalendar.of([copy(2026), copy(2026)])).toThrow('2026 is given twice');
    });
  });
});
