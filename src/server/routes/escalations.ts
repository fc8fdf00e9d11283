/**
 * Escalation notices (通报 / 抄送) of a case: listed, recorded, answered and closed by the
 * procuratorate's case staff. An agency that may see the case gets 404 here, as for a record that
 * is not theirs: it must not learn that its superior or the congress was told.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ESCALATION_METHODS, ESCALATION_OUTCOMES, ESCALATION_RECIPIENT_KINDS } from '../../domain/cases/escalation.js';
import { answerEscalationNotice, closeEscalationNotice, recordEscalationNotice } from '../commands/escalations.js';
import { notFound } from '../errors.js';
import { actorOf, calendarDate, contextOf, idParams, uuid, withCurrentOnConflict } from '../http.js';
import { authorize } from '../policies/policy.js';
import { caseRecordOf, presentCase } from '../presenters/cases.js';
import { listCaseNotices, presentNotice } from '../presenters/escalations.js';
import '../jobs/escalationWork.js';

const text = (max: number) => z.string().trim().max(max);

export default async function escalationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** The case, if the actor may see it (404 otherwise) and may `action` its notices (404 for read, so an agency learns nothing). */
  async function loadCase(request: FastifyRequest, id: string, action: 'read' | 'record') {
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Case');
    const record = await caseRecordOf(db, row);
    const actor = actorOf(request);
    authorize(actor, 'case', 'read', record, { hideExistence: true });
    authorize(actor, 'escalationNotice', 'read', record, { hideExistence: true });
    if (action === 'record') authorize(actor, 'escalationNotice', 'record', record);
    return row;
  }

  async function loadNotice(request: FastifyRequest, id: string) {
    const notice = await db.selectFrom('escalation_notices').select(['id', 'case_id']).where('id', '=', id).executeTakeFirst();
    if (!notice) throw notFound('Escalation notice');
    await loadCase(request, notice.case_id, 'record');
    return notice;
  }

  r.get('/api/cases/:id/escalation-notices', {
    // Anyone who may read cases passes the door; the notices themselves are the procuratorate's (404 to agencies).
    config: { policy: ['case', 'read'] },
    schema: { tags: ['cases'], summary: 'Escalation notices (通报) of the case with their answers; never shown to agencies', params: idParams },
    handler: async (request) => {
      await loadCase(request, request.params.id, 'read');
      return listCaseNotices(db, request.params.id);
    },
  });

  r.post('/api/cases/:id/escalation-notices', {
    config: { policy: ['escalationNotice', 'record'] },
    schema: {
      tags: ['cases'],
      summary: "通报: report an unanswered opinion, suggestion or follow-up letter to the agency's superior, the government, the congress … (case in follow-up)",
      params: idParams,
      body: z.object({
        version: z.number().int(),
        recipientKind: z.enum(ESCALATION_RECIPIENT_KINDS),
        recipientName: text(200).nullable().optional(),
        recipientOrganizationId: uuid.nullable().optional(),
        documentIds: z.array(uuid).min(1).max(20),
        content: text(20_000).min(1),
        sentOn: calendarDate,
        method: z.enum(ESCALATION_METHODS),
        answerExpectedBy: calendarDate.nullable().optional(),
        attachmentIds: z.array(uuid).max(20).optional(),
      }),
    },
    handler: async (request, reply) => {
      await loadCase(request, request.params.id, 'record');
      const { notice } = await withCurrentOnConflict(
        () => recordEscalationNotice(db, contextOf(request), request.params.id, request.body),
        () => presentCase(db, request.params.id, actorOf(request), false),
      );
      return reply.code(201).send(await presentNotice(db, notice.id));
    },
  });

  r.post('/api/escalation-notices/:id/answer', {
    config: { policy: ['escalationNotice', 'record'] },
    schema: {
      tags: ['cases'],
      summary: 'Record the answer to an escalation notice (action taken, no action, still pending)',
      params: idParams,
      body: z.object({ version: z.number().int(), answeredOn: calendarDate, summary: text(20_000).min(1), outcome: z.enum(ESCALATION_OUTCOMES) }),
    },
    handler: async (request) => {
      await loadNotice(request, request.params.id);
      await withCurrentOnConflict(() => answerEscalationNotice(db, contextOf(request), request.params.id, request.body), () => presentNotice(db, request.params.id));
      return presentNotice(db, request.params.id);
    },
  });

  r.post('/api/escalation-notices/:id/close', {
    config: { policy: ['escalationNotice', 'record'] },
    schema: {
      tags: ['cases'],
      summary: 'Close an escalation notice: nothing more is expected from it',
      params: idParams,
      body: z.object({ version: z.number().int(), closedOn: calendarDate, note: text(5000).nullable().optional() }),
    },
    handler: async (request) => {
      await loadNotice(request, request.params.id);
      await withCurrentOnConflict(() => closeEscalationNotice(db, contextOf(request), request.params.id, request.body), () => presentNotice(db, request.params.id));
      return presentNotice(db, request.params.id);
    },
  });
}
