/**
 * The holiday calendar in use: the State Council schedules shipped with JianXing plus those an
 * administrator loaded (settings key `holiday_schedules`) — each autumn's notice for the next
 * year, or an amendment. Loading a year recomputes the due dates of the open clocks, which were
 * unknown (or provisional) while the year was missing.
 */
import { addDays, BUILT_IN_HOLIDAY_CALENDAR, HolidayCalendar, InvalidHolidaySchedule, type HolidaySchedule } from '../../domain/calendar/index.js';
import type { ClockCode, ClockEvent } from '../../domain/deadlines/index.js';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';

const SETTING = 'holiday_schedules';
let current: HolidayCalendar = BUILT_IN_HOLIDAY_CALENDAR;

export function currentCalendar(): HolidayCalendar {
  return current;
}

function withLoaded(schedules: HolidaySchedule[]): HolidayCalendar {
  return schedules.reduce((calendar, s) => calendar.withSchedule(s, { replace: true }), BUILT_IN_HOLIDAY_CALENDAR);
}

async function storedSchedules(db: Db): Promise<HolidaySchedule[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  return (row?.value as HolidaySchedule[] | undefined) ?? [];
}

/**
 * The calendar as rows of `calendar_days` (migration 0016), for SQL that counts working days
 * (the transfer-compliance indicator): each day of a covered year with the number of working
 * days up to it; the numbering jumps by 1,000 over a year not covered, so no count goes through it.
 */
async function storeCalendarDays(trx: Db, calendar: HolidayCalendar) {
  const days: string[] = [];
  const working: boolean[] = [];
  const seqs: number[] = [];
  let seq = 0;
  let previous: number | null = null;
  for (const year of [...calendar.coveredYears()].sort((a, b) => a - b)) {
    if (previous !== null && year !== previous + 1) seq += 1000;
    previous = year;
    for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
      const isWorking = calendar.isWorkingDay(day);
      if (isWorking) seq += 1;
      days.push(day);
      working.push(isWorking);
      seqs.push(seq);
    }
  }
  await sql`LOCK TABLE calendar_days IN EXCLUSIVE MODE`.execute(trx);
  await sql`DELETE FROM calendar_days`.execute(trx);
  await sql`INSERT INTO calendar_days (day, working, working_seq) SELECT * FROM unnest(${days}::date[], ${working}::boolean[], ${seqs}::int[])`.execute(trx);
}

/** At start: the shipped schedules plus the loaded ones. */
export async function loadHolidaySchedules(db: Db): Promise<HolidayCalendar> {
  current = withLoaded(await storedSchedules(db));
  const calendar = current;
  await db.transaction().execute((trx) => storeCalendarDays(trx, calendar));
  return current;
}

/** Adds (or, with `replace`, amends) one year's schedule and recomputes the open clocks' due dates. */
export async function addHolidaySchedule(db: Db, ctx: CommandContext, schedule: HolidaySchedule, replace: boolean) {
  return db.transaction().execute(async (trx) => {
    const loaded = await storedSchedules(db);
    let next: HolidayCalendar;
    try {
      next = current.withSchedule(schedule, { replace });
    } catch (e) {
      if (e instanceof InvalidHolidaySchedule) throw new AppError(422, 'invalid_schedule', e.problems.join('; '), { problems: e.problems });
      throw e;
    }
    const schedules = [...loaded.filter((s) => s.year !== schedule.year), schedule].sort((a, b) => a.year - b.year);
    await trx
      .insertInto('settings')
      .values({ key: SETTING, value: JSON.stringify(schedules) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(schedules), updated_at: new Date() }))
      .execute();
    const previous = current;
    current = next;
    try {
      await storeCalendarDays(trx, next);
      const { dueOf } = await import('./caseClocks.js');
      const open = await trx.selectFrom('case_clocks').select(['id', 'code', 'events', 'due_on']).where('stopped_on', 'is', null).execute();
      let changed = 0;
      for (const clock of open) {
        const { due } = dueOf(clock.code as ClockCode, clock.events as ClockEvent[]);
        if (due !== clock.due_on) {
          await trx.updateTable('case_clocks').set({ due_on: due }).where('id', '=', clock.id).execute();
          changed++;
        }
      }
      await recordAudit(trx, ctx, { action: 'calendar.load_schedule', recordType: 'holiday_schedule', recordId: String(schedule.year), details: { notice: schedule.notice.number, replace, clocksRecomputed: changed } });
      return { year: schedule.year, coveredYears: next.coveredYears(), clocksRecomputed: changed };
    } catch (e) {
      current = previous;
      throw e;
    }
  });
}
