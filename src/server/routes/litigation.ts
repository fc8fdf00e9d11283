/**
 * Administrative litigation supervision (行政诉讼监督, DOMAIN.md §5): registering an application
 * or an ex-officio matter in the clue register, the 6-month window check, the courts, committee
 * decisions and hearings. Filing, review, documents and the court's answer use the case routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  APPLICANT_ROLES,
  applicationWindow,
  COMMITTEE_OUTCOMES,
  COURT_DECISION_KINDS,
  EX_OFFICIO_GROUNDS,
  SUPERVISION_TYPES,
  type LitigationFacts,
} from '../../domain/litigation/index.js';
import { registerClue } from '../commands/clues.js';
import { currentCalendar } from '../commands/holidaySchedules.js';
import { recordCommitteeDecision, recordHearing } from '../commands/litigation.js';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, calendarDate, contextOf, idParams, uuid, withCurrentOnConflict } from '../http.js';
import { authorize } from '../policies/policy.js';
import { caseRecordOf, presentCase, presentClues } from '../presenters/cases.js';
import { today } from '../today.js';

const text = (max: number) => z.string().trim().max(max);

const courtDecision = z.object({
  kind: z.enum(COURT_DECISION_KINDS),
  court: text(200).min(1),
  caseNo: text(100).min(1),
  decidedOn: calendarDate,
  servedOn: calendarDate.nullable().default(null),
});

const applicationFacts = {
  supervisionType: z.enum(SUPERVISION_TYPES),
  applicant: z
    .object({ name: text(100).min(1), idNumber: text(40).nullable().default(null), role: z.enum(APPLICANT_ROLES), contact: text(100).nullable().default(null) })
    .nullable()
    .default(null),
  exOfficioGround: z.enum(EX_OFFICIO_GROUNDS).nullable().default(null),
  courtDecisions: z.array(courtDecision).max(20).default([]),
};

const registerBody = z.object({
  ...applicationFacts,
  courtId: uuid.nullable().default(null),
  /** The administrative agency that was the defendant (or whose decision is enforced). */
  agencyId: uuid.nullable().default(null),
  grounds: text(20_000).min(1),
  title: text(300).min(1).optional(),
  receivedOn: calendarDate.optional(),
});

