import { sql, type Kysely } from 'kysely';

/**
 * Escalation notices (通报 / 抄送, DOMAIN §4 step 10): the last step of the follow-up ladder,
 * tracked like the rest — whom the procurator told, about which unanswered documents, and what
 * they answered. Internal to the procuratorate: agencies never see them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE escalation_notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      recipient_kind text NOT NULL CHECK (recipient_kind IN
        ('superior_agency', 'regulator', 'government', 'peoples_congress', 'party_committee', 'supervision_commission', 'superior_procuratorate')),
      recipient_name text NOT NULL,
      recipient_organization_id uuid REFERENCES organizations(id),
      document_ids jsonb NOT NULL DEFAULT '[]',
      content text NOT NULL,
      sent_on date NOT NULL,
      method text NOT NULL CHECK (method IN ('written', 'mail', 'electronic', 'in_person', 'meeting')),
      answer_expected_by date CHECK (answer_expected_by >= sent_on),
      attachment_ids jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'answered', 'closed')),
      answered_on date CHECK (answered_on >= sent_on),
      answer_summary text,
      answer_outcome text CHECK (answer_outcome IN ('action_taken', 'no_action', 'pending')),
      closed_on date,
      closing_note text,
      recorded_by uuid REFERENCES users(id),
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'sent') = (answered_on IS NULL) OR status = 'closed'),
      CHECK ((status = 'closed') = (closed_on IS NOT NULL))
    );
    CREATE INDEX escalation_notices_case_idx ON escalation_notices (case_id, sent_on);
    -- "My tasks": answers still expected, by date.
    CREATE INDEX escalation_notices_expected_idx ON escalation_notices (answer_expected_by) WHERE status = 'sent' AND answer_expected_by IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE escalation_notices`.execute(db);
}
