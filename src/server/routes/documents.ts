import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COURT_OUTCOMES, LITIGATION_SUGGESTION_KINDS } from '../../domain/litigation/index.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { REPLY_RESULTS } from '../../domain/cases/index.js';
import { DOCUMENT_TYPES, SUGGESTION_KINDS } from '../../domain/documents/types.js';
import { recordAudit } from '../commands/audit.js';
import {
  approveDocument,
  decideObjection,
  draftCaseDocument,
  editDocument,
  evaluateReply,
  redraftDocument,
  raiseObjection,
  recordReply,
  returnDocument,
  serveDocument,
  submitDocument,
} from '../commands/documents.js';
import { numberingSettings } from '../commands/numbering.js';
import { renderDocx } from '../documents/docx.js';
import { notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, withCurrentOnConflict } from '../http.js';
import { authorize } from '../policies/policy.js';
import { caseRecordOf, documentRecordOf, listInbox, presentCase, presentDocument } from '../presenters/cases.js';
import { today } from '../today.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max);

const contentSchema = z.object({
  type: z.enum(DOCUMENT_TYPES),
  issuer: text(200),
  title: text(200).min(1),
  number: z.string().nullable(),
  recipient: text(300).nullable(),
  paragraphs: z.array(z.object({ heading: text(200).optional(), text: z.string().max(50_000) })).max(200),
  signOff: z.object({ issuer: text(200), date: z.string().nullable() }),
  copyTo: z.array(text(200)).max(30),
  annex: z.object({ title: text(200), columns: z.array(text(100)).max(30), rows: z.array(z.array(z.string().max(2000)).max(30)).max(5000) }).nullable(),
  internal: z.boolean(),
});

