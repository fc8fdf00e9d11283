/**
 * Escalation notices (通报, 抄送): the last step of the follow-up ladder (DOMAIN.md §4 step 10,
 * §3 `follow_up`). When an opinion, a suggestion or a follow-up letter is left unanswered or
 * answered without a good reason, the procurator reports it to the recipient's superior or
 * regulator, the government, the congress standing committee, the Party committee, the
 * supervision commission or the superior procuratorate, and tracks their answer.
 *
 * Which case states allow a new notice is the `notify_escalation` row of the lifecycle tables
 * (lifecycle.ts): `follow_up`, in every kind of case. Answering and closing a notice are steps of
 * the notice itself, possible whatever the case has become since (the answer of a congress
 * committee may arrive after the case was turned into a suggestion case).
 */

export const ESCALATION_RECIPIENT_KINDS = [
  'superior_agency', // 上级主管机关
  'regulator', // 监管部门
  'government', // 本级人民政府
  'peoples_congress', // 人大常委会
  'party_committee', // 党委
  'supervision_commission', // 纪委监委
  'superior_procuratorate', // 上级检察院
] as const;
export type EscalationRecipientKind = (typeof ESCALATION_RECIPIENT_KINDS)[number];

/** How the notice went out: a formal letter, by post, over the e-government network, handed over, or at a meeting. */
export const ESCALATION_METHODS = ['written', 'mail', 'electronic', 'in_person', 'meeting'] as const;
export type EscalationMethod = (typeof ESCALATION_METHODS)[number];

/** What the recipient of the notice answered: it acted, it will not, or it is still dealing with it. */
export const ESCALATION_OUTCOMES = ['action_taken', 'no_action', 'pending'] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

export const ESCALATION_STATUSES = ['sent', 'answered', 'closed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** The documents whose neglect can be reported: what the agency was asked to answer. */
export const ESCALATED_DOCUMENT_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion', 'follow_up_letter', 'litigation_suggestion', 'retrial_suggestion'] as const;

/** A date problem, named by the field it belongs to and a reason code the UI words. */
export interface DateProblem {
  field: string;
  reason: 'future' | 'before_service' | 'before_sent';
  message: string;
}

/**
 * The dates of a new notice: sent no later than today and not before the documents it concerns
 * were served; an expected answer not before it was sent.
 */
export function noticeDateProblems(input: { sentOn: string; today: string; servedOn: readonly string[]; answerExpectedBy?: string | null }): DateProblem[] {
  const problems: DateProblem[] = [];
  if (input.sentOn > input.today) problems.push({ field: 'sentOn', reason: 'future', message: 'The notice cannot be sent after today' });
  const lastServed = [...input.servedOn].sort().at(-1);
  if (lastServed && input.sentOn < lastServed) problems.push({ field: 'sentOn', reason: 'before_service', message: `The notice cannot precede the service of the document it reports (${lastServed})` });
  if (input.answerExpectedBy && input.answerExpectedBy < input.sentOn) problems.push({ field: 'answerExpectedBy', reason: 'before_sent', message: 'An answer cannot be expected before the notice is sent' });
  return problems;
}

/** The answer to a notice: not before the notice went out, not after today. */
export function answerDateProblems(input: { answeredOn: string; sentOn: string; today: string }): DateProblem[] {
  const problems: DateProblem[] = [];
  if (input.answeredOn > input.today) problems.push({ field: 'answeredOn', reason: 'future', message: 'The answer cannot be dated after today' });
  if (input.answeredOn < input.sentOn) problems.push({ field: 'answeredOn', reason: 'before_sent', message: `The answer cannot precede the notice (${input.sentOn})` });
  return problems;
}

/** Closing a notice: on or after it was sent (and answered), not after today. */
export function closingDateProblems(input: { closedOn: string; sentOn: string; answeredOn: string | null; today: string }): DateProblem[] {
  const problems: DateProblem[] = [];
  if (input.closedOn > input.today) problems.push({ field: 'closedOn', reason: 'future', message: 'The notice cannot be closed after today' });
  const earliest = input.answeredOn && input.answeredOn > input.sentOn ? input.answeredOn : input.sentOn;
  if (input.closedOn < earliest) problems.push({ field: 'closedOn', reason: 'before_sent', message: `The notice cannot be closed before ${earliest}` });
  return problems;
}

/**
 * The notice's own steps: an answer may be recorded (again, when a pending answer is followed by
 * a final one) until the notice is closed; a closed notice takes no more steps.
 */
export function noticeStatusAfter(status: EscalationStatus, step: 'answer' | 'close'): EscalationStatus | null {
  if (status === 'closed') return null;
  return step === 'answer' ? 'answered' : 'closed';
}

/** An expected answer still outstanding on `today`. */
export function answerOverdue(n: { status: EscalationStatus; answerExpectedBy: string | null }, today: string): boolean {
  return n.status === 'sent' && n.answerExpectedBy !== null && n.answerExpectedBy < today;
}
