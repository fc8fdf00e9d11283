import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modelJsonSchema } from '../../engine/document.js';
import { explainModel } from '../../engine/explain.js';
import { recordAudit } from '../commands/audit.js';
import { cancelRun, currentModel, reviewHit, saveModelVersion, startRun, stopActiveRuns } from '../commands/models.js';
import { conflict, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { authorize, can } from '../policies/policy.js';
import { COMPARISONS, hitRow, listHits, listModels, listRuns, modelVersionDocument, presentHit, presentModel, presentRun, runRow } from '../presenters/models.js';
import { workbook } from '../presenters/spreadsheet.js';
import { today } from '../today.js';

const modelId = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/).max(100) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hitFilter = {
  rule: z.string().max(100).optional(),
  review: z.enum(['pending', 'confirmed', 'dismissed']).optional(),
  /** new, still present, or resolved (the previous run's hits that no longer fire). */
  comparison: z.enum(COMPARISONS).optional(),
  /** Older name of `comparison` (new / still_present). */
  change: z.enum(['new', 'still_present']).optional(),
  q: z.string().max(100).optional(),
};
const filterOf = ({ change, comparison, ...rest }: { change?: 'new' | 'still_present'; comparison?: (typeof COMPARISONS)[number]; rule?: string; review?: 'pending' | 'confirmed' | 'dismissed'; q?: string }) => ({
  ...rest,
  comparison: comparison ?? change,
});

/** Unmasking needs a stated reason (DOMAIN §12): 2–500 characters, written to the audit log. */
const unmaskQuery = {
  unmask: z.coerce.boolean().optional(),
  reason: z.string().trim().max(500).optional(),
};
const reasonGiven = (q: { unmask?: boolean; reason?: string }) => !q.unmask || (q.reason?.length ?? 0) >= 2;
const reasonRequired = { path: ['reason'], message: 'Unmasking needs a stated reason (2–500 characters)', params: { reason: 'unmask_reason_required' } };

