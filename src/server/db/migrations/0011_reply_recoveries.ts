import { sql, type Kysely } from 'kysely';

/**
 * What an agency's reply confirms it recovered (DOMAIN.md §11, "money recovered", "units
 * reclaimed"): the amount recovered (退还、收缴) and its date, the housing units reclaimed with
 * their floor area and the date. All optional; amounts merely found are not recorded here.
 * Partial indexes by date serve the two sum indicators.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE replies
      ADD COLUMN recovered_amount numeric(14, 2) CHECK (recovered_amount >= 0),
      ADD COLUMN recovered_on date,
      ADD COLUMN units_reclaimed integer CHECK (units_reclaimed >= 0),
      ADD COLUMN area_reclaimed numeric(10, 2) CHECK (area_reclaimed >= 0),
      ADD COLUMN reclaimed_on date;
    CREATE INDEX replies_recovered_idx ON replies (recovered_on) WHERE recovered_amount IS NOT NULL;
    CREATE INDEX replies_reclaimed_idx ON replies (reclaimed_on) WHERE units_reclaimed IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS replies_reclaimed_idx, replies_recovered_idx;
    ALTER TABLE replies
      DROP COLUMN reclaimed_on, DROP COLUMN area_reclaimed, DROP COLUMN units_reclaimed,
      DROP COLUMN recovered_on, DROP COLUMN recovered_amount;
  `.execute(db);
}
