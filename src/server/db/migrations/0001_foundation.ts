import { sql, type Kysely } from 'kysely';

/**
 * Organizations, departments, users and roles, sessions, login throttling, settings and the
 * append-only, hash-chained audit log. Later capabilities add their own migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      short_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('procuratorate', 'agency', 'justice_bureau')),
      code text,
      parent_id uuid REFERENCES organizations(id),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE departments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      code text,
      kind text NOT NULL DEFAULT 'other',
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organization_id, name)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      organization_id uuid NOT NULL REFERENCES organizations(id),
      department_id uuid REFERENCES departments(id),
      phone text,
      email text,
      locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
      active boolean NOT NULL DEFAULT true,
      must_change_password boolean NOT NULL DEFAULT false,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));
    CREATE INDEX users_organization_idx ON users (organization_id);

    CREATE TABLE user_roles (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'procurator', 'department_head', 'chief_prosecutor',
        'criminal_prosecutor', 'agency_liaison', 'agency_leader', 'analyst', 'observer')),
      PRIMARY KEY (user_id, role)
    );

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      client_ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE login_attempts (
      username_key text PRIMARY KEY,
      failures integer NOT NULL,
      locked_until timestamptz,
      last_failure_at timestamptz NOT NULL
    );

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE audit_events (
      seq bigint PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_name text,
      action text NOT NULL,
      record_type text NOT NULL,
      record_id text,
      client_ip text,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE INDEX audit_events_record_idx ON audit_events (record_type, record_id);
    CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at);

    -- Append-only: no role, not even the owner through normal statements, may rewrite history.
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
  `.execute(db);
}
