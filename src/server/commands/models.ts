import os from 'node:os';
import { sql } from 'kysely';
import type { KindDefinition } from '../../domain/datasetKinds.js';
import { BUILT_IN_MODELS } from '../../engine/builtins.js';
import { ModelCompileError, type DatasetTable } from '../../engine/compiler.js';
import { DIALECTS } from '../../engine/dialects.js';
import { modelDocument, type ModelDocument } from '../../engine/document.js';
import { compileStaged, RunCancelled, runStaged, type Hit, type StagedModel, type WarehouseQuery } from '../../engine/runner.js';
import { isAlive } from '../db/embedded.js';
import type { Db } from '../db/index.js';
import type { RunProgress, RunStage } from '../db/schemaModels.js';
import { AppError, conflict, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';

export interface ModelWarehouse extends WarehouseQuery {
  kind: 'duckdb' | 'postgres';
  /** Where dataset tables live in this warehouse (PostgreSQL keeps them in a schema of their own). */
  datasetSchema?: string;
}

const PROCESS = `${os.hostname()}:${process.pid}`;
const HIT_BATCH = 500;

/**
 * Puts the built-in models into the library the first time JianXing sees them, and a newer
 * shipped version of one (e.g. non-litigation-enforcement v2, which unified the brackets of
 * document numbers) as its next version — but only while nobody has edited the model: a user's
 * version stays current and the shipped one is not added (its number may be taken).
 */
export async function ensureBuiltInModels(db: Db): Promise<void> {
  for (const doc of BUILT_IN_MODELS) {
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('models').values({ id: doc.id, built_in: true, current_version: doc.version }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
      if (inserted) {
        await trx.insertInto('model_versions').values({ model_id: doc.id, version: doc.version, document: JSON.stringify(doc), change_note: 'built-in', created_by_name: 'system' }).execute();
        return;
      }
      const current = await trx
        .selectFrom('models as m')
        .innerJoin('model_versions as v', (j) => j.onRef('v.model_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'))
        .select(['m.built_in', 'm.current_version', 'v.created_by_name'])
        .where('m.id', '=', doc.id)
        .forUpdate()
        .executeTakeFirst();
      if (!current?.built_in || current.created_by_name !== 'system' || current.current_version >= doc.version) return;
      const taken = await trx.selectFrom('model_versions').select('version').where('model_id', '=', doc.id).where('version', '>=', doc.version).executeTakeFirst();
      if (taken) return;
      await trx.insertInto('model_versions').values({ model_id: doc.id, version: doc.version, document: JSON.stringify(doc), change_note: 'built-in update', created_by_name: 'system' }).execute();
      await trx.updateTable('models').set({ current_version: doc.version, updated_at: new Date() }).where('id', '=', doc.id).execute();
    });
  }
}

export async function currentModel(db: Db, modelId: string): Promise<ModelDocument> {
  const row = await db
    .selectFrom('models as m')
    .innerJoin('model_versions as v', (j) => j.onRef('v.model_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'))
    .select(['v.document'])
    .where('m.id', '=', modelId)
    .executeTakeFirst();
  if (!row) throw notFound('Model');
  return modelDocument.parse(row.document);
}

/**
 * For each dataset kind, the table of the newest committed version. With several datasets of one
 * kind the model reads the one named like the kind, unless the run names another.
 */
export async function resolveDatasets(db: Db, warehouse: ModelWarehouse, kinds: string[], chosen: Record<string, string> = {}) {
  const rows = await db
    .selectFrom('dataset_versions as v')
    .innerJoin('datasets as d', 'd.id', 'v.dataset_id')
    .select(['d.kind', 'd.name', 'v.id', 'v.version', 'v.warehouse_table', 'v.kind_definition'])
    .where('v.status', '=', 'committed')
    .where('d.kind', 'in', kinds.length ? kinds : [''])
    .orderBy('v.finished_at', 'desc')
    .execute();
  const tables = new Map<string, DatasetTable & { versionId: string; dataset: string; version: number }>();
  const problems: { path: string; message: string }[] = [];
  for (const kind of kinds) {
    const ofKind = rows.filter((r) => r.kind === kind);
    const names = [...new Set(ofKind.map((r) => r.name))];
    const name = chosen[kind] ?? (names.length === 1 ? names[0] : names.includes(kind) ? kind : undefined);
    const newest = ofKind.find((r) => r.name === name);
    if (!newest) {
      problems.push({ path: `datasets.${kind}`, message: names.length > 1 ? `several datasets of kind "${kind}" (${names.join(', ')}): choose one` : `no imported dataset of kind "${kind}"` });
      continue;
    }
    tables.set(kind, {
      kind: newest.kind_definition as unknown as KindDefinition,
      table: newest.warehouse_table!,
      schema: warehouse.datasetSchema,
      versionId: newest.id,
      dataset: newest.name,
      version: newest.version!,
    });
  }
  return { tables, problems };
}

