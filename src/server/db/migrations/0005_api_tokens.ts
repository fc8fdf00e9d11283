import { sql, type Kysely } from 'kysely';

/**
 * API tokens (issue 3): agency systems push dataset files without a browser session. Only the
 * SHA-256 of a token's secret is stored; the secret itself is shown once, when it is created.
 * A token is bound to one organization and to a list of that organization's datasets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL REFERENCES organizations(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      dataset_ids uuid[] NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id)
    );
    CREATE INDEX api_tokens_organization_idx ON api_tokens (organization_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE api_tokens`.execute(db);
}
