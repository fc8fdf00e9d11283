import os from 'node:os';
import { sql } from 'kysely';
import type { KindDefinition } from '../../domain/datasetKinds.js';
import { BUILT_IN_MODELS } from '../../engine/builtins.js';
import { compileModel, ModelCompileError, type DatasetTable } from '../../engine/compiler.js';
import { DIALECTS } from '../../engine/dialects.js';
import { modelDocument, type ModelDocument } from '../../engine/document.js';
import { runCompiled, type Hit, type WarehouseQuery } from '../../engine/runner.js';
import { isAlive } from '../db/embedded.js';
import type { Db } from '../db/index.js';
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

/** Puts the five reference models into the library the first time JianXing sees them. */
export async function ensureBuiltInModels(db: Db): Promise<void> {
  for (const doc of BUILT_IN_MODELS) {
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('models').values({ id: doc.id, built_in: true, current_version: doc.version }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
      if (!inserted) return;
      await trx.insertInto('model_versions').values({ model_id: doc.id, version: doc.version, document: JSON.stringify(doc), change_note: 'built-in', created_by_name: 'system' }).execute();
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
 * Runs the current version of a model: compiles it for the warehouse, executes it, compares the
 * hits with the previous successful run, and stores run and hits in one transaction.
 */
export async function runModel(db: Db, warehouse: ModelWarehouse, ctx: CommandContext, request: RunRequest): Promise<RunOutcome> {
  const [model, doc] = await Promise.all([
    db.selectFrom('models').select(['id', 'current_version']).where('id', '=', request.modelId).executeTakeFirst(),
    currentModel(db, request.modelId),
  ]);
  if (!model) throw notFound('Model');
  const { tables, problems } = await resolveDatasets(db, warehouse, kindsOf(doc), request.datasets);
  if (problems.length) throw compileProblem(new ModelCompileError(problems));
  let compiled;
  try {
    compiled = compileModel({ document: doc, dialect: DIALECTS[warehouse.kind], datasets: (kind) => tables.get(kind), asOf: request.asOf, parameters: request.parameters });
  } catch (err) {
    if (err instanceof ModelCompileError) throw compileProblem(err);
    throw err;
  }
  const datasetVersions = Object.fromEntries([...tables].map(([kind, t]) => [kind, { dataset: t.dataset, version: t.version, versionId: t.versionId }]));
  const run = await db.transaction().execute(async (trx) => {
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'model.run_started', recordType: 'model_run', recordId: row.id, details: { model: model.id, asOf: request.asOf } });
    return row;
  });

  const started = Date.now();
  try {
    const result = await runCompiled(warehouse, compiled);
    const elapsedMs = Date.now() - started;
    return await db.transaction().execute(async (trx) => {
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
      }
      const newHits = hits.filter((h) => h.change === 'new').length;
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
          elapsed_ms: elapsedMs,
          finished_at: new Date(),
        })
        .where('id', '=', run.id)
        .execute();
      await recordAudit(trx, ctx, { action: 'model.run_succeeded', recordType: 'model_run', recordId: run.id, details: { model: model.id, hits: hits.length, new: newHits, resolved: resolved.length } });
      return { runId: run.id, model: model.id, modelVersion: model.current_version, asOf: request.asOf, parameters: compiled.parameters, datasetVersions, hits, resolved, subjects: result.subjects, elapsedMs };
    });
  } catch (err) {
    await markRunFailed(db, run.id, (err as Error).message);
    throw err;
  }
}

async function markRunFailed(db: Db, runId: string, failure: string) {
  await db.updateTable('model_runs').set({ status: 'failed', failure: failure.slice(0, 2000), finished_at: new Date() }).where('id', '=', runId).where('status', '=', 'running').execute();
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
