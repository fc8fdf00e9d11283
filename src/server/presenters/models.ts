import { sql } from 'kysely';
import { maskIdNumber } from '../../domain/idNumber.js';
import { modelDocument } from '../../engine/document.js';
import type { Db } from '../db/index.js';

export async function listModels(db: Db) {
  const rows = await db
    .selectFrom('models as m')
    .innerJoin('model_versions as v', (j) => j.onRef('v.model_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'))
    .select([
      'm.id',
      'm.built_in',
      'm.current_version',
      'v.document',
      'm.updated_at',
      sql<string | null>`(SELECT max(r.finished_at)::text FROM model_runs r WHERE r.model_id = m.id AND r.status = 'succeeded')`.as('last_run_at'),
      sql<number | null>`(SELECT r.hits FROM model_runs r WHERE r.model_id = m.id AND r.status = 'succeeded' ORDER BY r.finished_at DESC LIMIT 1)`.as('last_hits'),
    ])
    .orderBy('m.built_in', 'desc')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => {
    const doc = modelDocument.parse(r.document);
    return {
      id: r.id,
      builtIn: r.built_in,
      version: r.current_version,
      title: doc.title,
      description: doc.description,
      rules: doc.rules.map((rule) => ({ id: rule.id, title: rule.title })),
      lastRunAt: r.last_run_at,
      lastHits: r.last_hits,
    };
  });
}

export async function presentModel(db: Db, id: string) {
  const versions = await db.selectFrom('model_versions').selectAll().where('model_id', '=', id).orderBy('version', 'desc').execute();
  if (!versions.length) return null;
  const precision = await rulePrecision(db, id);
  return {
    id,
    document: modelDocument.parse(versions[0].document),
    versions: versions.map((v) => ({ version: v.version, changeNote: v.change_note, createdBy: v.created_by_name, createdAt: new Date(v.created_at).toISOString() })),
    precision,
  };
}

export async function modelVersionDocument(db: Db, id: string, version: number) {
  const row = await db.selectFrom('model_versions').select('document').where('model_id', '=', id).where('version', '=', version).executeTakeFirst();
  return row ? modelDocument.parse(row.document) : null;
}

/**
 * Precision per rule measured from human review: each subject counts once, with its latest
 * review; pending hits do not count.
 */
export async function rulePrecision(db: Db, modelId: string) {
  const { rows } = await sql<{ rule: string; confirmed: number; dismissed: number }>`
    SELECT r.rule,
           count(*) FILTER (WHERE h.review_status = 'confirmed')::int AS confirmed,
           count(*) FILTER (WHERE h.review_status = 'dismissed')::int AS dismissed
      FROM (SELECT DISTINCT ON (subject_key) subject_key, rules, review_status
              FROM hits WHERE model_id = ${modelId} AND review_status <> 'pending'
             ORDER BY subject_key, reviewed_at DESC) h,
           unnest(h.rules) AS r(rule)
     GROUP BY r.rule ORDER BY r.rule`.execute(db);
  return rows.map((r) => ({ rule: r.rule, confirmed: r.confirmed, dismissed: r.dismissed, precision: r.confirmed + r.dismissed ? r.confirmed / (r.confirmed + r.dismissed) : null }));
}

export async function listRuns(db: Db, modelId: string, page: number, pageSize: number) {
  const [{ total }] = await db.selectFrom('model_runs').select(sql<number>`count(*)::int`.as('total')).where('model_id', '=', modelId).execute();
  const rows = await db.selectFrom('model_runs').selectAll().where('model_id', '=', modelId).orderBy('started_at', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total, items: rows.map(presentRun) };
}

export function presentRun(r: Awaited<ReturnType<typeof runRow>>) {
  return {
    id: r.id,
    modelId: r.model_id,
    modelVersion: r.model_version,
    asOf: typeof r.as_of === 'string' ? r.as_of : new Date(r.as_of).toISOString().slice(0, 10),
    parameters: r.parameters,
    datasetVersions: r.dataset_versions,
    status: r.status,
    failure: r.failure,
    subjects: r.subjects,
    hits: r.hits,
    newHits: r.new_hits,
    stillPresent: r.still_present,
    resolved: r.resolved,
    elapsedMs: r.elapsed_ms,
    startedBy: r.started_by_name,
    startedById: r.started_by,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    /** Where the run is (or was when it ended): stage, counts, elapsed time. */
    progress: r.progress,
    previousRunId: r.previous_run_id,
    cancelRequestedAt: r.cancel_requested_at ? new Date(r.cancel_requested_at).toISOString() : null,
    cancelRequestedBy: r.cancel_requested_by_name,
  };
}

