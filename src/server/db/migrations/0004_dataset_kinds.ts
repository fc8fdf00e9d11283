import { sql, type Kysely } from 'kysely';

/**
 * Custom dataset kinds (DATA-SPEC §1, issue 3): kinds that users define, with the same shape as
 * the built-in ones. Each imported version keeps its own copy of the definition it was read with
 * (dataset_versions.kind_definition), so a kind may change without touching imported data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dataset_kinds (
      kind text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
      label text NOT NULL,
      definition jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_by_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
