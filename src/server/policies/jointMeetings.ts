import { allow, hasRole, inProcuratorate, type Actor } from './policy.js';

/** What the rules need to know about a joint meeting. */
export interface JointMeetingRecord {
  convenerOrganizationId: string;
  participantOrganizationIds: string[];
}

/** What the rules need to know about one of its resolutions. */
export interface ResolutionRecord {
  meeting: JointMeetingRecord;
  ownerOrganizationId: string;
}

/** The case staff of a procuratorate convene and run joint meetings. */
const organizes = (a: Actor) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'chief_prosecutor');

/** …those of the convening procuratorate, for one meeting. */
const convenes = (a: Actor, m: JointMeetingRecord) => organizes(a) && m.convenerOrganizationId === a.organizationId;

/** Users of a unit taking part (an agency, the justice bureau) read the meeting's record. */
const participates = (a: Actor, m: JointMeetingRecord) => !inProcuratorate(a) && m.participantOrganizationIds.includes(a.organizationId);

export const seesMeeting = (a: Actor, m: JointMeetingRecord) => convenes(a, m) || participates(a, m);

/**
 * Reading: without a record, "may this actor see any meetings" (the menu; every route on one
 * meeting is guarded by it, so that a unit not taking part learns nothing — the route answers 404
 * for the meeting, never 403 for the kind). With a record: the convener's staff and the
 * participating units.
 */
allow<JointMeetingRecord>('jointMeeting', ['read'], (a, m) => (m ? seesMeeting(a, m) : organizes(a) || !inProcuratorate(a)));

allow('jointMeeting', ['schedule'], organizes);

/** Agenda, participants, date, minutes, cancellation and new resolutions: the convener. */
allow<JointMeetingRecord>('jointMeeting', ['edit'], (a, m) => (m ? convenes(a, m) : organizes(a)));

/**
 * The owner unit's liaison records progress on its own resolutions and marks them done; the
 * convener may do the same (DOMAIN §6: agencies update the resolutions they own).
 */
allow<ResolutionRecord>('jointMeetingResolution', ['update'], (a, r) =>
  r
    ? convenes(a, r.meeting) || (hasRole(a, 'agency_liaison') && r.ownerOrganizationId === a.organizationId && participates(a, r.meeting))
    : organizes(a) || (hasRole(a, 'agency_liaison') && !inProcuratorate(a)),
);

/** A done resolution is reopened by the procuratorate only. */
allow<ResolutionRecord>('jointMeetingResolution', ['reopen'], (a, r) => (r ? convenes(a, r.meeting) : organizes(a)));

/**
 * Which meetings lists show the actor, the same as `seesMeeting` for each one: those their
 * procuratorate convened, or those their unit takes part in; null: none.
 */
export function meetingScope(a: Actor): { convenedBy: string } | { attendedBy: string } | null {
  if (organizes(a)) return { convenedBy: a.organizationId };
  if (!inProcuratorate(a)) return { attendedBy: a.organizationId };
  return null;
}
