import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: pg parses it on the way out; it goes in as JSON text. */
type Json<T = unknown, Insert = string> = ColumnType<T, Insert, string>;

export interface ModelsTable {
  id: string;
  built_in: Generated<boolean>;
  current_version: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ModelVersionsTable {
  model_id: string;
  version: number;
  document: Json;
  change_note: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
}

export interface ModelRunsTable {
  id: Generated<string>;
  model_id: string;
  model_version: number;
  as_of: ColumnType<string | Date, string, string>;
  parameters: Json<Record<string, string | number>>;
  dataset_versions: Json<Record<string, { dataset: string; version: number; versionId: string }>, string | undefined>;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  failure: string | null;
  subjects: number | null;
  hits: number | null;
  new_hits: number | null;
  still_present: number | null;
  resolved: number | null;
  resolved_keys: Json<string[], string | undefined>;
  elapsed_ms: number | null;
  runner_process: string;
  started_by: string | null;
  started_by_name: string;
  started_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
  /** Where a running run is (stage, counts, elapsed time); the last one stays after it ends. */
  progress: ColumnType<RunProgress | null, string | null | undefined, string | null>;
  /** The run its hits were compared with (its resolved hits are that run's). */
  previous_run_id: string | null;
  cancel_requested_at: Timestamp | null;
  cancel_requested_by_name: string | null;
}

export type RunStage = 'compile' | 'subjects' | 'rule' | 'compare' | 'write' | 'done';

/** A run's progress as stored in `model_runs.progress` and shown while it runs. */
export interface RunProgress {
  stage: RunStage;
  /** Steps done of all steps (compile, subjects, one per rule, compare, write), for a bar. */
  step: number;
  steps: number;
  /** The rule being queried: its place (1-based) among the rules and its id. */
  rule?: { index: number; total: number; id: string };
  subjects?: number;
  /** Hits found so far (after the rule queries: the run's hits). */
  hits?: number;
  /** Hits written so far, of `hits`. */
  written?: number;
  /** Milliseconds since the run started, when this was written. */
  elapsedMs: number;
  /** Finished stages with their time. */
  stages: { stage: RunStage; rule?: string; ms: number }[];
}

export interface HitsTable {
  id: Generated<string>;
  run_id: string;
  model_id: string;
  subject_key: string;
  id_number: string | null;
  name: string | null;
  rules: string[];
  evidence: Json<Record<string, Record<string, unknown>[]>>;
  summaries: Json<Record<string, Record<string, unknown>>, string | undefined>;
  subject: Json<Record<string, unknown>[], string | undefined>;
  change: 'new' | 'still_present';
  review_status: ColumnType<'pending' | 'confirmed' | 'dismissed', 'pending' | 'confirmed' | 'dismissed' | undefined, 'pending' | 'confirmed' | 'dismissed'>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface ModelTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_runs: ModelRunsTable;
  hits: HitsTable;
}
