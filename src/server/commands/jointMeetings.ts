import {
  mayChangeResolution,
  mayOwnResolution,
  meetingAllows,
  resolutionChange,
  type MeetingAction,
  type ResolutionActor,
  type ResolutionStatus,
} from '../../domain/jointMeetings.js';
import type { Db } from '../db/index.js';
import type { JointMeetingStatus } from '../db/schema.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext, Trx } from './context.js';

export interface ParticipantInput {
  organizationId: string;
  /** Names of the people the unit sent, as written in the record (e.g. "刘警官、王科长"). */
  attendees: string;
}

export interface MeetingInput {
  title: string;
  /** YYYY-MM-DD */
  meetingDate: string;
  /** HH:MM, wall clock where the meeting takes place. */
  startTime: string | null;
  location: string | null;
  agenda: string;
  participants: ParticipantInput[];
}

export interface NewResolution {
  text: string;
  ownerOrganizationId: string;
  /** YYYY-MM-DD */
  dueDate: string;
}

export interface ResolutionUpdate {
  version: number;
  progressNote?: string | null;
  status?: ResolutionStatus;
  /** The convener may correct what was resolved, by whom and by when. */
  text?: string;
  ownerOrganizationId?: string;
  dueDate?: string;
}

/** The meeting is not in a status that allows the action (e.g. cancelling a held meeting). */
export const invalidState = (status: JointMeetingStatus, action: string) =>
  new AppError(409, 'invalid_state', `A ${status} meeting does not allow ${action}`, { status });

async function lockMeeting(trx: Trx, id: string) {
  const meeting = await trx.selectFrom('joint_meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!meeting) throw notFound('Joint meeting');
  return meeting;
}

/** Locks the meeting, then checks its version and that its status allows the action. */
async function meetingFor(trx: Trx, id: string, version: number | null, action: MeetingAction) {
  const meeting = await lockMeeting(trx, id);
  if (version !== null && meeting.version !== version) throw conflict({ id, version: meeting.version, status: meeting.status });
  if (!meetingAllows(meeting.status, action)) throw invalidState(meeting.status, action);
  return meeting;
}

async function checkOrganizations(trx: Trx, participants: ParticipantInput[]) {
  const ids = participants.map((p) => p.organizationId);
  if (new Set(ids).size !== ids.length) throw fieldError('participants', 'participant_twice', 'A unit is listed twice');
  if (!ids.length) return;
  const found = await trx.selectFrom('organizations').select('id').where('id', 'in', ids).where('active', '=', true).execute();
  if (found.length !== ids.length) throw fieldError('participants', 'organization_unknown', 'A participating unit does not exist');
}

async function writeParticipants(trx: Trx, meetingId: string, participants: ParticipantInput[]) {
  await trx.deleteFrom('joint_meeting_participants').where('meeting_id', '=', meetingId).execute();
  if (!participants.length) return;
  await trx
    .insertInto('joint_meeting_participants')
    .values(participants.map((p, position) => ({ meeting_id: meetingId, organization_id: p.organizationId, attendees: p.attendees.trim(), position })))
    .execute();
}

const trimmedOrNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** A procuratorate convenes a meeting: date, place, agenda and the units invited. */
export async function scheduleMeeting(db: Db, ctx: CommandContext, convenerOrganizationId: string, input: MeetingInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await checkOrganizations(trx, input.participants);
    const { id } = await trx
      .insertInto('joint_meetings')
      .values({
        convener_organization_id: convenerOrganizationId,
        title: input.title.trim(),
        meeting_date: input.meetingDate,
        start_time: input.startTime,
        location: trimmedOrNull(input.location),
        agenda: input.agenda.trim(),
        created_by: ctx.actor?.id ?? null,
        created_by_name: ctx.actorName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeParticipants(trx, id, input.participants);
    await recordAudit(trx, ctx, {
      action: 'joint_meeting.schedule',
      recordType: 'joint_meeting',
      recordId: id,
      details: { title: input.title, meetingDate: input.meetingDate, participants: input.participants.map((p) => p.organizationId) },
    });
    return id;
  });
}

/** Changes date, place, agenda or participants; a unit owning a resolution stays a participant. */
export async function updateMeeting(db: Db, ctx: CommandContext, id: string, changes: Partial<MeetingInput> & { version: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await meetingFor(trx, id, changes.version, 'edit');
    if (changes.participants) {
      await checkOrganizations(trx, changes.participants);
      const kept = new Set([before.convener_organization_id, ...changes.participants.map((p) => p.organizationId)]);
      const owners = await trx.selectFrom('joint_meeting_resolutions').select('owner_organization_id').where('meeting_id', '=', id).execute();
      if (owners.some((o) => !kept.has(o.owner_organization_id))) {
        throw fieldError('participants', 'participant_owns_resolutions', 'A unit that owns a resolution of this meeting cannot be removed');
      }
      await writeParticipants(trx, id, changes.participants);
    }
    await trx
      .updateTable('joint_meetings')
      .set({
        ...(changes.title !== undefined && { title: changes.title.trim() }),
        ...(changes.meetingDate !== undefined && { meeting_date: changes.meetingDate }),
        ...(changes.startTime !== undefined && { start_time: changes.startTime }),
        ...(changes.location !== undefined && { location: trimmedOrNull(changes.location) }),
        ...(changes.agenda !== undefined && { agenda: changes.agenda.trim() }),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const { version: _v, participants, ...changed } = changes;
    await recordAudit(trx, ctx, {
      action: 'joint_meeting.update',
      recordType: 'joint_meeting',
      recordId: id,
      details: { ...changed, ...(participants && { participants: participants.map((p) => p.organizationId) }) },
    });
  });
}

/** Records (or corrects) the minutes; a scheduled meeting becomes held. */
export async function recordMinutes(db: Db, ctx: CommandContext, id: string, input: { version: number; minutes: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await meetingFor(trx, id, input.version, 'recordMinutes');
    await trx
      .updateTable('joint_meetings')
      .set({
        minutes: input.minutes.trim(),
        status: 'held',
        minutes_recorded_by: ctx.actor?.id ?? null,
        minutes_recorded_by_name: ctx.actorName,
        minutes_recorded_at: new Date(),
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'joint_meeting.minutes', recordType: 'joint_meeting', recordId: id, details: { from: before.status, length: input.minutes.trim().length } });
  });
}

export async function cancelMeeting(db: Db, ctx: CommandContext, id: string, input: { version: number; reason: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await meetingFor(trx, id, input.version, 'cancel');
    await trx
      .updateTable('joint_meetings')
      .set({ status: 'cancelled', cancel_reason: input.reason.trim(), version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'joint_meeting.cancel', recordType: 'joint_meeting', recordId: id, details: { reason: input.reason.trim() } });
  });
}