export function runRow(db: Db, runId: string) {
  return db.selectFrom('model_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

export const COMPARISONS = ['new', 'still_present', 'resolved'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface HitFilter {
  runId: string;
  rule?: string;
  review?: 'pending' | 'confirmed' | 'dismissed';
  /** How a hit compares with the previous run; `resolved`: the previous run's hits that no longer fire. */
  comparison?: Comparison;
  q?: string;
}

/**
 * The previous run's hits a run resolved (their subject no longer fires): stored on the previous
 * run, with the evidence and review they had there. Runs from before previous_run_id was kept
 * find theirs as the newest run that succeeded before them.
 */
async function resolvedSource(db: Db, runId: string): Promise<{ previousRunId: string; keys: string[] } | null> {
  const run = await db.selectFrom('model_runs').select(['model_id', 'status', 'previous_run_id', 'resolved_keys', 'finished_at']).where('id', '=', runId).executeTakeFirst();
  if (!run || run.status !== 'succeeded' || !run.resolved_keys.length) return null;
  let previousRunId = run.previous_run_id;
  if (!previousRunId && run.finished_at) {
    const previous = await db
      .selectFrom('model_runs')
      .select('id')
      .where('model_id', '=', run.model_id)
      .where('status', '=', 'succeeded')
      .where('id', '<>', runId)
      .where('finished_at', '<', run.finished_at)
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    previousRunId = previous?.id ?? null;
  }
  return previousRunId ? { previousRunId, keys: run.resolved_keys } : null;
}

/**
 * Hits of a run. ID numbers are personal data: masked unless `unmask` (which the route grants
 * by policy and writes to the audit log). With `comparison: 'resolved'` the list is of the
 * previous run's hits that this run no longer finds, each marked `change: 'resolved'`.
 */
export async function listHits(db: Db, filter: HitFilter, page: number, pageSize: number, unmask: boolean) {
  let q = db.selectFrom('hits');
  if (filter.comparison === 'resolved') {
    const source = await resolvedSource(db, filter.runId);
    if (!source) return { total: 0, items: [] };
    q = q.where('run_id', '=', source.previousRunId).where(sql<boolean>`subject_key = ANY(${source.keys}::text[])`);
  } else {
    q = q.where('run_id', '=', filter.runId);
    if (filter.comparison) q = q.where('change', '=', filter.comparison);
  }
  if (filter.rule) q = q.where(sql<boolean>`${filter.rule} = ANY(rules)`);
  if (filter.review) q = q.where('review_status', '=', filter.review);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('subject_key', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q.selectAll().orderBy('subject_key').limit(pageSize).offset((page - 1) * pageSize).execute();
  const resolved = filter.comparison === 'resolved';
  return { total, items: rows.map((h) => ({ ...presentHit(h, unmask), ...(resolved && { change: 'resolved' as const }) })) };
}

type HitRow = Awaited<ReturnType<typeof hitRow>>;
export function hitRow(db: Db, id: string) {
  return db.selectFrom('hits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Evidence rows keep ID numbers (owner_id_number, id_number …) masked like the subject's. */
export function presentHit(h: NonNullable<HitRow>, unmask: boolean) {
  const mask = (value: unknown, key: string) => (!unmask && typeof value === 'string' && /id_number$/.test(key) ? maskIdNumber(value) : value);
  const maskRows = (rows: Record<string, unknown>[]) => rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, mask(v, k)])));
  const evidence = h.evidence as Record<string, Record<string, unknown>[]>;
  return {
    id: h.id,
    runId: h.run_id,
    modelId: h.model_id,
    subjectKey: unmask ? h.subject_key : h.subject_key.replace(/\d{17}[\dX]/g, (id) => maskIdNumber(id)),
    idNumber: h.id_number && (unmask ? h.id_number : maskIdNumber(h.id_number)),
    name: h.name,
    rules: h.rules,
    change: h.change,
    evidence: Object.fromEntries(Object.entries(evidence).map(([rule, rows]) => [rule, maskRows(rows)])),
    summaries: h.summaries,
    subject: maskRows(h.subject as Record<string, unknown>[]),
    review: { status: h.review_status, reason: h.review_reason, by: h.reviewed_by_name, at: h.reviewed_at ? new Date(h.reviewed_at).toISOString() : null },
    version: h.version,
    masked: !unmask,
  };
}
