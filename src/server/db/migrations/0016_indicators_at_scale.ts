import { sql, type Kysely } from 'kysely';

/**
 * Indicators over a million cases (bench/indicators.ts).
 *
 * `calendar_days`: every day of the years whose State Council holiday schedule is loaded, with
 * `working_seq` = the working days from the first loaded day up to it. "The 3rd working day after
 * the decision" is the working day whose number is the decision day's + 3: two equality joins,
 * where the transfer-compliance figure used to search an array of working days per decision.
 * The rows are written from the calendar in use whenever it is loaded (commands/holidaySchedules.ts);
 * a year without a schedule has no rows, and the numbering jumps by 1,000 over it, so a deadline
 * never counts through a year whose days off are unknown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_days (
      day date PRIMARY KEY,
      working boolean NOT NULL,
      working_seq integer NOT NULL
    );
    CREATE UNIQUE INDEX calendar_days_working_idx ON calendar_days (working_seq) INCLUDE (day) WHERE working;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE calendar_days`.execute(db);
}
