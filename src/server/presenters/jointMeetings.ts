import { sql, type ExpressionBuilder } from 'kysely';
import { chinaToday, mayChangeResolution, meetingAllows, resolutionStanding, type ResolutionStatus } from '../../domain/jointMeetings.js';
import type { OrganizationKind } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import type { DB, JointMeetingStatus } from '../db/schema.js';
import { meetingScope, type JointMeetingRecord } from '../policies/jointMeetings.js';
import { can, type Actor } from '../policies/policy.js';

/** A calendar date column as YYYY-MM-DD, whether the driver hands it over as text or as a local-midnight Date. */
export function calendarDay(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);
/** "14:30:00" → "14:30" */
const clock = (value: string | null) => (value ? value.slice(0, 5) : null);

interface OrganizationRef {
  id: string;
  name: string;
  shortName: string;
}

/** What the policies need to decide on one meeting; null when there is no such meeting. */
export async function meetingRecord(db: Db, id: string): Promise<JointMeetingRecord | null> {
  const meeting = await db.selectFrom('joint_meetings').select('convener_organization_id').where('id', '=', id).executeTakeFirst();
  if (!meeting) return null;
  const participants = await db.selectFrom('joint_meeting_participants').select('organization_id').where('meeting_id', '=', id).orderBy('position').execute();
  return { convenerOrganizationId: meeting.convener_organization_id, participantOrganizationIds: participants.map((p) => p.organization_id) };
}

/** Restricts a query on `joint_meetings as m` to the meetings the actor may see (policies: meetingScope). */
function visibleTo(actor: Actor) {
  const scope = meetingScope(actor);
  return (eb: ExpressionBuilder<DB & { m: DB['joint_meetings'] }, 'm'>) => {
    if (!scope) return eb.val(false);
    if ('convenedBy' in scope) return eb('m.convener_organization_id', '=', scope.convenedBy);
    return eb.exists(
      eb
        .selectFrom('joint_meeting_participants as p')
        .select(sql`1`.as('one'))
        .whereRef('p.meeting_id', '=', 'm.id')
        .where('p.organization_id', '=', scope.attendedBy),
    );
  };
}

/** In which capacity the actor may act on a resolution, if at all. */
function resolutionPermissions(actor: Actor, meeting: JointMeetingRecord, r: { owner_organization_id: string; status: ResolutionStatus }) {
  const record = { meeting, ownerOrganizationId: r.owner_organization_id };
  const as = can(actor, 'jointMeeting', 'edit', meeting) ? 'convener' : 'owner';
  const mayUpdate = can(actor, 'jointMeetingResolution', 'update', record);
  return {
    update: mayUpdate && (mayChangeResolution(as, r.status, 'progress') || mayChangeResolution(as, r.status, 'complete')),
    complete: mayUpdate && r.status === 'open',
    reopen: r.status === 'done' && can(actor, 'jointMeetingResolution', 'reopen', record),
    correct: as === 'convener' && mayUpdate,
  };
}

function resolutionsQuery(db: Db) {
  return db
    .selectFrom('joint_meeting_resolutions as r')
    .innerJoin('organizations as o', 'o.id', 'r.owner_organization_id')
    .selectAll('r')
    .select(['o.name as owner_name', 'o.short_name as owner_short_name']);
}

type ResolutionRow = Awaited<ReturnType<ReturnType<typeof resolutionsQuery>['execute']>>[number];

function presentResolutionRow(r: ResolutionRow, today: string) {
  const dueDate = calendarDay(r.due_date);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    seq: r.seq,
    text: r.text,
    owner: { id: r.owner_organization_id, name: r.owner_name, shortName: r.owner_short_name } satisfies OrganizationRef,
    dueDate,
    status: r.status,
    ...resolutionStanding(r.status, dueDate, today),
    progressNote: r.progress_note,
    progressBy: r.progress_by_name,
    progressAt: iso(r.progress_at),
    completedAt: iso(r.completed_at),
    completedBy: r.completed_by_name,
    createdBy: r.created_by_name,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    version: r.version,
  };
}

