import { sql, type Kysely } from 'kysely';

/**
 * Case search by number and an agency's overdue list, measured by bench/cases.ts (1,000,000
 * cases). A case number is `<organ and type>〔<year>〕<serial>号` (京朝检行反受〔2026〕12号); what
 * people type is a piece of it — the number without its last digit, `〔2026〕12`, `2026〕12号`, or
 * just the serial `12`. Trigrams (0009) answered those in 40 ms of CPU each: the year and the
 * common prefix are in nearly every number, so the index hands back hundreds of thousands of
 * candidates to intersect.
 *
 * - `case_number_key(number)` = `2026-12`: the year and serial, whatever brackets were used; a
 *   fragment holding the year and the start of a serial becomes a btree prefix range on it;
 * - `case_number_serial(number)` = 12: a serial typed alone is an equality on it.
 *
 * A piece from the start of the number without the year (`京朝检行反受`) matches half the cases:
 * a prefix index would not narrow it, the list's own order finds a page at once.
 *
 * presenters/caseSearch.ts reads the search text and picks the condition (the same expressions,
 * so the indexes apply).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- String functions, not a regular expression: the key is evaluated again for each row the
    -- index finds (a piece like 〔2026〕123 is in a thousand numbers), and a regex costs 15 µs a row.
    CREATE FUNCTION case_number_key(number text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT split_part(split_part(translate(number, '[(（【［]）)】］', '〔〔〔〔〔〕〕〕〕〕'), '〔', 2), '〕', 1) || '-'
                   || split_part(split_part(translate(number, '[(（【［]）)】］', '〔〔〔〔〔〕〕〕〕〕'), '〕', 2), '号', 1) $$;
    -- NULL, never an error, for a number without a serial of digits before 号
    CREATE FUNCTION case_number_serial(number text) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (regexp_match(number, '[〕\\])）】］]\\s*([0-9]{1,9})\\s*号'))[1]::integer $$;

    CREATE INDEX cases_number_key_idx ON cases (procuratorate_id, case_number_key(number) text_pattern_ops);
    CREATE INDEX cases_number_serial_idx ON cases (procuratorate_id, case_number_serial(number));
  `.execute(db);

  // An agency's overdue list read its open clocks in due order across every agency, each joined
  // to its case for the agency: a few thousand joins to count a page (20 ms). The case's agency is
  // now on the clock, filled by the database itself when a clock is written or the case's agency
  // changes, so no command can forget it.
  await sql`
    ALTER TABLE case_clocks ADD COLUMN agency_id uuid;
    UPDATE case_clocks k SET agency_id = c.agency_id FROM cases c WHERE c.id = k.case_id AND c.agency_id IS NOT NULL;
    CREATE INDEX case_clocks_agency_overdue_idx ON case_clocks (agency_id, due_on) INCLUDE (id) WHERE stopped_on IS NULL AND document_id IS NOT NULL;

    CREATE FUNCTION case_clock_agency() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.agency_id := (SELECT agency_id FROM cases WHERE id = NEW.case_id);
      RETURN NEW;
    END $$;
    CREATE TRIGGER case_clocks_agency BEFORE INSERT OR UPDATE OF case_id ON case_clocks
      FOR EACH ROW EXECUTE FUNCTION case_clock_agency();

    CREATE FUNCTION case_agency_to_clocks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE case_clocks SET agency_id = NEW.agency_id WHERE case_id = NEW.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER cases_agency_to_clocks AFTER UPDATE OF agency_id ON cases
      FOR EACH ROW WHEN (OLD.agency_id IS DISTINCT FROM NEW.agency_id) EXECUTE FUNCTION case_agency_to_clocks();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER cases_agency_to_clocks ON cases;
    DROP FUNCTION case_agency_to_clocks();
    DROP TRIGGER case_clocks_agency ON case_clocks;
    ALTER TABLE case_clocks DROP COLUMN agency_id;
    DROP FUNCTION case_clock_agency();
    DROP INDEX cases_number_serial_idx, cases_number_key_idx;
    DROP FUNCTION case_number_serial(text), case_number_key(text);
  `.execute(db);
}
