/**
 * How a procuratorial document moves from draft to service (DOMAIN.md §8): who approves each
 * type, in which case states it may be drafted, and which case step its final approval is.
 */
import type { DocumentType } from '../documents/types';
import type { OrganizationKind, Role } from '../roles';
import type { CaseAction, CaseKind } from './lifecycle';

export const DOCUMENT_STATES = ['draft', 'pending_head', 'pending_chief', 'approved', 'served', 'withdrawn'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

type Approver = 'department_head' | 'chief_prosecutor';

export interface DocumentRule {
  /** Approvers after the drafting procurator, in order. */
  chain: readonly Approver[];
  /** Case kinds and states in which it may be drafted. */
  draftIn: Partial<Record<CaseKind, readonly string[]>>;
  /** The case step taken when the last approver signs, if any. */
  onApproval: CaseAction | null;
  /** Numbered at approval (internal reports are not). */
  numbered: boolean;
  /** Served on the agency, which then owes a reply. */
  servedOnAgency: boolean;
  /** The reply clock started by service. */
  replyClock: 'opinion_reply' | 'suggestion_reply' | 'follow_up_reply' | 'court_response' | null;
  /** Kinds of organization it may be addressed to (served documents only). */
  recipientKinds: readonly OrganizationKind[];
}

const litigationDecision = (recipientKinds: readonly OrganizationKind[], replyClock: DocumentRule['replyClock']): DocumentRule => ({
  chain: ['department_head', 'chief_prosecutor'],
  draftIn: { litigation: ['reviewing'] },
  onApproval: 'issue_litigation_decision',
  numbered: true,
  servedOnAgency: true,
  replyClock,
  recipientKinds,
});

export const DOCUMENT_RULES: Record<DocumentType, DocumentRule> = {
  suspension_decision: {
    chain: ['department_head'],
    draftIn: { reverse_connection: ['under_review', 'suspended'], illegal_act: ['investigating', 'suspended'], litigation: ['reviewing', 'suspended'] },
    onApproval: null,
    numbered: true,
    servedOnAgency: false,
    replyClock: null,
    recipientKinds: [],
  },
  review_closing_report: {
    chain: ['department_head'],
    draftIn: { reverse_connection: ['under_review'] },
    onApproval: 'complete_report',
    numbered: false,
    servedOnAgency: false,
    replyClock: null,
    recipientKinds: [],
  },
  termination_decision: {
    chain: ['department_head', 'chief_prosecutor'],
    draftIn: { reverse_connection: ['report_done'], illegal_act: ['investigating'], litigation: ['reviewing'] },
    onApproval: 'terminate',
    numbered: true,
    servedOnAgency: false,
    replyClock: null,
    recipientKinds: [],
  },
  procuratorial_opinion: {
    chain: ['department_head', 'chief_prosecutor'],
    draftIn: { reverse_connection: ['report_done'] },
    onApproval: 'issue_opinion',
    numbered: true,
    servedOnAgency: true,
    replyClock: 'opinion_reply',
    recipientKinds: ['agency'],
  },
  procuratorial_suggestion: {
    chain: ['department_head', 'chief_prosecutor'],
    draftIn: { illegal_act: ['investigating', 'follow_up'] },
    onApproval: 'issue_suggestion',
    numbered: true,
    servedOnAgency: true,
    replyClock: 'suggestion_reply',
    recipientKinds: ['agency'],
  },
  follow_up_letter: {
    chain: ['department_head'],
    draftIn: { reverse_connection: ['follow_up'], illegal_act: ['follow_up'], litigation: ['follow_up'] },
    onApproval: 'issue_follow_up',
    numbered: true,
    servedOnAgency: true,
    replyClock: 'follow_up_reply',
    recipientKinds: ['agency', 'court', 'external_procuratorate'],
  },
  objection_review_notice: {
    chain: ['chief_prosecutor'],
    draftIn: { illegal_act: ['objection_review'] },
    onApproval: null,
    numbered: true,
    servedOnAgency: false,
    replyClock: null,
    recipientKinds: [],
  },
  // Litigation supervision (DOMAIN.md §5, §8): the outcomes of a review. Those the procuratorial
  // committee must decide are also checked against its decision record at the final approval.
  /** 再审检察建议书 to the court of the same level. */
  retrial_suggestion: litigationDecision(['court'], 'court_response'),
  /** 抗诉书 to the court. */
  protest: litigationDecision(['court'], 'court_response'),
  /** 提请抗诉报告书 to the superior procuratorate, which decides whether to protest. */
  protest_request_report: litigationDecision(['external_procuratorate'], 'court_response'),
  /** 检察建议书 on trial irregularities or court enforcement (to the court), or to an agency that
   * ignores a judgment. */
  litigation_suggestion: litigationDecision(['court', 'agency'], 'suggestion_reply'),
  /** 不支持监督申请决定书, sent to the applicant (not an organization). */
  non_support_decision: {
    chain: ['department_head', 'chief_prosecutor'],
    draftIn: { litigation: ['reviewing'] },
    onApproval: 'not_support',
    numbered: true,
    servedOnAgency: false,
    replyClock: null,
    recipientKinds: [],
  },
};

export function documentRule(type: string): DocumentRule {
  const rule = DOCUMENT_RULES[type as DocumentType];
  if (!rule) throw new Error(`unknown document type ${type}`);
  return rule;
}

export function mayDraft(type: string, kind: CaseKind, state: string): boolean {
  return documentRule(type).draftIn[kind]?.includes(state) ?? false;
}

/** The state a document enters when submitted, or after an approval; null = fully approved. */
export function nextApprovalState(type: string, current: DocumentState): DocumentState | null {
  const chain = documentRule(type).chain;
  const stateOf = (a: Approver): DocumentState => (a === 'department_head' ? 'pending_head' : 'pending_chief');
  if (current === 'draft') return stateOf(chain[0]);
  const at = chain.findIndex((a) => stateOf(a) === current);
  if (at < 0) throw new Error(`a ${type} in state ${current} is not awaiting approval`);
  return at + 1 < chain.length ? stateOf(chain[at + 1]) : null;
}

/** The role whose signature a pending document waits for. */
export function approverFor(state: DocumentState): Role | null {
  if (state === 'pending_head') return 'department_head';
  if (state === 'pending_chief') return 'chief_prosecutor';
  return null;
}
