import { describe, it, expect } from 'vitest';
import { addDays, addMonths, dayNumber, daysFrom, fromDayNumber, InvalidIsoDate, isIsoDate, isWeekend, weekdayOfDayNumber } from './isoDate';

describe('isIsoDate', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2026-02-03T00:00:00Z')).toBe(false);
    expect(isIsoDate('0999-01-01')).toBe(false);
    expect(isIsoDate(20260203)).toBe(false);
  });

  it('refuses to compute with anything else', () => {
    expect(() => dayNumber('2026-13-01')).toThrow(InvalidIsoDate);
    expect(() => addDays('2026/01/01', 1)).toThrow(InvalidIsoDate);
  });
});

describe('day numbers', () => {
  it('count from 1970-01-01, a Thursday', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(weekdayOfDayNumber(0)).toBe(4);
    expect(fromDayNumber(dayNumber('2026-10-01'))).toBe('2026-10-01');
  });

  it('convert back exactly as Date does, every day from 1900 to 2100', () => {
    const DAY_MS = 86_400_000;
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2100-12-31'); n++) {
      const expected = new Date(n * DAY_MS).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== expected || dayNumber(expected) !== n) expect(fromDayNumber(n)).toBe(expected);
    }
  });

  it('do not depend on the process time zone', () => {
    // West of UTC a local-time Date for 2026-10-08 00:00 is still 10-07 in UTC, and vice versa.
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(fromDayNumber(dayNumber('2026-10-08'))).toBe('2026-10-08');
        expect(addMonths('2026-03-08', 1)).toBe('2026-04-08');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('give the weekday', () => {
    expect(weekdayOfDayNumber(dayNumber('2026-01-01'))).toBe(4); // the 2026 notice: 1月1日（周四）
    expect(weekdayOfDayNumber(dayNumber('2025-01-26'))).toBe(0); // 1月26日（周日）上班
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });
});

describe('addDays and daysFrom', () => {
  it('cross months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysFrom('2025-12-31', '2026-03-01')).toBe(60);
    expect(daysFrom('2026-03-01', '2025-12-31')).toBe(-60);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-03-10', 2)).toBe('2026-05-10');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('ends on the last day of a month that lacks the day', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
  });

  it('counts from the start, not month by month', () => {
    // 12-31 + 3 months is 03-31; adding one month at a time would stop at 02-28 and give 03-28.
    expect(addMonths('2025-12-31', 3)).toBe('2026-03-31');
  });
});
