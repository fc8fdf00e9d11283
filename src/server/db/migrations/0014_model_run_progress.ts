import { sql, type Kysely } from 'kysely';

/**
 * Model runs in the background (issue 4): a run answers at once and reports its progress in its
 * row, so anyone who may see the run follows it, across reloads. A run can be cancelled: it ends
 * `cancelled` with no hits. At most one run of a model is running at a time (a second one is
 * refused, naming the first). A run remembers the run it was compared with, so the hits it
 * resolved can be listed from that run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE model_runs
      ADD COLUMN progress jsonb,
      ADD COLUMN previous_run_id uuid REFERENCES model_runs(id),
      ADD COLUMN cancel_requested_at timestamptz,
      ADD COLUMN cancel_requested_by_name text;
    ALTER TABLE model_runs DROP CONSTRAINT model_runs_status_check;
    ALTER TABLE model_runs ADD CONSTRAINT model_runs_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled'));

    -- Runs left running twice for one model can only come from killed processes: keep the newest.
    UPDATE model_runs r SET status = 'failed', failure = 'interrupted: the running process ended', finished_at = now()
     WHERE r.status = 'running'
       AND EXISTS (SELECT 1 FROM model_runs n WHERE n.model_id = r.model_id AND n.status = 'running' AND n.started_at > r.started_at);
    CREATE UNIQUE INDEX model_runs_one_running_idx ON model_runs (model_id) WHERE status = 'running';

    -- The previous run of older runs: the newest run of the model that succeeded before it finished.
    UPDATE model_runs r SET previous_run_id = (
      SELECT p.id FROM model_runs p
       WHERE p.model_id = r.model_id AND p.status = 'succeeded' AND p.id <> r.id AND p.finished_at < r.finished_at
       ORDER BY p.finished_at DESC LIMIT 1)
     WHERE r.status = 'succeeded';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX model_runs_one_running_idx;
    UPDATE model_runs SET status = 'failed', failure = 'cancelled' WHERE status = 'cancelled';
    ALTER TABLE model_runs DROP CONSTRAINT model_runs_status_check;
    ALTER TABLE model_runs ADD CONSTRAINT model_runs_status_check CHECK (status IN ('running', 'succeeded', 'failed'));
    ALTER TABLE model_runs DROP COLUMN cancel_requested_by_name, DROP COLUMN cancel_requested_at, DROP COLUMN previous_run_id, DROP COLUMN progress;
  `.execute(db);
}
