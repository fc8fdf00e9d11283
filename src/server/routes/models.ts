import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modelJsonSchema } from '../../engine/document.js';
import { explainModel } from '../../engine/explain.js';
import { recordAudit } from '../commands/audit.js';
import { currentModel, reviewHit, runModel, saveModelVersion } from '../commands/models.js';
import { conflict, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { authorize, can } from '../policies/policy.js';
import { hitRow, listHits, listModels, listRuns, modelVersionDocument, presentHit, presentModel, presentRun, runRow } from '../presenters/models.js';
import { workbook } from '../presenters/spreadsheet.js';

const modelId = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/).max(100) });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const today = () => new Date().toISOString().slice(0, 10);
const hitFilter = {
  rule: z.string().max(100).optional(),
  review: z.enum(['pending', 'confirmed', 'dismissed']).optional(),
  change: z.enum(['new', 'still_present']).optional(),
  q: z.string().max(100).optional(),
};

export default async function modelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** Unmasking is asked per request, granted by policy, and written to the audit log. */
  async function unmaskFor(request: FastifyRequest, wanted: boolean | undefined, recordType: string, recordId: string) {
    if (!wanted) return false;
    authorize(actorOf(request), 'hit', 'unmask');
    await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'hit.unmask', recordType, recordId }));
    return true;
  }

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
      summary: 'Run the current version of a model',
      params: modelId,
      body: z.object({ asOf: isoDate.optional(), parameters: z.record(z.string(), z.union([z.number(), z.string()])).optional(), datasets: z.record(z.string(), z.string()).optional() }),
    },
    handler: async (request, reply) => {
      const outcome = await runModel(db, app.deps.warehouse, contextOf(request), { modelId: request.params.id, asOf: request.body.asOf ?? today(), parameters: request.body.parameters, datasets: request.body.datasets });
      return reply.code(201).send(presentRun(await runRow(db, outcome.runId)));
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
    schema: { tags: ['hits'], summary: 'Hits of a run, filtered and paginated; ID numbers masked unless unmask=1', params: idParams, querystring: z.object({ ...pageQuery, ...hitFilter, unmask: z.coerce.boolean().optional() }) },
    handler: async (request) => {
      const { page, pageSize, unmask, ...filter } = request.query;
      const full = await unmaskFor(request, unmask, 'model_run', request.params.id);
      return listHits(db, { runId: request.params.id, ...filter }, page, pageSize, full);
    },
  });

  r.get('/api/runs/:id/hits.xlsx', {
    config: { policy: ['hit', 'export'] },
    schema: { tags: ['hits'], summary: 'The hits of a run as XLSX (ID numbers masked)', params: idParams, querystring: z.object(hitFilter) },
    handler: async (request, reply) => {
      const { items } = await listHits(db, { runId: request.params.id, ...request.query }, 1, 100_000, false);
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
    schema: { tags: ['hits'], summary: 'One hit with its evidence; ID numbers masked unless unmask=1', params: idParams, querystring: z.object({ unmask: z.coerce.boolean().optional() }) },
    handler: async (request) => {
      const hit = await hitRow(db, request.params.id);
      if (!hit) throw notFound('Hit');
      const full = await unmaskFor(request, request.query.unmask, 'hit', hit.id);
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