async function checkOwner(trx: Trx, meeting: { id: string; convener_organization_id: string }, ownerOrganizationId: string) {
  const participants = await trx.selectFrom('joint_meeting_participants').select('organization_id').where('meeting_id', '=', meeting.id).execute();
  const record = { convenerOrganizationId: meeting.convener_organization_id, participantOrganizationIds: participants.map((p) => p.organization_id) };
  if (!mayOwnResolution(ownerOrganizationId, record)) {
    throw fieldError('ownerOrganizationId', 'owner_not_participant', 'The owner must be a unit taking part in the meeting');
  }
}

/** A resolution of a held meeting, numbered in the order resolutions are added. */
export async function addResolution(db: Db, ctx: CommandContext, meetingId: string, input: NewResolution): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const meeting = await meetingFor(trx, meetingId, null, 'addResolution');
    await checkOwner(trx, meeting, input.ownerOrganizationId);
    const last = await trx.selectFrom('joint_meeting_resolutions').select((eb) => eb.fn.max('seq').as('seq')).where('meeting_id', '=', meetingId).executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    const { id } = await trx
      .insertInto('joint_meeting_resolutions')
      .values({ meeting_id: meetingId, seq, text: input.text.trim(), owner_organization_id: input.ownerOrganizationId, due_date: input.dueDate, created_by_name: ctx.actorName })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'joint_meeting.resolution_add',
      recordType: 'joint_meeting_resolution',
      recordId: id,
      details: { meetingId, seq, ownerOrganizationId: input.ownerOrganizationId, dueDate: input.dueDate },
    });
    return id;
  });
}

/**
 * The owner records progress or marks the resolution done; the convener may also reopen it and
 * correct its text, owner and due date. `as` says in which capacity the actor acts.
 */
export async function updateResolution(db: Db, ctx: CommandContext, resolutionId: string, as: ResolutionActor, input: ResolutionUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('joint_meeting_resolutions').selectAll().where('id', '=', resolutionId).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Resolution');
    if (before.version !== input.version) throw conflict({ id: resolutionId, version: before.version, status: before.status });
    const corrects = input.text !== undefined || input.ownerOrganizationId !== undefined || input.dueDate !== undefined;
    const change = resolutionChange(before.status, input.status);
    if ((corrects || change === 'reopen') && as !== 'convener') throw forbidden();
    if (!mayChangeResolution(as, before.status, change)) throw new AppError(409, 'invalid_state', 'The resolution is done: only the convener can reopen it', { status: before.status });
    const meeting = await lockMeeting(trx, before.meeting_id);
    if (input.ownerOrganizationId !== undefined) await checkOwner(trx, meeting, input.ownerOrganizationId);
    const now = new Date();
    const noted = input.progressNote !== undefined;
    await trx
      .updateTable('joint_meeting_resolutions')
      .set({
        ...(input.text !== undefined && { text: input.text.trim() }),
        ...(input.ownerOrganizationId !== undefined && { owner_organization_id: input.ownerOrganizationId }),
        ...(input.dueDate !== undefined && { due_date: input.dueDate }),
        status: change === 'complete' ? 'done' : change === 'reopen' ? 'open' : before.status,
        progress_note: noted ? trimmedOrNull(input.progressNote) : before.progress_note,
        progress_by_name: noted ? ctx.actorName : before.progress_by_name,
        progress_at: noted ? now : before.progress_at,
        completed_at: change === 'complete' ? now : change === 'reopen' ? null : before.completed_at,
        completed_by: change === 'complete' ? (ctx.actor?.id ?? null) : change === 'reopen' ? null : before.completed_by,
        completed_by_name: change === 'complete' ? ctx.actorName : change === 'reopen' ? null : before.completed_by_name,
        version: before.version + 1,
        updated_at: now,
      })
      .where('id', '=', resolutionId)
      .execute();
    const { version: _v, ...changed } = input;
    await recordAudit(trx, ctx, {
      action: change === 'progress' ? 'joint_meeting.resolution_update' : `joint_meeting.resolution_${change}`,
      recordType: 'joint_meeting_resolution',
      recordId: resolutionId,
      details: { meetingId: before.meeting_id, as, ...changed },
    });
  });
}
