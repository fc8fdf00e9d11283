import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS } from '../../domain/cases/index.js';
import { PAUSE_REASONS } from '../../domain/deadlines/index.js';
import { recordAudit } from '../commands/audit.js';
import { assignCase, closeCase, escalateToSuggestionCase, extendReview, pauseCaseClock, resumeCase, startFollowUp, suspendCase, updateCaseReview } from '../commands/cases.js';
import { computeReviewChecks } from '../commands/reverseConnectionChecks.js';
import type { ReviewForm } from '../../domain/cases/index.js';
import type { NonProsecutionFacts } from '../db/schemaCases.js';
import { AppError, notFound } from '../errors.js';
import { presentReviewChecks } from '../presenters/knowledgeBase.js';
import '../jobs/caseWork.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { authorize, inAgency } from '../policies/policy.js';
import { caseRecordOf, listCases, listOverdue, presentCase } from '../presenters/cases.js';
import { today } from '../today.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max);
const versioned = <T extends z.ZodRawShape>(shape: T) => z.object({ version: z.number().int(), on: isoDate.optional(), ...shape });

export default async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** Loads a case the actor may read (404 otherwise, also for another agency's ids), then asks `action`. */
  async function loadCase(request: FastifyRequest, id: string, action = 'read') {
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Case');
    const record = await caseRecordOf(db, row);
    authorize(actorOf(request), 'case', 'read', record, { hideExistence: true });
    if (action !== 'read') authorize(actorOf(request), 'case', action, record);
    return row;
  }

  const current = (request: FastifyRequest, id: string) => () => presentCase(db, id, actorOf(request), false);

  r.get('/api/cases', {
    config: { policy: ['case', 'list'] },
    schema: {
      tags: ['cases'],
      summary: 'Cases of the procuratorate, filtered and paginated',
      querystring: z.object({ ...pageQuery, state: text(40).optional(), kind: z.enum(CASE_KINDS).optional(), agencyId: uuid.optional(), procuratorId: uuid.optional(), mine: z.coerce.boolean().optional(), q: text(100).optional() }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { page, pageSize, mine, ...filter } = request.query;
      return listCases(db, { ...filter, procuratorId: mine ? actor.id : filter.procuratorId, procuratorateId: actor.organizationId }, page, pageSize);
    },
  });

  r.get('/api/cases/overdue', {
    config: { policy: ['case', 'oversee'] },
    schema: { tags: ['cases'], summary: 'Running deadlines past their due date (an agency sees its own replies owed)', querystring: z.object(pageQuery) },
    handler: async (request) => {
      const actor = actorOf(request);
      const scope = inAgency(actor) ? { agencyId: actor.organizationId } : { procuratorateId: actor.organizationId };
      return listOverdue(db, scope, request.query.page, request.query.pageSize);
    },
  });

  r.get('/api/cases/:id', {
    config: { policy: ['case', 'read'] },
    schema: { tags: ['cases'], summary: 'One case: state, clocks, documents, replies, history; ID numbers masked unless unmask=1', params: idParams, querystring: z.object({ unmask: z.coerce.boolean().optional() }) },
    handler: async (request) => {
      const row = await loadCase(request, request.params.id);
      let unmask = false;
      if (request.query.unmask) {
        authorize(actorOf(request), 'case', 'unmask');
        await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'case.unmask', recordType: 'case', recordId: row.id }));
        unmask = true;
      }
      return presentCase(db, row.id, actorOf(request), unmask);
    },
  });

  r.get('/api/cases/:id/review-checks', {
    config: { policy: ['case', 'read'] },
    schema: {
      tags: ['cases'],
      summary: 'The computable checklist items for this case (limitation, age, prior penalties, non-prosecution kind, transfer) — flags, never decisions',
      params: idParams,
    },
    handler: async (request) => {
      const row = await loadCase(request, request.params.id, 'edit');
      const form = row.review as ReviewForm;
      if (!form.actDate) throw new AppError(422, 'act_date_required', 'Enter the act date in the review form first');
      const clue = row.clue_id ? await db.selectFrom('clues').select('non_prosecution').where('id', '=', row.clue_id).executeTakeFirst() : undefined;
      const np = (clue?.non_prosecution ?? null) as NonProsecutionFacts | null;
      try {
        const checks = await computeReviewChecks(
          db,
          app.deps.warehouse,
          {
            actDate: form.actDate,
            continuingActEndDate: form.continuingActEndDate ?? null,
            severeHarm: form.severeHarm ?? false,
            discoveryDate: form.discoveryDate ?? null,
            asOf: today(),
            idNumber: row.subject_id_number,
            chargeText: np?.charge ?? null,
            nonProsecution: np ? { kind: np.kind, decisionDate: np.decidedOn, transferredOn: np.transferredOn } : null,
          },
          { actor: actorOf(request), ctx: contextOf(request) },
        );
        return presentReviewChecks(checks);
      } catch (err) {
        if (err instanceof RangeError) throw new AppError(422, 'invalid_dates', err.message);
        throw err;
      }
    },
  });

  r.patch('/api/cases/:id/review', {
    config: { policy: ['case', 'edit'] },
    schema: {
      tags: ['cases'],
      summary: 'Save the review form (facts, checklist answers with reasons, views heard)',
      params: idParams,
      body: z.object({ version: z.number().int(), title: text(300).min(1).optional(), facts: text(50_000).optional(), review: z.record(z.string(), z.unknown()).optional() }),
    },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => updateCaseReview(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/assign', {
    config: { policy: ['case', 'assign'] },
    schema: { tags: ['cases'], summary: 'Assign (or reassign) the procurator in charge', params: idParams, body: versioned({ procuratorId: uuid }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'assign');
      await withCurrentOnConflict(() => assignCase(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/suspend', {
    config: { policy: ['case', 'edit'] },
    schema: { tags: ['cases'], summary: '中止审查: pause the review with its ground', params: idParams, body: versioned({ ground: text(2000).min(1), resumptionCondition: text(2000).nullable().optional() }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => suspendCase(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/resume', {
    config: { policy: ['case', 'edit'] },
    schema: { tags: ['cases'], summary: 'Resume a suspended review', params: idParams, body: versioned({ note: text(2000).nullable().optional() }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => resumeCase(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/clock-pauses', {
    config: { policy: ['case', 'edit'] },
    schema: {
      tags: ['cases'],
      summary: 'Exclude time from the case clock (out-of-region consultation, appraisal, audit, approval) or end such a pause',
      params: idParams,
      body: versioned({ reason: z.enum(PAUSE_REASONS), note: text(2000).nullable().optional(), resume: z.boolean().optional() }),
    },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => pauseCaseClock(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/extension', {
    config: { policy: ['case', 'extend'] },
    schema: { tags: ['cases'], summary: "The 检察长's extension of a reverse-connection review", params: idParams, body: versioned({ days: z.number().int().min(1).max(60), note: text(2000).nullable().optional() }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'extend');
      await withCurrentOnConflict(() => extendReview(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/follow-up', {
    config: { policy: ['case', 'edit'] },
    schema: { tags: ['cases'], summary: '跟进监督: the reply (or silence) is not satisfactory', params: idParams, body: versioned({ reason: text(5000).min(1) }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => startFollowUp(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post('/api/cases/:id/escalate', {
    config: { policy: ['case', 'edit'] },
    schema: { tags: ['cases'], summary: 'Follow-up failed: open an illegal-act case for a procuratorial suggestion and close this one', params: idParams, body: versioned({ reason: text(5000).min(1) }) },
    handler: async (request, reply) => {
      await loadCase(request, request.params.id, 'edit');
      const { created } = await withCurrentOnConflict(() => escalateToSuggestionCase(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return reply.code(201).send({ id: created.id, number: created.number, state: created.state });
    },
  });

  r.post('/api/cases/:id/close', {
    config: { policy: ['case', 'edit'] },
    schema: { tags: ['cases'], summary: 'Close the case with its reason', params: idParams, body: versioned({ reason: text(5000).min(1), outcome: text(100).nullable().optional() }) },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'edit');
      await withCurrentOnConflict(() => closeCase(db, contextOf(request), request.params.id, { ...request.body, on: request.body.on ?? today() }), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });
}