export function kindsOf(doc: ModelDocument): string[] {
  return [...new Set([...doc.subject.sources.map((s) => s.dataset), ...doc.rules.map((r) => r.dataset)])];
}

export interface RunRequest {
  modelId: string;
  asOf: string;
  parameters?: Record<string, unknown>;
  datasets?: Record<string, string>;
}

export interface RunOutcome {
  runId: string;
  model: string;
  modelVersion: number;
  asOf: string;
  parameters: Record<string, string | number>;
  datasetVersions: Record<string, { dataset: string; version: number; versionId: string }>;
  hits: (Hit & { change: 'new' | 'still_present' })[];
  resolved: string[];
  subjects: number;
  elapsedMs: number;
}

const compileProblem = (err: ModelCompileError) =>
  new AppError(400, 'validation', 'The model cannot run', { fields: err.problems.map((p) => ({ path: p.path, code: 'custom', message: p.message, params: { reason: 'model_problem' } })) });

/**
 * TEST ONLY — never set in production. Lets API tests hold a run at a stage (to watch its
 * progress or cancel it there) without needing data big enough to be slow.
 */
export const testOnlyRunHooks: { beforeStage?: (runId: string, progress: RunProgress) => Promise<void> } = {};

/** Runs executing in this process, by run id: their stop switch and their end. */
const activeRuns = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

export interface StartedRun {
  runId: string;
  /** Settles when the run has ended: its outcome, or the error that ended it (RunCancelled when cancelled). */
  done: Promise<RunOutcome>;
}

/** The 409 for a second run of a model while one is running: it names the running run. */
async function alreadyRunning(db: Db, modelId: string): Promise<AppError> {
  const running = await db.selectFrom('model_runs').select(['id', 'started_by_name', 'started_at']).where('model_id', '=', modelId).where('status', '=', 'running').executeTakeFirst();
  return new AppError(409, 'run_in_progress', `Model ${modelId} is already running (run ${running?.id ?? '?'})`, {
    running: running ? { id: running.id, startedBy: running.started_by_name, startedAt: new Date(running.started_at).toISOString() } : null,
  });
}

/**
 * For a PostgreSQL warehouse, a query can be stopped midway: each query of the run carries a
 * comment naming the run, and cancelling asks PostgreSQL to cancel the backend running it
 * (pg_cancel_backend). DuckDB queries are passed the signal (a warehouse that honours it stops
 * them); otherwise the run stops before its next query.
 */
function cancellableWarehouse(db: Db, warehouse: ModelWarehouse, runId: string): WarehouseQuery {
  if (warehouse.kind !== 'postgres') return { query: (text, params, options) => warehouse.query(text, params, options) };
  const tag = `/* jianxing model run ${runId} */`;
  return {
    async query(text, params, options) {
      const signal = options?.signal;
      const cancel = () =>
        void sql`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND starts_with(query, ${tag})`.execute(db).catch(() => undefined);
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        return await warehouse.query(`${tag}\n${text}`, params);
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    },
  };
}

/**
 * Starts a run of the current version of a model and answers once it is registered (status
 * `running`); the run goes on in the background. Problems found before it starts (unknown model,
 * missing datasets, a document that does not compile, a run of the model already running) are
 * thrown here. The run compiles the model, counts subjects, runs each rule's query, compares the
 * hits with the previous successful run and stores the hits in the transaction that marks it
 * succeeded; it writes its progress into its row at each stage. Cancelled (cancelRun, or its row
 * flagged by another process), it ends `cancelled` with no hits.
 */