/** One meeting as its reader sees it, with what the reader may do to it and to each resolution. */
export async function presentMeeting(db: Db, id: string, actor: Actor) {
  const m = await db
    .selectFrom('joint_meetings as m')
    .innerJoin('organizations as o', 'o.id', 'm.convener_organization_id')
    .selectAll('m')
    .select(['o.name as convener_name', 'o.short_name as convener_short_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!m) return null;
  const participants = await db
    .selectFrom('joint_meeting_participants as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .select(['p.organization_id', 'p.attendees', 'o.name', 'o.short_name', 'o.kind'])
    .where('p.meeting_id', '=', id)
    .orderBy('p.position')
    .execute();
  const resolutions = await resolutionsQuery(db)
    .where('r.meeting_id', '=', id)
    .orderBy('r.seq')
    .execute();
  const record: JointMeetingRecord = { convenerOrganizationId: m.convener_organization_id, participantOrganizationIds: participants.map((p) => p.organization_id) };
  const edits = can(actor, 'jointMeeting', 'edit', record);
  const today = chinaToday(new Date());
  return {
    id: m.id,
    title: m.title,
    convener: { id: m.convener_organization_id, name: m.convener_name, shortName: m.convener_short_name } satisfies OrganizationRef,
    meetingDate: calendarDay(m.meeting_date),
    startTime: clock(m.start_time),
    location: m.location,
    agenda: m.agenda,
    minutes: m.minutes,
    minutesRecordedBy: m.minutes_recorded_by_name,
    minutesRecordedAt: iso(m.minutes_recorded_at),
    status: m.status,
    cancelReason: m.cancel_reason,
    participants: participants.map((p) => ({
      organization: { id: p.organization_id, name: p.name, shortName: p.short_name, kind: p.kind as OrganizationKind },
      attendees: p.attendees,
    })),
    resolutions: resolutions.map((r) => ({ ...presentResolutionRow(r, today), can: resolutionPermissions(actor, record, r) })),
    can: {
      edit: edits && meetingAllows(m.status, 'edit'),
      recordMinutes: edits && meetingAllows(m.status, 'recordMinutes'),
      cancel: edits && meetingAllows(m.status, 'cancel'),
      addResolution: edits && meetingAllows(m.status, 'addResolution'),
    },
    createdBy: m.created_by_name,
    createdAt: iso(m.created_at)!,
    updatedAt: iso(m.updated_at)!,
    version: m.version,
  };
}

/** One resolution as it is now (the `current` of a conflict). */
export async function presentResolution(db: Db, id: string) {
  const r = await resolutionsQuery(db)
    .where('r.id', '=', id)
    .executeTakeFirst();
  return r ? presentResolutionRow(r, chinaToday(new Date())) : null;
}

export interface MeetingFilter {
  status?: JointMeetingStatus;
  /** Meeting dates from … to, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  q?: string;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The meetings the actor may see, newest date first, one page at a time. */
export async function listMeetings(db: Db, actor: Actor, filter: MeetingFilter, page: number, pageSize: number) {
  let q = db.selectFrom('joint_meetings as m').where(visibleTo(actor));
  if (filter.status) q = q.where('m.status', '=', filter.status);
  if (filter.from) q = q.where('m.meeting_date', '>=', filter.from);
  if (filter.to) q = q.where('m.meeting_date', '<=', filter.to);
  if (filter.q) q = q.where('m.title', 'ilike', likePattern(filter.q));
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .innerJoin('organizations as o', 'o.id', 'm.convener_organization_id')
    .select(['m.id', 'm.title', 'm.meeting_date', 'm.start_time', 'm.location', 'm.status', 'm.version', 'o.id as convener_id', 'o.name as convener_name', 'o.short_name as convener_short_name'])
    .select([
      sql<number>`(SELECT count(*)::int FROM joint_meeting_resolutions r WHERE r.meeting_id = m.id)`.as('resolutions'),
      sql<number>`(SELECT count(*)::int FROM joint_meeting_resolutions r WHERE r.meeting_id = m.id AND r.status = 'open')`.as('open_resolutions'),
    ])
    .orderBy('m.meeting_date', 'desc')
    .orderBy(sql`m.start_time DESC NULLS LAST`)
    .orderBy('m.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const participants = ids.length
    ? await db
        .selectFrom('joint_meeting_participants as p')
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .select(['p.meeting_id', 'o.id', 'o.name', 'o.short_name'])
        .where('p.meeting_id', 'in', ids)
        .orderBy('p.position')
        .execute()
    : [];
  return {
    total,
    items: rows.map((m) => ({
      id: m.id,
      title: m.title,
      convener: { id: m.convener_id, name: m.convener_name, shortName: m.convener_short_name } satisfies OrganizationRef,
      meetingDate: calendarDay(m.meeting_date),
      startTime: clock(m.start_time),
      location: m.location,
      status: m.status,
      participants: participants.filter((p) => p.meeting_id === m.id).map((p) => ({ id: p.id, name: p.name, shortName: p.short_name }) satisfies OrganizationRef),
      resolutions: m.resolutions,
      openResolutions: m.open_resolutions,
      version: m.version,
    })),
  };
}

export interface ResolutionFilter {
  /** mine: owned by the actor's unit. */
  owner?: 'mine';
  status?: ResolutionStatus;
}

/** Resolutions of the meetings the actor may see, soonest due first: an agency's task list with owner=mine&status=open. */
export async function listResolutions(db: Db, actor: Actor, filter: ResolutionFilter, page: number, pageSize: number) {
  let q = db
    .selectFrom('joint_meeting_resolutions as r')
    .innerJoin('joint_meetings as m', 'm.id', 'r.meeting_id')
    .where(visibleTo(actor));
  if (filter.owner === 'mine') q = q.where('r.owner_organization_id', '=', actor.organizationId);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .innerJoin('organizations as o', 'o.id', 'r.owner_organization_id')
    .selectAll('r')
    .select(['o.name as owner_name', 'o.short_name as owner_short_name', 'm.title as meeting_title', 'm.meeting_date', 'm.convener_organization_id'])
    .orderBy('r.due_date')
    .orderBy('m.meeting_date')
    .orderBy('r.seq')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const today = chinaToday(new Date());
  const meetingIds = [...new Set(rows.map((r) => r.meeting_id))];
  const participants = meetingIds.length
    ? await db.selectFrom('joint_meeting_participants').select(['meeting_id', 'organization_id']).where('meeting_id', 'in', meetingIds).execute()
    : [];
  const records = new Map<string, JointMeetingRecord>(
    rows.map((r) => [
      r.meeting_id,
      { convenerOrganizationId: r.convener_organization_id, participantOrganizationIds: participants.filter((p) => p.meeting_id === r.meeting_id).map((p) => p.organization_id) },
    ]),
  );
  return {
    total,
    items: rows.map((r) => ({
      ...presentResolutionRow(r, today),
      meeting: { id: r.meeting_id, title: r.meeting_title, meetingDate: calendarDay(r.meeting_date) },
      can: resolutionPermissions(actor, records.get(r.meeting_id)!, r),
    })),
  };
}
