import { sql, type Kysely } from 'kysely';

/**
 * The model library and its results (issue 4): versioned model documents, runs with their
 * inputs and counts, and hits with evidence and human review. A run's hits are written in the
 * same transaction that marks the run succeeded, so a failed or killed run leaves none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE models (
      id text PRIMARY KEY,
      built_in boolean NOT NULL DEFAULT false,
      current_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE model_versions (
      model_id text NOT NULL REFERENCES models(id),
      version integer NOT NULL,
      document jsonb NOT NULL,
      change_note text,
      created_by uuid REFERENCES users(id),
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (model_id, version)
    );

    CREATE TABLE model_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      model_id text NOT NULL REFERENCES models(id),
      model_version integer NOT NULL,
      as_of date NOT NULL,
      parameters jsonb NOT NULL,
      dataset_versions jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
      failure text,
      subjects integer,
      hits integer,
      new_hits integer,
      still_present integer,
      resolved integer,
      resolved_keys jsonb NOT NULL DEFAULT '[]',
      elapsed_ms integer,
      runner_process text NOT NULL,
      started_by uuid REFERENCES users(id),
      started_by_name text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      FOREIGN KEY (model_id, model_version) REFERENCES model_versions(model_id, version)
    );
    CREATE INDEX model_runs_model_idx ON model_runs (model_id, started_at DESC);

    CREATE TABLE hits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid NOT NULL REFERENCES model_runs(id),
      model_id text NOT NULL REFERENCES models(id),
      subject_key text NOT NULL,
      id_number text,
      name text,
      rules text[] NOT NULL,
      evidence jsonb NOT NULL,
      summaries jsonb NOT NULL DEFAULT '{}',
      subject jsonb NOT NULL DEFAULT '[]',
      change text NOT NULL CHECK (change IN ('new', 'still_present')),
      review_status text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'confirmed', 'dismissed')),
      review_reason text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_by_name text,
      reviewed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (run_id, subject_key)
    );
    CREATE INDEX hits_model_subject_idx ON hits (model_id, subject_key);
    CREATE INDEX hits_run_review_idx ON hits (run_id, review_status);
  `.execute(db);
}