export async function startRun(
  db: Db,
  warehouse: ModelWarehouse,
  ctx: CommandContext,
  request: RunRequest,
  options: { onProgress?: (progress: RunProgress) => void } = {},
): Promise<StartedRun> {
  const started = Date.now();
  const [found, doc] = await Promise.all([
    db.selectFrom('models').select(['id', 'current_version']).where('id', '=', request.modelId).executeTakeFirst(),
    currentModel(db, request.modelId),
  ]);
  if (!found) throw notFound('Model');
  const model = found;
  const { tables, problems } = await resolveDatasets(db, warehouse, kindsOf(doc), request.datasets);
  if (problems.length) throw compileProblem(new ModelCompileError(problems));
  let staged: StagedModel;
  try {
    staged = compileStaged({ document: doc, dialect: DIALECTS[warehouse.kind], datasets: (kind) => tables.get(kind), asOf: request.asOf, parameters: request.parameters });
  } catch (err) {
    if (err instanceof ModelCompileError) throw compileProblem(err);
    throw err;
  }
  const compiled = staged.whole;
  const compileMs = Date.now() - started;
  const datasetVersions = Object.fromEntries([...tables].map(([kind, t]) => [kind, { dataset: t.dataset, version: t.version, versionId: t.versionId }]));
  const steps = 2 + staged.rules.length + 2;
  let progress: RunProgress = { stage: 'subjects', step: 1, steps, elapsedMs: compileMs, stages: [{ stage: 'compile', ms: compileMs }] };
  let run: { id: string };
  try {
    run = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('model_runs')
        .values({
          model_id: model.id,
          model_version: model.current_version,
          as_of: request.asOf,
          parameters: JSON.stringify(compiled.parameters),
          dataset_versions: JSON.stringify(datasetVersions),
          status: 'running',
          runner_process: PROCESS,
          started_by: ctx.actor?.id ?? null,
          started_by_name: ctx.actorName,
          progress: JSON.stringify(progress),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'model.run_started', recordType: 'model_run', recordId: row.id, details: { model: model.id, asOf: request.asOf } });
      return row;
    });
  } catch (err) {
    // model_runs_one_running_idx: one running run per model.
    if ((err as { code?: string; constraint?: string }).constraint === 'model_runs_one_running_idx') throw await alreadyRunning(db, model.id);
    throw err;
  }
  options.onProgress?.(progress);

  const controller = new AbortController();
  const { signal } = controller;
  const runWarehouse = cancellableWarehouse(db, warehouse, run.id);
  let stageStarted = Date.now();

  /** Ends the current stage and writes the next one into the run's row; a cancel flag set there (by another process) stops the run. */
  async function report(next: Partial<RunProgress> & { stage: RunStage }, finished?: { stage: RunStage; rule?: string }) {
    const now = Date.now();
    const stages = finished ? [...progress.stages, { ...finished, ms: now - stageStarted }] : progress.stages;
    if (finished) stageStarted = now;
    progress = { ...progress, ...next, stages, elapsedMs: now - started };
    if (next.stage !== 'rule') delete progress.rule;
    options.onProgress?.(progress);
    const row = await db
      .updateTable('model_runs')
      .set({ progress: JSON.stringify(progress) })
      .where('id', '=', run.id)
      .where('status', '=', 'running')
      .returning('cancel_requested_at')
      .executeTakeFirst();
    if (row?.cancel_requested_at) controller.abort();
    await testOnlyRunHooks.beforeStage?.(run.id, progress);
    if (signal.aborted) throw new RunCancelled();
  }

  async function execute(): Promise<RunOutcome> {
    const result = await runStaged(runWarehouse, staged, {
      signal,
      onRule: ({ index, total, id, subjects, hits }) =>
        report({ stage: 'rule', step: 1 + index, rule: { index, total, id }, subjects, hits }, index === 1 ? { stage: 'subjects' } : { stage: 'rule', rule: staged.rules[index - 2].id }),
    });
    const lastRule = staged.rules.at(-1);
    await report({ stage: 'compare', step: 2 + staged.rules.length, subjects: result.subjects, hits: result.hits.length }, lastRule ? { stage: 'rule', rule: lastRule.id } : { stage: 'subjects' });
    const elapsedMs = () => Date.now() - started;
    return db.transaction().execute(async (trx) => {
      const previousRun = await trx
        .selectFrom('model_runs')
        .select('id')
        .where('model_id', '=', model.id)
        .where('status', '=', 'succeeded')
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const previous = previousRun
        ? await trx.selectFrom('hits').select(['subject_key', 'review_status', 'review_reason', 'reviewed_by', 'reviewed_by_name', 'reviewed_at']).where('run_id', '=', previousRun.id).execute()
        : [];
      const before = new Map(previous.map((p) => [p.subject_key, p]));
      const hits = result.hits.map((h) => ({ ...h, change: before.has(h.subjectKey) ? ('still_present' as const) : ('new' as const) }));
      const current = new Set(hits.map((h) => h.subjectKey));
      const resolved = previous.filter((p) => !current.has(p.subject_key)).map((p) => p.subject_key);
      // Progress is written outside this transaction (others must see it now); the run's row
      // is locked here only at the end, when the run is marked succeeded.
      await report({ stage: 'write', step: 3 + staged.rules.length, written: 0 }, { stage: 'compare' });
      for (let i = 0; i < hits.length; i += HIT_BATCH) {
        await trx
          .insertInto('hits')
          .values(
            hits.slice(i, i + HIT_BATCH).map((h) => {
              // A lead still present keeps its review: nobody confirms the same finding twice.
              const prior = before.get(h.subjectKey);
              return {
                run_id: run.id,
                model_id: model.id,
                subject_key: h.subjectKey,
                id_number: h.idNumber,
                name: h.name,
                rules: h.rules,
                evidence: JSON.stringify(h.evidence),
                summaries: JSON.stringify(h.summaries),
                subject: JSON.stringify(h.subject),
                change: h.change,
                review_status: prior?.review_status ?? 'pending',
                review_reason: prior?.review_reason ?? null,
                reviewed_by: prior?.reviewed_by ?? null,
                reviewed_by_name: prior?.reviewed_by_name ?? null,
                reviewed_at: prior?.reviewed_at ?? null,
              };
            }),
          )
          .execute();
        const written = Math.min(i + HIT_BATCH, hits.length);
        if (written < hits.length) await report({ stage: 'write', written });
      }
      // A cancel that came before this point wins: nothing of the run is kept.
      const row = await trx.selectFrom('model_runs').select('cancel_requested_at').where('id', '=', run.id).forUpdate().executeTakeFirstOrThrow();
      if (row.cancel_requested_at || signal.aborted) throw new RunCancelled();
      const newHits = hits.filter((h) => h.change === 'new').length;
      const now = Date.now();
      progress = { ...progress, stage: 'done', step: steps, written: hits.length, elapsedMs: now - started, stages: [...progress.stages, { stage: 'write', ms: now - stageStarted }] };
      options.onProgress?.(progress);
      await trx
        .updateTable('model_runs')
        .set({
          status: 'succeeded',
          subjects: result.subjects,
          hits: hits.length,
          new_hits: newHits,
          still_present: hits.length - newHits,
          resolved: resolved.length,
          resolved_keys: JSON.stringify(resolved),
          previous_run_id: previousRun?.id ?? null,
          elapsed_ms: elapsedMs(),
          finished_at: new Date(),
          progress: JSON.stringify(progress),
        })
        .where('id', '=', run.id)
        .execute();
      await recordAudit(trx, ctx, { action: 'model.run_succeeded', recordType: 'model_run', recordId: run.id, details: { model: model.id, hits: hits.length, new: newHits, resolved: resolved.length } });
      return { runId: run.id, model: model.id, modelVersion: model.current_version, asOf: request.asOf, parameters: compiled.parameters, datasetVersions, hits, resolved, subjects: result.subjects, elapsedMs: elapsedMs() };
    });
  }

  const done = (async () => {
    try {
      return await execute();
    } catch (err) {
      if (signal.aborted || err instanceof RunCancelled) {
        await markRunCancelled(db, run.id, Date.now() - started);
        throw err instanceof RunCancelled ? err : new RunCancelled();
      }
      await markRunFailed(db, run.id, (err as Error).message);
      throw err;
    } finally {
      activeRuns.delete(run.id);
    }
  })();
  activeRuns.set(run.id, { controller, done: done.catch(() => undefined) });
  return { runId: run.id, done };
}

