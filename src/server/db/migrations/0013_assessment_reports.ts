import { sql, type Kysely } from 'kysely';

/**
 * The monthly rule-of-law assessment reports (docs/assessment.md): one per month, year to date as
 * at the month's last day, generated once by the scheduled job. The files are kept as bytes in
 * the row (a few tens of KB each), so a database backup holds them; the checksums let a reader
 * verify a download. The figures table is kept as JSON so an agency can see and confirm its own
 * row without the file, which lists every agency. Publication may need each agency's sign-off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE assessment_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period_month text NOT NULL UNIQUE CHECK (period_month ~ '^[0-9]{4}-[0-9]{2}$'),
      period_from date NOT NULL,
      period_to date NOT NULL,
      as_of date NOT NULL,
      generated_at timestamptz NOT NULL DEFAULT now(),
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
      figures jsonb NOT NULL,
      xlsx bytea NOT NULL,
      xlsx_sha256 text NOT NULL,
      docx bytea NOT NULL,
      docx_sha256 text NOT NULL,
      published_at timestamptz,
      published_by uuid REFERENCES users(id),
      published_by_name text,
      publish_override_reason text,
      version integer NOT NULL DEFAULT 1,
      CHECK (period_from <= period_to),
      CHECK ((state = 'published') = (published_at IS NOT NULL))
    );

    CREATE TABLE assessment_report_signoffs (
      report_id uuid NOT NULL REFERENCES assessment_reports(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      confirmed_by uuid REFERENCES users(id),
      confirmed_by_name text NOT NULL,
      confirmed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (report_id, organization_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE assessment_report_signoffs; DROP TABLE assessment_reports`.execute(db);
}
