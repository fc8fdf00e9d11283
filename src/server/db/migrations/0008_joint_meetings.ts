import { sql, type Kysely } from 'kysely';

/**
 * Joint meetings (联席会议, DOMAIN §6): a procuratorate convenes agencies; the record keeps date,
 * units and attendees, agenda, minutes and resolutions, each owned by one unit with a due date and
 * tracked until done. The meeting happens where its people are: its date and start time are wall
 * clock values, not instants.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE joint_meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      convener_organization_id uuid NOT NULL REFERENCES organizations(id),
      title text NOT NULL,
      meeting_date date NOT NULL,
      start_time time,
      location text,
      agenda text NOT NULL DEFAULT '',
      minutes text,
      minutes_recorded_by uuid REFERENCES users(id),
      minutes_recorded_by_name text,
      minutes_recorded_at timestamptz,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
      cancel_reason text,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'held' OR minutes IS NOT NULL)
    );
    CREATE INDEX joint_meetings_convener_date_idx ON joint_meetings (convener_organization_id, meeting_date);

    CREATE TABLE joint_meeting_participants (
      meeting_id uuid NOT NULL REFERENCES joint_meetings(id) ON DELETE CASCADE,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      attendees text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (meeting_id, organization_id)
    );
    CREATE INDEX joint_meeting_participants_organization_idx ON joint_meeting_participants (organization_id);

    CREATE TABLE joint_meeting_resolutions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES joint_meetings(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      text text NOT NULL,
      owner_organization_id uuid NOT NULL REFERENCES organizations(id),
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      progress_note text,
      progress_by_name text,
      progress_at timestamptz,
      completed_at timestamptz,
      completed_by uuid REFERENCES users(id),
      completed_by_name text,
      version integer NOT NULL DEFAULT 1,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (meeting_id, seq),
      CHECK ((status = 'done') = (completed_at IS NOT NULL))
    );
    CREATE INDEX joint_meeting_resolutions_owner_idx ON joint_meeting_resolutions (owner_organization_id, status, due_date);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE joint_meeting_resolutions; DROP TABLE joint_meeting_participants; DROP TABLE joint_meetings`.execute(db);
}