/** Runs a model to the end (the CLI): the outcome, or the error that ended the run. */
export async function runModel(db: Db, warehouse: ModelWarehouse, ctx: CommandContext, request: RunRequest, options: { onProgress?: (progress: RunProgress) => void } = {}): Promise<RunOutcome> {
  const { done } = await startRun(db, warehouse, ctx, request, options);
  return done;
}

async function markRunFailed(db: Db, runId: string, failure: string) {
  await db.updateTable('model_runs').set({ status: 'failed', failure: failure.slice(0, 2000), finished_at: new Date() }).where('id', '=', runId).where('status', '=', 'running').execute();
}

async function markRunCancelled(db: Db, runId: string, elapsedMs: number | null) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('model_runs')
      .set({ status: 'cancelled', finished_at: new Date(), ...(elapsedMs === null ? {} : { elapsed_ms: elapsedMs }) })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .returning(['model_id', 'cancel_requested_by_name'])
      .executeTakeFirst();
    if (row) await recordAudit(trx, { actor: null, actorName: row.cancel_requested_by_name ?? 'system', clientIp: null, requestId: null }, { action: 'model.run_cancelled', recordType: 'model_run', recordId: runId, details: { model: row.model_id } });
  });
}

/**
 * Asks a running run to stop (its starter or an administrator — the route checks): flags its row,
 * then stops it at once when it runs in this process (interrupting its query where the warehouse
 * can), waiting a moment for it to end. A run whose process has died is marked cancelled here.
 * Returns whether the run has ended.
 */
