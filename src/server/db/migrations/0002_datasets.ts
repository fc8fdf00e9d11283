import { sql, type Kysely } from 'kysely';

/**
 * The dataset registry (DATA-SPEC §1, issue 3): datasets with their owner, legal basis and
 * visibility, and their immutable versions with provenance and import accounting. The rows of a
 * version live in the warehouse (DuckDB, or the schema `warehouse` created here).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE SCHEMA IF NOT EXISTS warehouse;

    CREATE TABLE datasets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      name text NOT NULL,
      -- Null only for datasets imported from the command line into a directory without organizations.
      owner_organization_id uuid REFERENCES organizations(id),
      legal_basis text NOT NULL CHECK (legal_basis IN ('investigation', 'agreement', 'other')),
      legal_basis_note text,
      visible_roles text[] NOT NULL DEFAULT '{analyst,procurator}',
      visible_organization_ids uuid[] NOT NULL DEFAULT '{}',
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, name)
    );
    CREATE INDEX datasets_owner_idx ON datasets (owner_organization_id);

    CREATE TABLE dataset_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dataset_id uuid NOT NULL REFERENCES datasets(id),
      -- Numbered at commit, so failed imports leave no gaps.
      version integer,
      status text NOT NULL CHECK (status IN ('importing', 'committed', 'failed')),
      kind_definition jsonb NOT NULL,
      source_path text NOT NULL,
      source_filename text NOT NULL,
      source_sha256 text NOT NULL,
      source_bytes bigint NOT NULL,
      format text,
      encoding text,
      delimiter text,
      sheet text,
      header_line integer,
      column_mapping jsonb NOT NULL DEFAULT '[]',
      strict boolean NOT NULL DEFAULT false,
      rows_read integer NOT NULL DEFAULT 0,
      rows_imported integer NOT NULL DEFAULT 0,
      rows_rejected integer NOT NULL DEFAULT 0,
      warnings_count integer NOT NULL DEFAULT 0,
      warnings jsonb NOT NULL DEFAULT '[]',
      errors_count integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      failure text,
      warehouse_table text,
      importer_id uuid REFERENCES users(id),
      importer_name text NOT NULL,
      -- host:pid of the importing process: an 'importing' version whose process is gone was interrupted.
      importer_process text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (dataset_id, version),
      CHECK ((status = 'committed') = (version IS NOT NULL))
    );
    CREATE INDEX dataset_versions_dataset_idx ON dataset_versions (dataset_id, status);
  `.execute(db);
}