export default async function documentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** Loads a document the actor may read (404 otherwise, also for another agency), then asks `resource:action`. */
  async function loadDocument(request: FastifyRequest, id: string, resource = 'document', action = 'read') {
    const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!doc) throw notFound('Document');
    const c = await db.selectFrom('cases').select(['procuratorate_id', 'procurator_id']).where('id', '=', doc.case_id).executeTakeFirstOrThrow();
    const record = documentRecordOf(doc, c);
    authorize(actorOf(request), 'document', 'read', record, { hideExistence: true });
    if (resource !== 'document' || action !== 'read') authorize(actorOf(request), resource, action, record);
    return doc;
  }

  const present = (id: string) => () => presentDocument(db, id);

  r.post('/api/cases/:id/documents', {
    config: { policy: ['document', 'draft'] },
    schema: {
      tags: ['documents'],
      summary: 'Draft a document from its template, filled from the case',
      params: idParams,
      body: z.object({ type: z.enum(DOCUMENT_TYPES), suggestionKind: z.enum([...SUGGESTION_KINDS, ...LITIGATION_SUGGESTION_KINDS]).nullable().optional(), recipientId: z.uuid().nullable().optional(), replyMonths: z.number().int().min(1).max(6).nullable().optional() }),
    },
    handler: async (request, reply) => {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound('Case');
      const record = await caseRecordOf(db, row);
      authorize(actorOf(request), 'case', 'read', record, { hideExistence: true });
      authorize(actorOf(request), 'document', 'draft', { procuratorateId: row.procuratorate_id, recipientId: null, state: 'draft', draftedBy: null, procuratorId: row.procurator_id });
      const doc = await draftCaseDocument(db, contextOf(request), row.id, request.body);
      return reply.code(201).send(await presentDocument(db, doc.id));
    },
  });

  r.get('/api/documents/:id', {
    config: { policy: ['document', 'read'] },
    schema: { tags: ['documents'], summary: 'A document with its content, approvals, replies and clock', params: idParams },
    handler: async (request) => {
      const doc = await loadDocument(request, request.params.id);
      return presentDocument(db, doc.id);
    },
  });

  r.get('/api/documents/:id/docx', {
    config: { policy: ['document', 'read'] },
    schema: { tags: ['documents'], summary: 'The document as DOCX laid out per GB/T 9704', params: idParams },
    handler: async (request, reply) => {
      const doc = await loadDocument(request, request.params.id);
      const c = await db.selectFrom('cases').select('procuratorate_id').where('id', '=', doc.case_id).executeTakeFirstOrThrow();
      const settings = await db.transaction().execute(async (trx) => {
        await recordAudit(trx, contextOf(request), { action: 'document.export', recordType: 'document', recordId: doc.id });
        return numberingSettings(trx, c.procuratorate_id);
      });
      const buffer = await renderDocx(doc.content, { redHeader: settings.redHeader && !doc.content.internal, headerText: doc.content.issuer });
      const name = encodeURIComponent(`${doc.content.title}${doc.number ? `-${doc.number}` : '-草稿'}.docx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="document.docx"; filename*=UTF-8''${name}`)
        .send(buffer);
    },
  });

  r.put('/api/documents/:id', {
    config: { policy: ['document', 'draft'] },
    schema: { tags: ['documents'], summary: 'Edit a draft', params: idParams, body: z.object({ version: z.number().int(), content: contentSchema, recipientId: z.uuid().nullable().optional(), replyMonths: z.number().int().min(1).max(6).nullable().optional() }) },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'draft');
      await withCurrentOnConflict(() => editDocument(db, contextOf(request), request.params.id, request.body), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/redraft', {
    config: { policy: ['document', 'draft'] },
    schema: { tags: ['documents'], summary: 'Fill the draft again from the case as it now stands', params: idParams, body: z.object({ version: z.number().int() }) },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'draft');
      await withCurrentOnConflict(() => redraftDocument(db, contextOf(request), request.params.id, request.body), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/submit', {
    config: { policy: ['document', 'draft'] },
    schema: { tags: ['documents'], summary: 'Submit a draft for approval', params: idParams, body: z.object({ version: z.number().int() }) },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'draft');
      await withCurrentOnConflict(() => submitDocument(db, contextOf(request), request.params.id, request.body), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/approve', {
    config: { policy: ['document', 'approve'] },
    schema: { tags: ['documents'], summary: 'Approve (the last approval numbers the document and takes its case step)', params: idParams, body: z.object({ version: z.number().int(), comment: text(2000).nullable().optional(), on: isoDate.optional() }) },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'approve');
      await withCurrentOnConflict(() => approveDocument(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/return', {
    config: { policy: ['document', 'approve'] },
    schema: { tags: ['documents'], summary: 'Return for revision with a comment', params: idParams, body: z.object({ version: z.number().int(), comment: text(2000).min(1) }) },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'approve');
      await withCurrentOnConflict(() => returnDocument(db, contextOf(request), request.params.id, request.body), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/serve', {
    config: { policy: ['document', 'serve'] },
    schema: {
      tags: ['documents'],
      summary: '送达: record service and the agency’s receipt (starts the reply clock)',
      params: idParams,
      body: z.object({ version: z.number().int(), servedOn: isoDate.optional(), receivedOn: isoDate.optional(), method: z.enum(['written', 'announced']).default('written') }),
    },
    handler: async (request) => {
      await loadDocument(request, request.params.id, 'document', 'serve');
      const servedOn = request.body.servedOn ?? today();
      await withCurrentOnConflict(() => serveDocument(db, contextOf(request), request.params.id, { ...request.body, servedOn, receivedOn: request.body.receivedOn ?? servedOn }), present(request.params.id));
      return present(request.params.id)();
    },
  });

  r.post('/api/documents/:id/replies', {
    config: { policy: ['reply', 'submit'] },
    schema: {
      tags: ['documents'],
      summary: "The agency's written reply (for an opinion: the penalty decision)",
      params: idParams,
      body: z.object({
        result: z.enum(REPLY_RESULTS),
        summary: text(20_000).min(1),
        reasons: text(20_000).nullable().optional(),
        penaltyDecisionNo: text(100).nullable().optional(),
        penaltyType: text(100).nullable().optional(),
        penaltyAmount: z.number().min(0).max(1e12).nullable().optional(),
        penaltyDate: isoDate.nullable().optional(),
        repliedOn: isoDate.optional(),
        recoveredAmount: z.number().min(0).max(1e12).nullable().optional(),
        recoveredOn: isoDate.nullable().optional(),
        unitsReclaimed: z.number().int().min(0).max(1_000_000).nullable().optional(),
        areaReclaimed: z.number().min(0).max(1e8).nullable().optional(),
        reclaimedOn: isoDate.nullable().optional(),
        courtOutcome: z.enum(COURT_OUTCOMES).nullable().optional(),
      }),
    },
    handler: async (request, reply) => {
      const doc = await loadDocument(request, request.params.id, 'reply', 'submit');
      await recordReply(db, contextOf(request), doc.id, { ...request.body, repliedOn: request.body.repliedOn ?? today() });
      return reply.code(201).send(await presentDocument(db, doc.id));
    },
  });

  r.post('/api/documents/:id/objections', {
    config: { policy: ['objection', 'raise'] },
    schema: { tags: ['documents'], summary: '异议 against a procuratorial suggestion: starts an immediate 复核', params: idParams, body: z.object({ grounds: text(20_000).min(1), raisedOn: isoDate.optional() }) },
    handler: async (request, reply) => {
      const doc = await loadDocument(request, request.params.id, 'objection', 'raise');
      await raiseObjection(db, contextOf(request), doc.id, { grounds: request.body.grounds, raisedOn: request.body.raisedOn ?? today() });
      return reply.code(201).send(await presentDocument(db, doc.id));
    },
  });

  r.post('/api/replies/:id/evaluation', {
    config: { policy: ['reply', 'evaluate'] },
    schema: {
      tags: ['documents'],
      summary: "The procurator's evaluation of a reply; then close or follow up",
      params: idParams,
      body: z.object({ evaluation: z.enum(REPLY_RESULTS), note: text(5000).nullable().optional(), next: z.enum(['close', 'follow_up']), caseVersion: z.number().int(), on: isoDate.optional() }),
    },
    handler: async (request) => {
      const reply = await db.selectFrom('replies').select(['id', 'document_id', 'case_id']).where('id', '=', request.params.id).executeTakeFirst();
      if (!reply) throw notFound('Reply');
      await loadDocument(request, reply.document_id, 'reply', 'evaluate');
      await withCurrentOnConflict(
        () => evaluateReply(db, contextOf(request), reply.id, { ...request.body, on: request.body.on ?? today() }),
        () => presentCase(db, reply.case_id, actorOf(request), false),
      );
      return presentCase(db, reply.case_id, actorOf(request), false);
    },
  });

  r.post('/api/objections/:id/decision', {
    config: { policy: ['case', 'decide_objection'] },
    schema: {
      tags: ['documents'],
      summary: '复核 result, decided by the 检察长: upheld (suggestion withdrawn) or rejected (reasons to the agency)',
      params: idParams,
      body: z.object({ decision: z.enum(['upheld', 'rejected']), reasons: text(20_000).min(1), caseVersion: z.number().int(), on: isoDate.optional() }),
    },
    handler: async (request) => {
      const objection = await db.selectFrom('objections').select(['id', 'case_id']).where('id', '=', request.params.id).executeTakeFirst();
      if (!objection) throw notFound('Objection');
      const c = await db.selectFrom('cases').selectAll().where('id', '=', objection.case_id).executeTakeFirstOrThrow();
      authorize(actorOf(request), 'case', 'decide_objection', await caseRecordOf(db, c), { hideExistence: true });
      await withCurrentOnConflict(
        () => decideObjection(db, contextOf(request), objection.id, { ...request.body, on: request.body.on ?? today() }),
        () => presentCase(db, objection.case_id, actorOf(request), false),
      );
      return presentCase(db, objection.case_id, actorOf(request), false);
    },
  });

  r.get('/api/inbox/summary', {
    config: { policy: ['inbox', 'read'] },
    schema: {
      tags: ['documents'],
      summary: "The agency's own figures: documents received, replied, on time, open, overdue, adopted — by document type",
      querystring: z.object({ from: isoDate.optional(), to: isoDate.optional() }),
    },
    handler: async (request) => {
      const org = actorOf(request).organizationId;
      const now = today();
      const { rows } = await sql<{ type: string; received: number; replied: number; replied_on_time: number; open: number; overdue: number; adopted: number; partially_adopted: number; not_adopted: number }>`
        SELECT d.type,
               count(*)::int AS received,
               count(r.id)::int AS replied,
               count(r.id) FILTER (WHERE k.due_on IS NOT NULL AND r.replied_on <= k.due_on)::int AS replied_on_time,
               count(*) FILTER (WHERE r.id IS NULL AND d.state = 'served' AND (k.due_on IS NULL OR k.due_on >= ${now}::date))::int AS open,
               count(*) FILTER (WHERE r.id IS NULL AND d.state = 'served' AND k.due_on < ${now}::date)::int AS overdue,
               count(r.id) FILTER (WHERE r.result = 'adopted')::int AS adopted,
               count(r.id) FILTER (WHERE r.result = 'partially_adopted')::int AS partially_adopted,
               count(r.id) FILTER (WHERE r.result = 'not_adopted')::int AS not_adopted
        FROM documents d
        LEFT JOIN replies r ON r.document_id = d.id
        LEFT JOIN LATERAL (SELECT due_on FROM case_clocks WHERE document_id = d.id ORDER BY created_at LIMIT 1) k ON true
        WHERE d.recipient_id = ${org} AND d.state IN ('served', 'withdrawn')
          AND d.received_on >= ${request.query.from ?? '1900-01-01'}::date AND d.received_on <= ${request.query.to ?? '9999-12-31'}::date
        GROUP BY d.type
        ORDER BY d.type`.execute(db);
      return { items: rows.map((r) => ({ type: r.type, received: r.received, replied: r.replied, repliedOnTime: r.replied_on_time, open: r.open, overdue: r.overdue, adopted: r.adopted, partiallyAdopted: r.partially_adopted, notAdopted: r.not_adopted })) };
    },
  });

  r.get('/api/inbox', {
    config: { policy: ['inbox', 'read'] },
    schema: { tags: ['documents'], summary: "The agency's inbox: documents served on it with their reply due dates", querystring: z.object({ ...pageQuery, status: z.enum(['open', 'answered']).optional() }) },
    handler: async (request) => listInbox(db, actorOf(request).organizationId, { status: request.query.status }, request.query.page, request.query.pageSize),
  });
}