export async function cancelRun(db: Db, ctx: CommandContext, runId: string, wait = 10_000): Promise<void> {
  const flagged = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('model_runs')
      .set({ cancel_requested_at: new Date(), cancel_requested_by_name: ctx.actorName })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .returning(['id', 'runner_process', 'model_id'])
      .executeTakeFirst();
    if (row) await recordAudit(trx, ctx, { action: 'model.run_cancel', recordType: 'model_run', recordId: runId, details: { model: row.model_id } });
    return row;
  });
  if (!flagged) {
    const current = await db.selectFrom('model_runs').select(['id', 'status']).where('id', '=', runId).executeTakeFirst();
    if (!current) throw notFound('Run');
    throw new AppError(409, 'run_not_running', `The run has already ended (${current.status})`, { current });
  }
  const active = activeRuns.get(runId);
  if (active) {
    active.controller.abort();
    await Promise.race([active.done, new Promise((resolve) => setTimeout(resolve, wait).unref())]);
    return;
  }
  const [host, pid] = flagged.runner_process.split(':');
  if (host === os.hostname() && (pid === String(process.pid) || !isAlive(Number(pid)))) await markRunCancelled(db, runId, null);
}

/** Stops every run of this process and waits for each to end (server shutdown). */
export async function stopActiveRuns(): Promise<void> {
  const runs = [...activeRuns.values()];
  for (const run of runs) run.controller.abort();
  await Promise.all(runs.map((r) => r.done));
}

/** Runs left 'running' by a process that no longer exists were killed: they failed, with no hits. */
export async function recoverInterruptedRuns(db: Db): Promise<number> {
  const running = await db.selectFrom('model_runs').select(['id', 'runner_process']).where('status', '=', 'running').execute();
  let failed = 0;
  for (const run of running) {
    const [host, pid] = run.runner_process.split(':');
    if (host === os.hostname() && pid !== String(process.pid) && !isAlive(Number(pid))) {
      await markRunFailed(db, run.id, 'interrupted: the running process ended');
      failed++;
    }
  }
  return failed;
}

/** Stores an edited document as the model's next version (the library keeps every version). */
export async function saveModelVersion(db: Db, ctx: CommandContext, input: unknown, changeNote: string | null): Promise<{ id: string; version: number }> {
  const parsed = modelDocument.safeParse(input);
  if (!parsed.success) {
    throw new AppError(400, 'validation', 'The model document is invalid', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message, params: {} })),
    });
  }
  const doc = parsed.data;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('models').select(['current_version']).where('id', '=', doc.id).forUpdate().executeTakeFirst();
    const version = (existing?.current_version ?? 0) + 1;
    const stored = { ...doc, version };
    if (existing) await trx.updateTable('models').set({ current_version: version, updated_at: new Date() }).where('id', '=', doc.id).execute();
    else await trx.insertInto('models').values({ id: doc.id, built_in: false, current_version: version }).execute();
    await trx
      .insertInto('model_versions')
      .values({ model_id: doc.id, version, document: JSON.stringify(stored), change_note: changeNote, created_by: ctx.actor?.id ?? null, created_by_name: ctx.actorName })
      .execute();
    await recordAudit(trx, ctx, { action: existing ? 'model.version' : 'model.create', recordType: 'model', recordId: doc.id, details: { version, changeNote } });
    return { id: doc.id, version };
  });
}

/** Confirms or dismisses a hit; a second reviewer working from a stale copy gets a conflict. */
export async function reviewHit(
  db: Db,
  ctx: CommandContext,
  hitId: string,
  input: { decision: 'confirmed' | 'dismissed' | 'pending'; reason: string | null; version: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const hit = await trx.selectFrom('hits').select(['id', 'version', 'review_status']).where('id', '=', hitId).forUpdate().executeTakeFirst();
    if (!hit) throw notFound('Hit');
    if (hit.version !== input.version) throw conflict({ id: hitId, version: hit.version, reviewStatus: hit.review_status });
    await trx
      .updateTable('hits')
      .set({
        review_status: input.decision,
        review_reason: input.reason,
        reviewed_by: ctx.actor?.id ?? null,
        reviewed_by_name: ctx.actorName,
        reviewed_at: new Date(),
        version: sql`version + 1`,
      })
      .where('id', '=', hitId)
      .execute();
    await recordAudit(trx, ctx, { action: 'hit.review', recordType: 'hit', recordId: hitId, details: { decision: input.decision, reason: input.reason } });
  });
}
