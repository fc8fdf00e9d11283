import { sql, type Kysely } from 'kysely';

/**
 * Administrative litigation supervision (行政诉讼监督, DOMAIN §5): courts and other procuratorates
 * as organizations that receive documents (they have no accounts), the litigation facts of an
 * application on its clue, the court's outcome on a reply, procuratorial committee decisions
 * (检察委员会) and hearings (听证, for any case kind).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check;
    ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check
      CHECK (kind IN ('procuratorate', 'agency', 'justice_bureau', 'court', 'external_procuratorate'));

    ALTER TABLE clues DROP CONSTRAINT clues_source_check;
    ALTER TABLE clues ADD CONSTRAINT clues_source_check
      CHECK (source IN ('model_hit', 'non_prosecution', 'manual', 'agency_transfer', 'complaint', 'litigation_application'));
    ALTER TABLE clues ADD COLUMN litigation jsonb;

    ALTER TABLE cases DROP CONSTRAINT cases_kind_check;
    ALTER TABLE cases ADD CONSTRAINT cases_kind_check CHECK (kind IN ('reverse_connection', 'illegal_act', 'litigation'));

    ALTER TABLE replies ADD COLUMN court_outcome text CHECK (court_outcome IN
      ('changed', 'remanded', 'mediated', 'maintained', 'retrial_refused', 'protest_lodged', 'protest_declined', 'corrected', 'not_corrected'));

    CREATE TABLE committee_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      meeting_on date NOT NULL,
      session text NOT NULL,
      outcome text NOT NULL,
      decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
      minutes text NOT NULL,
      recorded_by uuid REFERENCES users(id),
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX committee_decisions_case_idx ON committee_decisions (case_id, meeting_on);

    CREATE TABLE hearings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      held_on date NOT NULL,
      place text NOT NULL DEFAULT '',
      presiding text NOT NULL,
      participants jsonb NOT NULL DEFAULT '[]',
      summary text NOT NULL,
      conclusion text,
      recorded_by uuid REFERENCES users(id),
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX hearings_case_idx ON hearings (case_id, held_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE hearings;
    DROP TABLE committee_decisions;
    ALTER TABLE replies DROP COLUMN court_outcome;
    ALTER TABLE clues DROP COLUMN litigation;
  `.execute(db);
}