export default async function modelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** Unmasking is asked per request with a reason, granted by policy, and written to the audit log (who, when, what, why). */
  async function unmaskFor(request: FastifyRequest, wanted: boolean | undefined, reason: string | undefined, recordType: string, recordId: string, what: Record<string, unknown> = {}) {
    if (!wanted) return false;
    authorize(actorOf(request), 'hit', 'unmask');
    await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'hit.unmask', recordType, recordId, details: { reason, ...what } }));
    return true;
  }

  // A run in the background ends with the server: stopped (cancelled, no hits) before the database closes.
  app.addHook('onClose', async () => {
    await stopActiveRuns();
  });

  r.get('/api/models', {
    config: { policy: ['model', 'list'] },
    schema: { tags: ['models'], summary: 'The model library' },
    handler: async () => ({ items: await listModels(db) }),
  });

  r.get('/api/models/schema', {
    config: { policy: ['model', 'list'] },
    schema: { tags: ['models'], summary: 'JSON Schema of the model document format (jianxing.model/v1)' },
    handler: async () => modelJsonSchema(),
  });

  r.get('/api/models/:id', {
    config: { policy: ['model', 'read'] },
    schema: { tags: ['models'], summary: 'A model: current document, versions, precision per rule', params: modelId, querystring: z.object({ locale: z.enum(['zh-CN', 'en-US']).default('zh-CN') }) },
    handler: async (request) => {
      const model = await presentModel(db, request.params.id);
      if (!model) throw notFound('Model');
      return { ...model, explanation: explainModel(model.document, request.query.locale) };
    },
  });

  r.get('/api/models/:id/versions/:version', {
    config: { policy: ['model', 'read'] },
    schema: { tags: ['models'], summary: 'One version of a model document (export, diff)', params: modelId.extend({ version: z.coerce.number().int().min(1) }) },
    handler: async (request) => (await modelVersionDocument(db, request.params.id, request.params.version)) ?? Promise.reject(notFound('Model version')),
  });

  r.post('/api/models', {
    config: { policy: ['model', 'edit'] },
    schema: { tags: ['models'], summary: 'Import a model document, or save an edited one as the next version', body: z.object({ document: z.unknown(), changeNote: z.string().max(500).nullable().optional() }) },
    handler: async (request, reply) => reply.code(201).send(await saveModelVersion(db, contextOf(request), request.body.document, request.body.changeNote ?? null)),
  });

  r.patch('/api/models/:id/parameters', {
    config: { policy: ['model', 'edit'] },
    schema: {
      tags: ['models'],
      summary: 'Change parameter defaults: makes a new version',
      params: modelId,
      body: z.object({ version: z.number().int(), defaults: z.record(z.string(), z.union([z.number(), z.string()])), changeNote: z.string().max(500).nullable().optional() }),
    },
    handler: async (request) => {
      const doc = await currentModel(db, request.params.id);
      const current = () => presentModel(db, request.params.id);
      return withCurrentOnConflict(async () => {
        if (doc.version !== request.body.version) throw conflict({ id: doc.id, version: doc.version });
        const parameters = structuredClone(doc.parameters);
        for (const [name, value] of Object.entries(request.body.defaults)) {
          if (!parameters[name]) throw notFound(`Parameter ${name}`);
          parameters[name].default = value;
        }
        return saveModelVersion(db, contextOf(request), { ...doc, parameters }, request.body.changeNote ?? null);
      }, current);
    },
  });

  r.post('/api/models/:id/runs', {
    config: { policy: ['model', 'run'] },
    schema: {
      tags: ['models'],
      summary: 'Start a run of the current version of a model: answers at once (202, status running); follow it with GET /api/runs/:id',
      description: 'as_of defaults to today in China. 409 (run_in_progress, naming the running run) while a run of the model is running.',
      params: modelId,
      body: z.object({ asOf: isoDate.optional(), parameters: z.record(z.string(), z.union([z.number(), z.string()])).optional(), datasets: z.record(z.string(), z.string()).optional() }),
    },
    handler: async (request, reply) => {
      const { runId, done } = await startRun(db, app.deps.warehouse, contextOf(request), {
        modelId: request.params.id,
        asOf: request.body.asOf ?? today(),
        parameters: request.body.parameters,
        datasets: request.body.datasets,
      });
      done.catch((err: Error) => {
        if (err.name !== 'RunCancelled') request.log.error({ err, runId }, 'model run failed');
      });
      return reply.code(202).send(presentRun(await runRow(db, runId)));
    },
  });

  r.post('/api/runs/:id/cancel', {
    config: { policy: ['model', 'cancel'] },
    schema: {
      tags: ['models'],
      summary: 'Cancel a running run (its starter or an administrator): it ends cancelled, with no hits',
      description: 'Answers 200 with the run once it has ended, or 202 while it is still stopping. 409 when it has already ended.',
      params: idParams,
    },
    handler: async (request, reply) => {
      const run = await db.selectFrom('model_runs').select(['id', 'started_by']).where('id', '=', request.params.id).executeTakeFirst();
      if (!run) throw notFound('Run');
      authorize(actorOf(request), 'model', 'cancel', { startedBy: run.started_by });
      await cancelRun(db, contextOf(request), run.id);
      const row = await runRow(db, run.id);
      return reply.code(row.status === 'running' ? 202 : 200).send(presentRun(row));
    },
  });

  r.get('/api/models/:id/runs', {
    config: { policy: ['model', 'read'] },
    schema: { tags: ['models'], summary: 'Runs of a model, newest first', params: modelId, querystring: z.object(pageQuery) },
    handler: async (request) => listRuns(db, request.params.id, request.query.page, request.query.pageSize),
  });

  r.get('/api/runs/:id', {
    config: { policy: ['model', 'read'] },
    schema: { tags: ['models'], summary: 'One run', params: idParams },
    handler: async (request) => {
      const row = await db.selectFrom('model_runs').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound('Run');
      return presentRun(row);
    },
  });

  r.get('/api/runs/:id/hits', {
    config: { policy: ['hit', 'list'] },
    schema: {
      tags: ['hits'],
      summary: 'Hits of a run, filtered and paginated; ID numbers masked unless unmask=1 with a reason',
      params: idParams,
      querystring: z.object({ ...pageQuery, ...hitFilter, ...unmaskQuery }).refine(reasonGiven, reasonRequired),
    },
    handler: async (request) => {
      const { page, pageSize, unmask, reason, ...filter } = request.query;
      const full = await unmaskFor(request, unmask, reason, 'model_run', request.params.id, { comparison: filterOf(filter).comparison, page });
      return listHits(db, { runId: request.params.id, ...filterOf(filter) }, page, pageSize, full);
    },
  });

  r.get('/api/runs/:id/hits.xlsx', {
    config: { policy: ['hit', 'export'] },
    schema: { tags: ['hits'], summary: 'The hits of a run as XLSX (ID numbers masked)', params: idParams, querystring: z.object(hitFilter) },
    handler: async (request, reply) => {
      const { items } = await listHits(db, { runId: request.params.id, ...filterOf(request.query) }, 1, 100_000, false);
      await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'hit.export', recordType: 'model_run', recordId: request.params.id, details: { rows: items.length } }));
      const buffer = await workbook([
        {
          name: 'hits',
          columns: [
            { header: '对象标识 subject_key', key: 'subjectKey', width: 28 },
            { header: '姓名 name', key: 'name' },
            { header: '身份证号 id_number', key: 'idNumber', width: 22 },
            { header: '命中规则 rules', key: 'rules', width: 30 },
            { header: '变化 change', key: 'change' },
            { header: '审核 review', key: 'review' },
            { header: '理由 reason', key: 'reason', width: 30 },
          ],
          rows: items.map((h) => ({ subjectKey: h.subjectKey, name: h.name, idNumber: h.idNumber, rules: h.rules.join(', '), change: h.change, review: h.review.status, reason: h.review.reason })),
        },
      ]);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="hits-${request.params.id}.xlsx"`).send(buffer);
    },
  });

  r.get('/api/hits/:id', {
    config: { policy: ['hit', 'read'] },
    schema: { tags: ['hits'], summary: 'One hit with its evidence; ID numbers masked unless unmask=1 with a reason', params: idParams, querystring: z.object(unmaskQuery).refine(reasonGiven, reasonRequired) },
    handler: async (request) => {
      const hit = await hitRow(db, request.params.id);
      if (!hit) throw notFound('Hit');
      const full = await unmaskFor(request, request.query.unmask, request.query.reason, 'hit', hit.id);
      const document = await currentModel(db, hit.model_id);
      return { ...presentHit(hit, full), canUnmask: can(actorOf(request), 'hit', 'unmask'), rules: document.rules.map((rule) => ({ id: rule.id, title: rule.title, description: rule.description, fired: hit.rules.includes(rule.id) })) };
    },
  });

  r.post('/api/hits/:id/review', {
    config: { policy: ['hit', 'review'] },
    schema: {
      tags: ['hits'],
      summary: 'Confirm or dismiss a hit (a dismissal needs a reason)',
      params: idParams,
      body: z
        .object({ decision: z.enum(['confirmed', 'dismissed', 'pending']), reason: z.string().trim().max(1000).nullable().optional(), version: z.number().int() })
        .refine((b) => b.decision !== 'dismissed' || !!b.reason, { path: ['reason'], message: 'A dismissal needs a reason', params: { reason: 'reason_required' } }),
    },
    handler: async (request) => {
      const current = async () => {
        const hit = await hitRow(db, request.params.id);
        return hit && presentHit(hit, false);
      };
      await withCurrentOnConflict(() => reviewHit(db, contextOf(request), request.params.id, { decision: request.body.decision, reason: request.body.reason ?? null, version: request.body.version }), current);
      return current();
    },
  });

  r.post('/api/runs/:id/hits/review', {
    config: { policy: ['hit', 'review'] },
    schema: {
      tags: ['hits'],
      summary: 'Review several hits of a run at once',
      params: idParams,
      body: z
        .object({ hits: z.array(z.object({ id: uuid, version: z.number().int() })).min(1).max(500), decision: z.enum(['confirmed', 'dismissed']), reason: z.string().trim().max(1000).nullable().optional() })
        .refine((b) => b.decision !== 'dismissed' || !!b.reason, { path: ['reason'], message: 'A dismissal needs a reason', params: { reason: 'reason_required' } }),
    },
    handler: async (request) => {
      const results: { id: string; ok: boolean; error?: string }[] = [];
      for (const h of request.body.hits) {
        try {
          await reviewHit(db, contextOf(request), h.id, { decision: request.body.decision, reason: request.body.reason ?? null, version: h.version });
          results.push({ id: h.id, ok: true });
        } catch (err) {
          results.push({ id: h.id, ok: false, error: (err as { code?: string }).code ?? 'error' });
        }
      }
      return { results };
    },
  });
}
