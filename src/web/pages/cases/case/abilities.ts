import { DEFAULT_CLOCKS, type PauseReason } from '../../../../domain/deadlines/clocks';
import type { Clock, InternalCase } from '../../../api/cases';
import type { Session } from '../../../api/types';

/**
 * What the signed-in user may do on this case. The session's permissions say "may in general";
 * the procurator in charge (or the department head) is who works a given case — the same rule
 * the server's policies apply to the record.
 */
export function caseAbilities(c: InternalCase, session: Session) {
  const has = (permission: string) => session.permissions.includes(permission);
  const isHead = session.user.roles.includes('department_head');
  const inCharge = isHead || (c.procurator?.id === session.user.id && session.user.roles.includes('procurator'));
  const open = c.state !== 'closed';
  return {
    edit: has('case:edit') && inCharge && open,
    assign: has('case:assign') && open,
    extend: has('case:extend') && c.kind === 'reverse_connection' && ['under_review', 'suspended'].includes(c.state),
    draft: has('document:draft') && inCharge && open,
    evaluateReply: has('reply:evaluate'),
    decideObjection: has('case:decide_objection'),
    recordCommittee: has('litigation:committee') && c.kind === 'litigation' && open,
    unmask: has('case:unmask'),
  };
}

export type CaseAbilities = ReturnType<typeof caseAbilities>;

const REVIEW_CLOCKS = { reverse_connection: 'reverse_connection_review', illegal_act: 'illegal_act_case', litigation: 'litigation_review' } as const;

/** The case's own clock: the reverse-connection review, the illegal-act case period, the litigation review. */
export function reviewClock(c: Pick<InternalCase, 'kind' | 'clocks'>): Clock | undefined {
  const code = REVIEW_CLOCKS[c.kind];
  return c.clocks.find((k) => k.code === code && k.stoppedOn === null);
}

/** Reasons for excluding time other than suspension (which has its own step), by the clock's rule. */
export function otherPauseReasons(clock: Clock | undefined): PauseReason[] {
  return clock ? DEFAULT_CLOCKS[clock.code].pauseReasons.filter((r) => r !== 'suspension') : [];
}
