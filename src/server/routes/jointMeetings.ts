import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar/isoDate.js';
import { MEETING_STATUSES, RESOLUTION_STATUSES } from '../../domain/jointMeetings.js';
import { recordAudit } from '../commands/audit.js';
import { addResolution, cancelMeeting, recordMinutes, scheduleMeeting, updateMeeting, updateResolution } from '../commands/jointMeetings.js';
import { notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import '../jobs/jointMeetingWork.js';
import type { JointMeetingRecord } from '../policies/jointMeetings.js';
import { authorize, can } from '../policies/policy.js';
import { listMeetings, listResolutions, meetingRecord, presentMeeting, presentResolution } from '../presenters/jointMeetings.js';
import { workbook } from '../presenters/spreadsheet.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isIsoDate, { message: 'Not a calendar date', params: { reason: 'invalid_date' } });
const startTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const participants = z
  .array(z.object({ organizationId: uuid, attendees: z.string().trim().max(500).default('') }))
  .min(1)
  .max(50);
const meetingFields = {
  title: z.string().trim().min(1).max(200),
  meetingDate: isoDate,
  startTime: startTime.nullable().optional(),
  location: z.string().trim().max(200).nullable().optional(),
  agenda: z.string().max(20_000),
  participants,
};
const version = z.number().int();
const resolutionText = z.string().trim().min(1).max(2000);
const resolutionParams = z.object({ id: uuid, resolutionId: uuid });

const MEETING_ID_ROUTE = '/api/joint-meetings/:id';

export default async function jointMeetingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const records = new WeakMap<FastifyRequest, JointMeetingRecord>();

  /**
   * Every route on one meeting first finds it and asks whether the actor may see it, before the
   * body is validated: a unit not taking part gets 404 whatever it sends, and learns nothing.
   */
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (url !== MEETING_ID_ROUTE && !url.startsWith(`${MEETING_ID_ROUTE}/`)) return;
    const id = (request.params as { id?: string }).id;
    const record = uuid.safeParse(id).success ? await meetingRecord(db, id!) : null;
    // The same answer whether the meeting does not exist or is hidden from this actor.
    if (!record || !can(actorOf(request), 'jointMeeting', 'read', record)) throw notFound('Joint meeting');
    records.set(request, record);
  });

  /** The meeting's record, after the hook let the actor see it; editing needs the convener. */
  function meetingOf(request: FastifyRequest, action: 'read' | 'edit') {
    const record = records.get(request)!;
    authorize(actorOf(request), 'jointMeeting', action, record);
    return record;
  }

  const current = (request: FastifyRequest, id: string) => () => presentMeeting(db, id, actorOf(request));

  r.get('/api/joint-meetings', {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'Joint meetings the user may see (convened by their procuratorate, or with their unit taking part), newest first',
      querystring: z.object({ ...pageQuery, status: z.enum(MEETING_STATUSES).optional(), from: isoDate.optional(), to: isoDate.optional(), q: z.string().trim().max(100).optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listMeetings(db, actorOf(request), filter, page, pageSize);
    },
  });

  r.get('/api/joint-meetings/resolutions', {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'Resolutions of the meetings the user may see, soonest due first; owner=mine&status=open is a unit’s task list',
      querystring: z.object({ ...pageQuery, owner: z.enum(['mine']).optional(), status: z.enum(RESOLUTION_STATUSES).optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listResolutions(db, actorOf(request), filter, page, pageSize);
    },
  });

  r.get('/api/joint-meetings/organizations', {
    config: { policy: ['jointMeeting', 'schedule'] },
    schema: { tags: ['joint meetings'], summary: 'Units that can be invited to a meeting (active organizations)' },
    handler: async () => ({
      items: (await db.selectFrom('organizations').select(['id', 'name', 'short_name', 'kind']).where('active', '=', true).orderBy('kind', 'desc').orderBy('name').execute()).map((o) => ({
        id: o.id,
        name: o.name,
        shortName: o.short_name,
        kind: o.kind,
      })),
    }),
  });

  r.post('/api/joint-meetings', {
    config: { policy: ['jointMeeting', 'schedule'] },
    schema: { tags: ['joint meetings'], summary: 'Schedule a joint meeting convened by the user’s procuratorate', body: z.object(meetingFields) },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const id = await scheduleMeeting(db, contextOf(request), actor.organizationId, { ...request.body, startTime: request.body.startTime ?? null, location: request.body.location ?? null });
      return reply.code(201).send(await presentMeeting(db, id, actor));
    },
  });

  r.get(MEETING_ID_ROUTE, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: { tags: ['joint meetings'], summary: 'One meeting: participants, agenda, minutes, resolutions, and what the user may do', params: idParams },
    handler: async (request) => {
      meetingOf(request, 'read');
      return presentMeeting(db, request.params.id, actorOf(request));
    },
  });

  r.patch(MEETING_ID_ROUTE, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'Change title, date, place, agenda or participants (convener; optimistic locking on version)',
      params: idParams,
      body: z.object({ version, ...z.object(meetingFields).partial().shape }),
    },
    handler: async (request) => {
      meetingOf(request, 'edit');
      await withCurrentOnConflict(() => updateMeeting(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post(`${MEETING_ID_ROUTE}/minutes`, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'Record or correct the minutes (会议纪要); the meeting is then held',
      params: idParams,
      body: z.object({ version, minutes: z.string().trim().min(1).max(50_000) }),
    },
    handler: async (request) => {
      meetingOf(request, 'edit');
      await withCurrentOnConflict(() => recordMinutes(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post(`${MEETING_ID_ROUTE}/cancel`, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: { tags: ['joint meetings'], summary: 'Cancel a scheduled meeting, with the reason', params: idParams, body: z.object({ version, reason: z.string().trim().min(1).max(1000) }) },
    handler: async (request) => {
      meetingOf(request, 'edit');
      await withCurrentOnConflict(() => cancelMeeting(db, contextOf(request), request.params.id, request.body), current(request, request.params.id));
      return current(request, request.params.id)();
    },
  });

  r.post(`${MEETING_ID_ROUTE}/resolutions`, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'Add a resolution of a held meeting: what, which unit, by when',
      params: idParams,
      body: z.object({ text: resolutionText, ownerOrganizationId: uuid, dueDate: isoDate }),
    },
    handler: async (request, reply) => {
      meetingOf(request, 'edit');
      const id = await addResolution(db, contextOf(request), request.params.id, request.body);
      return reply.code(201).send(await presentResolution(db, id));
    },
  });

  r.patch(`${MEETING_ID_ROUTE}/resolutions/:resolutionId`, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: {
      tags: ['joint meetings'],
      summary: 'The owner unit records progress or marks the resolution done; the convener may also reopen or correct it',
      params: resolutionParams,
      body: z.object({
        version,
        progressNote: z.string().trim().max(5000).nullable().optional(),
        status: z.enum(RESOLUTION_STATUSES).optional(),
        text: resolutionText.optional(),
        ownerOrganizationId: uuid.optional(),
        dueDate: isoDate.optional(),
      }),
    },
    handler: async (request) => {
      const meeting = meetingOf(request, 'read');
      const actor = actorOf(request);
      const resolution = await db
        .selectFrom('joint_meeting_resolutions')
        .select(['owner_organization_id', 'status'])
        .where('id', '=', request.params.resolutionId)
        .where('meeting_id', '=', request.params.id)
        .executeTakeFirst();
      if (!resolution) throw notFound('Resolution');
      const record = { meeting, ownerOrganizationId: resolution.owner_organization_id };
      authorize(actor, 'jointMeetingResolution', 'update', record);
      if (request.body.status === 'open' && resolution.status === 'done') authorize(actor, 'jointMeetingResolution', 'reopen', record);
      const as = can(actor, 'jointMeeting', 'edit', meeting) ? 'convener' : 'owner';
      const id = request.params.resolutionId;
      await withCurrentOnConflict(() => updateResolution(db, contextOf(request), id, as, request.body), () => presentResolution(db, id));
      return presentResolution(db, id);
    },
  });

  r.get(`${MEETING_ID_ROUTE}/record.xlsx`, {
    config: { policy: ['jointMeeting', 'read'] },
    schema: { tags: ['joint meetings'], summary: 'The meeting record (会议纪要) with its resolutions as XLSX', params: idParams },
    handler: async (request, reply) => {
      meetingOf(request, 'read');
      const meeting = (await presentMeeting(db, request.params.id, actorOf(request)))!;
      await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'joint_meeting.export', recordType: 'joint_meeting', recordId: meeting.id }));
      const buffer = await workbook([
        {
          name: 'meeting',
          columns: [
            { header: '项目 field', key: 'field', width: 20 },
            { header: '内容 value', key: 'value', width: 90 },
          ],
          rows: [
            { field: '会议名称 title', value: meeting.title },
            { field: '召集单位 convener', value: meeting.convener.name },
            { field: '会议时间 date', value: [meeting.meetingDate, meeting.startTime].filter(Boolean).join(' ') },
            { field: '会议地点 location', value: meeting.location ?? '' },
            { field: '状态 status', value: meeting.status },
            ...meeting.participants.map((p) => ({ field: '参会单位 participant', value: p.attendees ? `${p.organization.name}：${p.attendees}` : p.organization.name })),
            { field: '会议议程 agenda', value: meeting.agenda },
            { field: '会议纪要 minutes', value: meeting.minutes ?? '' },
            ...(meeting.cancelReason ? [{ field: '取消原因 cancel reason', value: meeting.cancelReason }] : []),
          ],
        },
        {
          name: 'resolutions',
          columns: [
            { header: '序号 no.', key: 'seq', width: 8 },
            { header: '议定事项 resolution', key: 'text', width: 60 },
            { header: '牵头单位 owner', key: 'owner', width: 30 },
            { header: '办理期限 due date', key: 'dueDate', width: 14 },
            { header: '状态 status', key: 'status', width: 10 },
            { header: '进展 progress', key: 'progress', width: 50 },
            { header: '办结时间 completed', key: 'completedAt', width: 22 },
          ],
          rows: meeting.resolutions.map((res) => ({
            seq: res.seq,
            text: res.text,
            owner: res.owner.name,
            dueDate: res.dueDate,
            status: res.status,
            progress: res.progressNote ?? '',
            completedAt: res.completedAt ?? '',
          })),
        },
      ]);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="joint-meeting-${meeting.meetingDate}.xlsx"`)
        .send(buffer);
    },
  });
}
