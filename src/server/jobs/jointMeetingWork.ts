import { addDays } from '../../domain/calendar/isoDate.js';
import { chinaToday, UPCOMING_MEETING_DAYS } from '../../domain/jointMeetings.js';
import { meetingScope } from '../policies/jointMeetings.js';
import { calendarDay } from '../presenters/jointMeetings.js';
import { registerPendingWork } from './pendingWork.js';

const TITLE_LENGTH = 60;
const shorten = (text: string) => (text.length > TITLE_LENGTH ? `${text.slice(0, TITLE_LENGTH - 1)}…` : text);

/**
 * Joint meetings create two kinds of work: open resolutions, on the home page of the unit that
 * owns them, with their due dates; and meetings coming up, for the units taking part and the
 * convening procuratorate's staff.
 */
registerPendingWork(async (db, actor) => {
  const scope = meetingScope(actor);
  if (!scope) return [];
  const today = chinaToday(new Date());
  let meetings = db.selectFrom('joint_meetings as m');
  meetings =
    'convenedBy' in scope
      ? meetings.where('m.convener_organization_id', '=', scope.convenedBy)
      : meetings.where((eb) =>
          eb.exists(eb.selectFrom('joint_meeting_participants as p').select('p.meeting_id').whereRef('p.meeting_id', '=', 'm.id').where('p.organization_id', '=', scope.attendedBy)),
        );
  const [resolutions, upcoming] = await Promise.all([
    meetings
      .innerJoin('joint_meeting_resolutions as r', 'r.meeting_id', 'm.id')
      .select(['r.id', 'r.meeting_id', 'r.text', 'r.due_date', 'm.title'])
      .where('r.owner_organization_id', '=', actor.organizationId)
      .where('r.status', '=', 'open')
      .execute(),
    meetings
      .select(['m.id', 'm.title', 'm.meeting_date'])
      .where('m.status', '=', 'scheduled')
      .where('m.meeting_date', '>=', today)
      .where('m.meeting_date', '<=', addDays(today, UPCOMING_MEETING_DAYS))
      .execute(),
  ]);
  return [
    ...resolutions.map((r) => ({
      kind: 'joint_meeting_resolution',
      title: `${shorten(r.text)} — ${r.title}`,
      dueDate: calendarDay(r.due_date),
      // One row per resolution on the home page: the anchor keeps their links apart.
      link: `/meetings/${r.meeting_id}#resolution-${r.id}`,
    })),
    ...upcoming.map((m) => ({ kind: 'joint_meeting', title: m.title, dueDate: calendarDay(m.meeting_date), link: `/meetings/${m.id}` })),
  ];
});
