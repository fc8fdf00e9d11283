import { sql, type Kysely } from 'kysely';

/**
 * Case handling (issue 5): one clue register for every source, supervision cases with their
 * lifecycle, an append-only event log per case (indicators are computed from it), deadline
 * clocks kept as event logs (the due date is recomputed, `due_on` is a cache for lists),
 * documents with their approval trail and never-reused numbers, agency replies and objections,
 * and attachments stored as files with their checksum.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE clues (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      procuratorate_id uuid NOT NULL REFERENCES organizations(id),
      number text NOT NULL UNIQUE,
      source text NOT NULL CHECK (source IN ('model_hit', 'non_prosecution', 'manual', 'agency_transfer', 'complaint')),
      -- what makes a clue from a source unique: hit id, decision number + ID number …
      source_key text,
      status text NOT NULL CHECK (status IN ('received', 'evaluating', 'filed', 'declined', 'merged')),
      title text NOT NULL,
      summary text NOT NULL DEFAULT '',
      subject_name text,
      subject_id_number text,
      -- the matter, normalized, for duplicate detection (same person, same matter)
      matter text NOT NULL DEFAULT '',
      agency_id uuid REFERENCES organizations(id),
      submitted_by_organization_id uuid NOT NULL REFERENCES organizations(id),
      hit_id uuid REFERENCES hits(id),
      evidence jsonb NOT NULL DEFAULT '{}',
      non_prosecution jsonb,
      received_on date NOT NULL,
      assignee_id uuid REFERENCES users(id),
      evaluation text,
      decision_reason text,
      merged_into_id uuid REFERENCES clues(id),
      case_id uuid,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, source_key)
    );
    CREATE INDEX clues_status_idx ON clues (procuratorate_id, status, received_on DESC);
    CREATE INDEX clues_subject_idx ON clues (subject_id_number);
    CREATE INDEX clues_submitter_idx ON clues (submitted_by_organization_id);

    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      procuratorate_id uuid NOT NULL REFERENCES organizations(id),
      number text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('reverse_connection', 'illegal_act')),
      state text NOT NULL,
      clue_id uuid UNIQUE REFERENCES clues(id),
      title text NOT NULL,
      subject_name text,
      subject_id_number text,
      agency_id uuid REFERENCES organizations(id),
      procurator_id uuid REFERENCES users(id),
      registered_on date NOT NULL,
      facts text NOT NULL DEFAULT '',
      -- the review form: checklist answers with reasons, the criminal department's view, opinions heard
      review jsonb NOT NULL DEFAULT '{}',
      outcome text,
      closing_reason text,
      closed_on date,
      escalated_from_id uuid REFERENCES cases(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE clues ADD FOREIGN KEY (case_id) REFERENCES cases(id);
    CREATE INDEX cases_state_idx ON cases (procuratorate_id, state, registered_on DESC);
    CREATE INDEX cases_agency_idx ON cases (agency_id);
    CREATE INDEX cases_procurator_idx ON cases (procurator_id);

    CREATE TABLE case_events (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id),
      type text NOT NULL,
      occurred_on date NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users(id),
      actor_name text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX case_events_case_idx ON case_events (case_id, id);
    CREATE INDEX case_events_type_idx ON case_events (type, occurred_on);

    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      type text NOT NULL,
      suggestion_kind text,
      state text NOT NULL CHECK (state IN ('draft', 'pending_head', 'pending_chief', 'approved', 'served', 'withdrawn')),
      recipient_id uuid REFERENCES organizations(id),
      content jsonb NOT NULL,
      number text UNIQUE,
      number_year integer,
      number_serial integer,
      drafted_by uuid REFERENCES users(id),
      drafted_by_name text NOT NULL,
      approvals jsonb NOT NULL DEFAULT '[]',
      approved_on date,
      served_on date,
      received_on date,
      service_method text CHECK (service_method IN ('written', 'announced')),
      reply_months integer,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_case_idx ON documents (case_id);
    CREATE INDEX documents_recipient_idx ON documents (recipient_id, state);

    -- The last serial handed out per procuratorate, document type and year. The row is locked by
    -- the approving transaction, so two approvals at the same moment get consecutive numbers and a
    -- rolled-back approval gives its serial back (no gaps, no reuse).
    CREATE TABLE document_serials (
      procuratorate_id uuid NOT NULL REFERENCES organizations(id),
      type text NOT NULL,
      year integer NOT NULL,
      last_serial integer NOT NULL,
      PRIMARY KEY (procuratorate_id, type, year)
    );

    CREATE TABLE numbering_settings (
      procuratorate_id uuid PRIMARY KEY REFERENCES organizations(id),
      province_code text NOT NULL,
      procuratorate_code text NOT NULL,
      department_code text NOT NULL,
      pattern text NOT NULL,
      type_codes jsonb NOT NULL DEFAULT '{}',
      red_header boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE case_clocks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      document_id uuid REFERENCES documents(id),
      code text NOT NULL,
      events jsonb NOT NULL,
      due_on date,
      stopped_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_clocks_case_idx ON case_clocks (case_id);
    CREATE INDEX case_clocks_open_idx ON case_clocks (due_on) WHERE stopped_on IS NULL;

    CREATE TABLE replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES documents(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      result text NOT NULL CHECK (result IN ('adopted', 'partially_adopted', 'not_adopted')),
      summary text NOT NULL,
      reasons text,
      penalty_decision_no text,
      penalty_type text,
      penalty_amount numeric(14, 2),
      penalty_date date,
      replied_on date NOT NULL,
      submitted_by uuid REFERENCES users(id),
      submitted_by_name text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      evaluation text CHECK (evaluation IN ('adopted', 'partially_adopted', 'not_adopted')),
      evaluation_note text,
      evaluated_on date,
      evaluated_by uuid REFERENCES users(id)
    );
    CREATE INDEX replies_document_idx ON replies (document_id);

    CREATE TABLE objections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES documents(id),
      case_id uuid NOT NULL REFERENCES cases(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      grounds text NOT NULL,
      raised_on date NOT NULL,
      raised_by uuid REFERENCES users(id),
      raised_by_name text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'upheld', 'rejected')),
      decision_reasons text,
      decided_on date,
      decided_by uuid REFERENCES users(id)
    );

    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_type text NOT NULL CHECK (owner_type IN ('clue', 'case', 'reply', 'objection')),
      owner_id uuid NOT NULL,
      case_id uuid REFERENCES cases(id),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      file_name text NOT NULL,
      media_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      stored_path text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_by_name text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id);

    -- In-app notices (deadline reminders); e-mailed too when SMTP is configured.
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text,
      due_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      emailed_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

    CREATE TABLE reminders_sent (
      clock_id uuid NOT NULL REFERENCES case_clocks(id),
      kind text NOT NULL CHECK (kind IN ('due_soon', 'due', 'overdue')),
      due_on date NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (clock_id, kind, due_on)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE reminders_sent, notifications, attachments, objections, replies, case_clocks, numbering_settings, document_serials, documents, case_events;
    ALTER TABLE clues DROP COLUMN case_id;
    DROP TABLE cases, clues;
  `.execute(db);
}
