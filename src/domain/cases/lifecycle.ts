/**
 * Clue and case lifecycles as explicit transition tables (DOMAIN.md §3 process 1, §4 process 2).
 * A command asks `transition(kind, state, action)` and gets the next state or a refusal that says
 * which states allow the action; nothing else in the system decides where a case goes next.
 */
import type { Role } from '../roles';

export const CLUE_SOURCES = ['model_hit', 'non_prosecution', 'manual', 'agency_transfer', 'complaint', 'litigation_application'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];

export const CLUE_STATUSES = ['received', 'evaluating', 'filed', 'declined', 'merged'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

/** Clues still waiting for a decision; filed, declined and merged ones are settled. */
export const OPEN_CLUE_STATUSES: readonly ClueStatus[] = ['received', 'evaluating'];

export const CASE_KINDS = ['reverse_connection', 'illegal_act', 'litigation'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATES = {
  reverse_connection: [
    'registered',
    'under_review',
    'suspended',
    'report_done',
    'terminated',
    'opinion_issued',
    'awaiting_reply',
    'reply_received',
    'follow_up',
    'closed',
  ],
  illegal_act: [
    'registered',
    'investigating',
    'suspended',
    'suggestion_issued',
    'awaiting_reply',
    'objection_review',
    'reply_received',
    'follow_up',
    'terminated',
    'closed',
  ],
  /** 行政诉讼监督 (DOMAIN.md §5): 受理 → 审查 → 决定 (documents to the court) → the court's answer. */
  litigation: [
    'registered',
    'reviewing',
    'suspended',
    'decision_issued',
    'awaiting_response',
    'response_received',
    'follow_up',
    'not_supported',
    'terminated',
    'closed',
  ],
} as const satisfies Record<CaseKind, readonly string[]>;
export type CaseState = (typeof CASE_STATES)[CaseKind][number];

export const CASE_ACTIONS = [
  'assign',
  'suspend',
  'resume',
  'complete_report',
  'issue_opinion',
  'issue_suggestion',
  'terminate',
  'serve',
  'object',
  'uphold_objection',
  'reject_objection',
  'record_reply',
  'close',
  'follow_up',
  'issue_follow_up',
  'escalate',
  /** 通报: report the neglect to the recipient's superior, the government, the congress … (escalation.ts). */
  'notify_escalation',
  'issue_litigation_decision',
  'not_support',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface Transition {
  from: readonly CaseState[];
  to: CaseState | 'same';
}

const reverseConnection: Partial<Record<CaseAction, Transition>> = {
  assign: { from: ['registered'], to: 'under_review' },
  suspend: { from: ['under_review'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'under_review' },
  /** The 审查终结报告 is approved: the review clock stops. */
  complete_report: { from: ['under_review'], to: 'report_done' },
  issue_opinion: { from: ['report_done'], to: 'opinion_issued' },
  /** 终结审查决定书 approved: no sanction will be sought. */
  terminate: { from: ['report_done'], to: 'terminated' },
  /** Service of the opinion or of a follow-up letter starts the reply clock. */
  serve: { from: ['opinion_issued', 'follow_up'], to: 'awaiting_reply' },
  record_reply: { from: ['awaiting_reply'], to: 'reply_received' },
  /** The procurator finds the reply (or the silence) unsatisfactory: 跟进监督. */
  follow_up: { from: ['reply_received', 'awaiting_reply'], to: 'follow_up' },
  issue_follow_up: { from: ['follow_up'], to: 'same' },
  /** The follow-up failed: a procuratorial suggestion is needed, in an illegal-act case of its own. */
  escalate: { from: ['follow_up'], to: 'closed' },
  /** 通报 to the agency's superior or regulator, the congress …: recorded, the case stays in follow-up. */
  notify_escalation: { from: ['follow_up'], to: 'same' },
  close: { from: ['terminated', 'reply_received', 'follow_up'], to: 'closed' },
};

const illegalAct: Partial<Record<CaseAction, Transition>> = {
  assign: { from: ['registered'], to: 'investigating' },
  suspend: { from: ['investigating'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'investigating' },
  issue_suggestion: { from: ['investigating', 'follow_up'], to: 'suggestion_issued' },
  terminate: { from: ['investigating'], to: 'terminated' },
  serve: { from: ['suggestion_issued', 'follow_up'], to: 'awaiting_reply' },
  /** 异议 → immediate 复核 (检察建议工作规定 art. 23). */
  object: { from: ['awaiting_reply'], to: 'objection_review' },
  /** Upheld: the suggestion is withdrawn or revised, so the case returns to investigation. */
  uphold_objection: { from: ['objection_review'], to: 'investigating' },
  /** Rejected: reasons go to the recipient, the reply is still owed. */
  reject_objection: { from: ['objection_review'], to: 'awaiting_reply' },
  record_reply: { from: ['awaiting_reply', 'objection_review'], to: 'reply_received' },
  follow_up: { from: ['reply_received', 'awaiting_reply'], to: 'follow_up' },
  issue_follow_up: { from: ['follow_up'], to: 'same' },
  notify_escalation: { from: ['follow_up'], to: 'same' },
  close: { from: ['terminated', 'reply_received', 'follow_up'], to: 'closed' },
};

const litigation: Partial<Record<CaseAction, Transition>> = {
  assign: { from: ['registered'], to: 'reviewing' },
  suspend: { from: ['reviewing'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'reviewing' },
  /** 再审检察建议书, 抗诉书, 提请抗诉报告书 or a 检察建议书 approved: the review ends in a decision. */
  issue_litigation_decision: { from: ['reviewing'], to: 'decision_issued' },
  /** 不支持监督申请决定书 approved. */
  not_support: { from: ['reviewing'], to: 'not_supported' },
  /** 终结审查决定书 approved (the application withdrawn, the matter resolved …). */
  terminate: { from: ['reviewing'], to: 'terminated' },
  /** Service on the court (or the superior procuratorate, or the agency) starts its answer clock. */
  serve: { from: ['decision_issued', 'follow_up'], to: 'awaiting_response' },
  /** The court's answer (再审裁定, 改判, 回复 …), recorded by the procurator. */
  record_reply: { from: ['awaiting_response'], to: 'response_received' },
  follow_up: { from: ['response_received', 'awaiting_response'], to: 'follow_up' },
  issue_follow_up: { from: ['follow_up'], to: 'same' },
  notify_escalation: { from: ['follow_up'], to: 'same' },
  close: { from: ['terminated', 'not_supported', 'response_received', 'follow_up'], to: 'closed' },
};

const TRANSITIONS: Record<CaseKind, Partial<Record<CaseAction, Transition>>> = {
  reverse_connection: reverseConnection,
  illegal_act: illegalAct,
  litigation,
};

export class TransitionRefused extends Error {
  constructor(
    readonly kind: CaseKind,
    readonly state: string,
    readonly action: CaseAction,
    readonly allowedFrom: readonly string[],
  ) {
    super(
      allowedFrom.length === 0
        ? `a ${kind} case has no "${action}" step`
        : `"${action}" is possible only in state ${allowedFrom.join(' / ')}; the case is ${state}`,
    );
    this.name = 'TransitionRefused';
  }
}

/** The state after `action`, or TransitionRefused. */
export function transition(kind: CaseKind, state: string, action: CaseAction): CaseState {
  const t = TRANSITIONS[kind][action];
  if (!t || !(t.from as readonly string[]).includes(state)) throw new TransitionRefused(kind, state, action, t?.from ?? []);
  return t.to === 'same' ? (state as CaseState) : t.to;
}

/** Actions possible from a state, for the UI's buttons. */
export function availableActions(kind: CaseKind, state: string): CaseAction[] {
  return CASE_ACTIONS.filter((a) => (TRANSITIONS[kind][a]?.from as readonly string[] | undefined)?.includes(state));
}

export function isClosedState(state: string): boolean {
  return state === 'closed';
}

/** The first state of a newly filed case. */
export const INITIAL_CASE_STATE: CaseState = 'registered';

/** Replies: the agency's own account of what it did; the procurator evaluates it with the same scale. */
export const REPLY_RESULTS = ['adopted', 'partially_adopted', 'not_adopted'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];

export const NON_PROSECUTION_KINDS = ['statutory', 'discretionary', 'insufficient_evidence', 'conditional'] as const;
export type NonProsecutionKind = (typeof NON_PROSECUTION_KINDS)[number];

/** Who may take a case action; the policies add "and it is their case / their agency". */
export const ACTION_ROLES: Record<CaseAction, readonly Role[]> = {
  assign: ['department_head'],
  suspend: ['procurator'],
  resume: ['procurator'],
  complete_report: [],
  issue_opinion: [],
  issue_suggestion: [],
  terminate: [],
  serve: ['procurator'],
  object: ['agency_liaison'],
  uphold_objection: ['chief_prosecutor'],
  reject_objection: ['chief_prosecutor'],
  record_reply: ['agency_liaison', 'procurator'],
  close: ['procurator'],
  follow_up: ['procurator'],
  issue_follow_up: [],
  escalate: ['procurator'],
  notify_escalation: ['procurator', 'department_head'],
  issue_litigation_decision: [],
  not_support: [],
};
