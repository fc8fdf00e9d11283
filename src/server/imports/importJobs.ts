import crypto from 'node:crypto';
import type { ImportOutcome, ImportStage } from '../commands/datasets.js';
import type { ReadProgress } from '../../ingest/pipeline.js';
import { AppError } from '../errors.js';

/**
 * Imports started from the web app run in the background of the server process: the commit
 * answers at once with a job, which the page polls for progress and may cancel. Jobs live in
 * memory only (one server process): a restart forgets them, and the import of a process that
 * died is marked failed and its staging table dropped at the next start
 * (recoverInterruptedImports).
 */

export type ImportJobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** 'queued' until the import begins; 'done' once it has ended, whatever the outcome. */
export type ImportJobStage = 'queued' | ImportStage | 'done';

export interface ImportJobOwner {
  /** The user who started the import: only they (and administrators) see and cancel it. */
  userId: string;
  importer: string;
}

export interface ImportJobSubject {
  datasetId: string;
  datasetName: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  bytesTotal: number;
}

export interface ImportJob extends ImportJobOwner, ImportJobSubject {
  id: string;
  state: ImportJobState;
  stage: ImportJobStage;
  rowsRead: number;
  rowsRejected: number;
  /** Fraction of the source read, 0…1. */
  fraction: number;
  startedAt: number;
  /** When reading began (rows per second count from here, not from the copy of the file). */
  readingSince: number | null;
  finishedAt: number | null;
  outcome: ImportOutcome | null;
  /** An unexpected error (not a refused file: those are in outcome.failure). */
  error: string | null;
  controller: AbortController;
  done: Promise<void>;
}

/** Finished jobs are kept this long, so that a page reloaded after the end still finds them. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export type ImportWork = (hooks: { signal: AbortSignal; onProgress: (p: ReadProgress) => void; onStage: (s: ImportStage) => void }) => Promise<ImportOutcome>;

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly keepFinishedMs = KEEP_FINISHED_MS) {}

  /** Starts `work` in the background and returns its job at once. `onEnd` runs after it ends,
   * whatever the outcome (e.g. to discard the upload). */
  start(owner: ImportJobOwner, subject: ImportJobSubject, work: ImportWork, onEnd?: () => void): ImportJob {
    this.prune();
    const controller = new AbortController();
    const job: ImportJob = {
      id: crypto.randomUUID(),
      ...owner,
      ...subject,
      state: 'running',
      stage: 'queued',
      rowsRead: 0,
      rowsRejected: 0,
      fraction: 0,
      startedAt: Date.now(),
      readingSince: null,
      finishedAt: null,
      outcome: null,
      error: null,
      controller,
      done: Promise.resolve(),
    };
    const hooks = {
      signal: controller.signal,
      onProgress: (p: ReadProgress) => {
        job.rowsRead = p.rowsRead;
        job.rowsRejected = p.rowsRejected;
        job.fraction = p.fraction;
      },
      onStage: (stage: ImportStage) => {
        job.stage = stage;
        if (stage === 'reading') job.readingSince = Date.now();
      },
    };
    // Started on the next turn, so that the caller has the job before any of the work runs.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(hooks))
      .then(
        (outcome) => {
          job.outcome = outcome;
          if (outcome.report) hooks.onProgress({ fraction: 1, rowsRead: outcome.report.rowsRead, rowsRejected: outcome.report.rowsRejected });
          job.state = outcome.status === 'committed' ? 'succeeded' : outcome.status === 'cancelled' ? 'cancelled' : 'failed';
        },
        (err: unknown) => {
          job.error = err instanceof Error ? err.message : String(err);
          job.state = 'failed';
        },
      )
      .finally(() => {
        job.stage = 'done';
        job.finishedAt = Date.now();
        onEnd?.();
      });
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): ImportJob | undefined {
    this.prune();
    return this.jobs.get(id);
  }

  /** Jobs newest first; `userId` limits them to one user's. */
  list(filter: { userId?: string; running?: boolean } = {}): ImportJob[] {
    this.prune();
    return [...this.jobs.values()]
      .filter((j) => (filter.userId === undefined || j.userId === filter.userId) && (!filter.running || j.state === 'running'))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  /**
   * Stops a running import and waits until it has cleaned up. Once it is committing (its rows are
   * all in) or has ended, it is too late: 409.
   */
  async cancel(job: ImportJob): Promise<ImportJob> {
    if (job.state !== 'running' || job.stage === 'committing') {
      throw new AppError(409, 'not_cancellable', job.state === 'running' ? 'The import is being committed and can no longer be cancelled' : `The import has already ended (${job.state})`, {
        state: job.state,
      });
    }
    job.controller.abort();
    await job.done;
    return job;
  }

  /** On shutdown: cancels what runs and waits for it, so that nothing is left half-done. */
  async closeAll(): Promise<void> {
    for (const job of this.jobs.values()) if (job.state === 'running' && job.stage !== 'committing') job.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private prune() {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > this.keepFinishedMs) this.jobs.delete(id);
  }
}