export default async function litigationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  async function loadCase(request: FastifyRequest, id: string, resource: string, action: string) {
    const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Case');
    const record = await caseRecordOf(db, row);
    authorize(actorOf(request), 'case', 'read', record, { hideExistence: true });
    authorize(actorOf(request), resource, action, record);
    return row;
  }

  const current = (request: FastifyRequest, id: string) => () => presentCase(db, id, actorOf(request), false);

  r.get('/api/litigation/courts', {
    config: { policy: ['litigation', 'courts'] },
    schema: { tags: ['litigation'], summary: 'Courts and other procuratorates that litigation documents are addressed to' },
    handler: async () => {
      const rows = await db
        .selectFrom('organizations')
        .select(['id', 'name', 'short_name', 'kind'])
        .where('kind', 'in', ['court', 'external_procuratorate'])
        .where('active', '=', true)
        .orderBy('kind')
        .orderBy('name')
        .execute();
      return { items: rows.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, kind: o.kind })) };
    },
  });

  r.post('/api/litigation/window-check', {
    config: { policy: ['litigation', 'register'] },
    schema: {
      tags: ['litigation'],
      summary: 'The 6-month application window: counted from service of the (latest) retrial refusal, on the holiday calendar',
      body: z.object({ ...applicationFacts, appliedOn: calendarDate.optional() }),
    },
    handler: async (request) => {
      const appliedOn = request.body.appliedOn ?? today();
      return { appliedOn, ...applicationWindow(request.body, appliedOn, currentCalendar()) };
    },
  });

  r.post('/api/litigation/clues', {
    config: { policy: ['litigation', 'register'] },
    schema: {
      tags: ['litigation'],
      summary: 'Register an application for supervision (申请监督) or an ex-officio matter (依职权监督) in the clue register',
      body: registerBody,
    },
    handler: async (request, reply) => {
      const body = request.body;
      if (!body.applicant && !body.exOfficioGround) throw fieldError('exOfficioGround', 'required', 'Without an applicant, state the ground for acting ex officio');
      if (body.applicant && body.exOfficioGround) throw fieldError('exOfficioGround', 'not_with_applicant', 'An application is not an ex-officio matter');
      if (body.courtId) {
        const court = await db.selectFrom('organizations').select('kind').where('id', '=', body.courtId).executeTakeFirst();
        if (!court || court.kind !== 'court') throw fieldError('courtId', 'not_court', 'Choose a court');
      }
      const receivedOn = body.receivedOn ?? today();
      if (body.courtDecisions.some((d) => d.decidedOn > receivedOn || (d.servedOn !== null && (d.servedOn < d.decidedOn || d.servedOn > receivedOn)))) {
        throw fieldError('courtDecisions', 'dates', 'A decision is decided before it is served, and both before the application');
      }
      const litigation: LitigationFacts = {
        supervisionType: body.supervisionType,
        applicant: body.applicant,
        exOfficioGround: body.exOfficioGround,
        courtId: body.courtId,
        courtDecisions: body.courtDecisions,
        grounds: body.grounds,
        windowOverride: null,
      };
      const main = body.courtDecisions.find((d) => d.kind !== 'retrial_refusal') ?? body.courtDecisions[0];
      const title = body.title ?? (body.applicant ? `${body.applicant.name}申请${main ? `对${main.caseNo}` : ''}行政诉讼监督案` : `依职权${main ? `对${main.caseNo}` : ''}行政诉讼监督案`);
      const { clue, duplicates } = await registerClue(db, contextOf(request), {
        source: body.applicant ? 'litigation_application' : 'manual',
        title,
        summary: body.grounds,
        subjectName: body.applicant?.name ?? null,
        subjectIdNumber: body.applicant?.idNumber ?? null,
        matter: main ? `行政诉讼监督 ${main.caseNo}` : '行政诉讼监督',
        agencyId: body.agencyId,
        receivedOn,
        litigation,
      });
      const [presented] = await presentClues(db, [await db.selectFrom('clues').selectAll().where('id', '=', clue.id).executeTakeFirstOrThrow()], false);
      return reply.code(201).send({ clue: presented, duplicates });
    },
  });

  r.post('/api/cases/:id/committee-decisions', {
    config: { policy: ['litigation', 'committee'] },
    schema: {
      tags: ['litigation'],
      summary: 'Record the procuratorial committee (检察委员会) decision on an outcome of a litigation case',
      params: idParams,
      body: z.object({
        version: z.number().int(),
        meetingOn: calendarDate,
        session: text(100).min(1),
        outcome: z.enum(COMMITTEE_OUTCOMES),
        decision: z.enum(['approved', 'rejected']),
        minutes: text(20_000).min(1),
      }),
    },
    handler: async (request, reply) => {
      await loadCase(request, request.params.id, 'litigation', 'committee');
      if (request.body.meetingOn > today()) throw fieldError('meetingOn', 'future', 'The meeting has not happened yet');
      await withCurrentOnConflict(() => recordCommitteeDecision(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return reply.code(201).send(await current(request, request.params.id)());
    },
  });

  r.post('/api/cases/:id/hearings', {
    config: { policy: ['case', 'edit'] },
    schema: {
      tags: ['cases'],
      summary: 'Record a hearing (听证): participants, what was heard, conclusion',
      params: idParams,
      body: z.object({
        version: z.number().int(),
        heldOn: calendarDate,
        place: text(200).default(''),
        presiding: text(100).min(1),
        participants: z.array(z.object({ name: text(100).min(1), role: text(100).min(1) })).min(1).max(50),
        summary: text(20_000).min(1),
        conclusion: text(5000).nullable().optional(),
      }),
    },
    handler: async (request, reply) => {
      await loadCase(request, request.params.id, 'case', 'edit');
      if (request.body.heldOn > today()) throw new AppError(422, 'future', 'The hearing has not happened yet', { field: 'heldOn' });
      await withCurrentOnConflict(() => recordHearing(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return reply.code(201).send(await current(request, request.params.id)());
    },
  });
}
