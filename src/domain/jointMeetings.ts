/**
 * Joint meetings (联席会议, DOMAIN §6): what may happen to a meeting in each status, who may move a
 * resolution between open and done, and where an open resolution stands against its due date.
 */
import { daysFrom, fromDayNumber, isIsoDate, InvalidIsoDate, type IsoDate } from './calendar/isoDate';

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const RESOLUTION_STATUSES = ['open', 'done'] as const;
export type ResolutionStatus = (typeof RESOLUTION_STATUSES)[number];

export type MeetingAction = 'edit' | 'recordMinutes' | 'cancel' | 'addResolution';

/**
 * A scheduled meeting can be changed, held (its minutes recorded) or cancelled. A held meeting
 * keeps its record open for corrections and takes resolutions; it can no longer be cancelled.
 * A cancelled meeting is closed.
 */
const MEETING_ACTIONS: Record<MeetingStatus, readonly MeetingAction[]> = {
  scheduled: ['edit', 'recordMinutes', 'cancel'],
  held: ['edit', 'recordMinutes', 'addResolution'],
  cancelled: [],
};

export function meetingAllows(status: MeetingStatus, action: MeetingAction): boolean {
  return MEETING_ACTIONS[status].includes(action);
}

/** Who acts on a resolution: its owner unit, or the procuratorate that convened the meeting. */
export type ResolutionActor = 'owner' | 'convener';

export type ResolutionChange = 'progress' | 'complete' | 'reopen';

/** What a request that sets `status` (or leaves it) does to a resolution now in `from`. */
export function resolutionChange(from: ResolutionStatus, to: ResolutionStatus | undefined): ResolutionChange {
  if (to === 'done' && from === 'open') return 'complete';
  if (to === 'open' && from === 'done') return 'reopen';
  return 'progress';
}

/**
 * The owner records progress and marks its resolution done; once done it is closed for the owner.
 * Only the convener reopens a done resolution (the work fell short), and it may also record
 * progress on the owner's behalf, e.g. from a phone call.
 */
export function mayChangeResolution(actor: ResolutionActor, from: ResolutionStatus, change: ResolutionChange): boolean {
  if (change === 'reopen') return actor === 'convener';
  if (actor === 'convener') return true;
  return from === 'open';
}

/** Scheduled meetings within this many days show on the participants' home pages. */
export const UPCOMING_MEETING_DAYS = 30;

/** Open resolutions due within this many calendar days are shown as due soon. */
export const RESOLUTION_DUE_SOON_DAYS = 7;

export type ResolutionStanding =
  | { standing: 'done' }
  | { standing: 'open' | 'due_soon'; daysRemaining: number }
  | { standing: 'overdue'; daysOverdue: number };

/** Where a resolution stands on `today`: done, open, due soon (0 days = due today) or overdue. */
export function resolutionStanding(status: ResolutionStatus, dueDate: IsoDate, today: IsoDate): ResolutionStanding {
  if (!isIsoDate(dueDate)) throw new InvalidIsoDate(dueDate);
  if (!isIsoDate(today)) throw new InvalidIsoDate(today);
  if (status === 'done') return { standing: 'done' };
  const days = daysFrom(today, dueDate);
  if (days < 0) return { standing: 'overdue', daysOverdue: -days };
  return { standing: days <= RESOLUTION_DUE_SOON_DAYS ? 'due_soon' : 'open', daysRemaining: days };
}

/** A resolution is owned by a unit at the meeting: a participant or the convener itself. */
export function mayOwnResolution(organizationId: string, meeting: { convenerOrganizationId: string; participantOrganizationIds: readonly string[] }): boolean {
  return organizationId === meeting.convenerOrganizationId || meeting.participantOrganizationIds.includes(organizationId);
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in China (UTC+8 all year) at the instant `now`, whatever the server's zone. */
export function chinaToday(now: Date): IsoDate {
  return fromDayNumber(Math.floor((now.getTime() + CHINA_OFFSET_MS) / 86_400_000));
}
