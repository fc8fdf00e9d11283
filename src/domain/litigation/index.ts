/**
 * Administrative litigation supervision (行政诉讼监督, DOMAIN.md §5): what an application or an
 * ex-officio case records, the 6-month application window, which outcomes need a procuratorial
 * committee (检察委员会) decision, and the court's answers.
 *
 * Law: 行政诉讼法 art. 93; 人民检察院行政诉讼监督规则 (2021). A party first asks the court for a
 * retrial; after the court refuses it, the party may apply to the procuratorate within 6 months
 * of SERVICE of the refusal (not of its date). The procuratorate may also act on its own
 * (依职权) where state or public interest or judicial corruption is involved.
 */
import type { IsoDate } from '../calendar/isoDate';
import { computeDue, clockDefinition, type DeadlineSettings } from '../deadlines';
import type { HolidayCalendar } from '../calendar';

/** What is supervised. */
export const SUPERVISION_TYPES = [
  /** 生效裁判监督: an effective judgment, ruling or mediation statement. */
  'effective_judgment',
  /** 审判人员违法行为 / 审判程序违法监督. */
  'trial_conduct',
  /** 执行活动监督: the court's enforcement of judgments. */
  'court_enforcement',
  /** 行政非诉执行监督: enforcement of agency decisions through the court. */
  'non_litigation_enforcement',
] as const;
export type SupervisionType = (typeof SUPERVISION_TYPES)[number];

/** Court decisions an application concerns. */
export const COURT_DECISION_KINDS = [
  'first_instance_judgment',
  'second_instance_judgment',
  'ruling',
  'mediation',
  'retrial_refusal',
  'enforcement_ruling',
] as const;
export type CourtDecisionKind = (typeof COURT_DECISION_KINDS)[number];

export interface CourtDecision {
  kind: CourtDecisionKind;
  court: string;
  /** e.g. (2025)京0105行初123号 */
  caseNo: string;
  decidedOn: IsoDate;
  /** Service on the applicant; the window runs from the service of the retrial refusal. */
  servedOn: IsoDate | null;
}

/** Grounds for acting without an application (依职权监督). */
export const EX_OFFICIO_GROUNDS = ['state_interest', 'public_interest', 'judicial_misconduct', 'other'] as const;
export type ExOfficioGround = (typeof EX_OFFICIO_GROUNDS)[number];

export const APPLICANT_ROLES = ['plaintiff', 'defendant', 'third_party', 'other'] as const;
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

/** What a litigation-supervision clue records (stored on the clue, read by its case). */
export interface LitigationFacts {
  supervisionType: SupervisionType;
  /** null for an ex-officio case. */
  applicant: { name: string; idNumber: string | null; role: ApplicantRole; contact: string | null } | null;
  exOfficioGround: ExOfficioGround | null;
  /** The court whose decision or conduct is supervised (an organization of kind court). */
  courtId: string | null;
  courtDecisions: CourtDecision[];
  /** 申请理由 / 监督理由 */
  grounds: string;
  /** Set when the case was accepted although the window check failed. */
  windowOverride: { reason: string; by: string; on: IsoDate } | null;
}

export type WindowStatus =
  /** Applied within 6 months of service of the retrial refusal. */
  | { status: 'within'; due: IsoDate }
  /** Applied after the window closed. */
  | { status: 'late'; due: IsoDate }
  /** No served retrial refusal is recorded: the party has not (shown to have) asked the court first. */
  | { status: 'no_retrial_refusal'; due: null }
  /** The due date falls in a year whose holiday schedule is not loaded. */
  | { status: 'unknown'; due: null }
  /** Ex officio, or not an effective-judgment application: the window does not apply. */
  | { status: 'not_applicable'; due: null };

/**
 * The 6-month application window (DOMAIN §7 `litigation_application`): counted from the
 * service of the LATEST retrial refusal, by calendar months with the configured month-end and
 * rest-day rules. Only applications against effective judgments are bound by it.
 */
export function applicationWindow(
  facts: Pick<LitigationFacts, 'supervisionType' | 'applicant' | 'courtDecisions'>,
  appliedOn: IsoDate,
  calendar: HolidayCalendar,
  settings: DeadlineSettings = {},
): WindowStatus {
  if (!facts.applicant || facts.supervisionType !== 'effective_judgment') return { status: 'not_applicable', due: null };
  const served = facts.courtDecisions
    .filter((d) => d.kind === 'retrial_refusal' && d.servedOn)
    .map((d) => d.servedOn as IsoDate)
    .sort();
  const last = served.at(-1);
  if (!last) return { status: 'no_retrial_refusal', due: null };
  let due: IsoDate | null;
  try {
    due = computeDue(clockDefinition('litigation_application', settings), [{ type: 'start', on: last }], calendar);
  } catch {
    return { status: 'unknown', due: null };
  }
  if (!due) return { status: 'unknown', due: null };
  return appliedOn <= due ? { status: 'within', due } : { status: 'late', due };
}

/** Whether accepting the application needs a stated reason (the window check failed). */
export function windowNeedsOverride(status: WindowStatus): boolean {
  return status.status === 'late' || status.status === 'no_retrial_refusal';
}

/** Outward litigation documents and whom they go to. */
export const LITIGATION_SUGGESTION_KINDS = ['trial_irregularity', 'court_enforcement', 'agency_noncompliance'] as const;
export type LitigationSuggestionKind = (typeof LITIGATION_SUGGESTION_KINDS)[number];

/**
 * Outcomes decided by the procuratorial committee (检察委员会): retrial suggestions, protests and
 * requests for protest, and enforcement-supervision suggestions (DOMAIN §5).
 */
export function needsCommitteeDecision(type: string, suggestionKind: string | null): boolean {
  if (type === 'retrial_suggestion' || type === 'protest' || type === 'protest_request_report') return true;
  return type === 'litigation_suggestion' && suggestionKind === 'court_enforcement';
}

export const COMMITTEE_OUTCOMES = ['retrial_suggestion', 'protest', 'protest_request_report', 'litigation_suggestion', 'non_support_decision', 'termination_decision'] as const;
export type CommitteeOutcome = (typeof COMMITTEE_OUTCOMES)[number];

/**
 * What the court (or the superior procuratorate, for a request for protest) did: the
 * "change rate" (改变率) counts changed, remanded and mediated outcomes.
 */
export const COURT_OUTCOMES = ['changed', 'remanded', 'mediated', 'maintained', 'retrial_refused', 'protest_lodged', 'protest_declined', 'corrected', 'not_corrected'] as const;
export type CourtOutcome = (typeof COURT_OUTCOMES)[number];

export const CHANGED_OUTCOMES: readonly CourtOutcome[] = ['changed', 'remanded', 'mediated'];

/** The reply scale a court outcome implies, so replies of courts count like agencies' replies. */
export function replyResultOfCourtOutcome(outcome: CourtOutcome): 'adopted' | 'not_adopted' {
  return ['changed', 'remanded', 'mediated', 'protest_lodged', 'corrected'].includes(outcome) ? 'adopted' : 'not_adopted';
}

/** The outcomes that fit a document type. */
export function courtOutcomesFor(type: string): readonly CourtOutcome[] {
  if (type === 'retrial_suggestion' || type === 'protest') return ['changed', 'remanded', 'mediated', 'maintained', 'retrial_refused'];
  if (type === 'protest_request_report') return ['protest_lodged', 'protest_declined'];
  if (type === 'litigation_suggestion') return ['corrected', 'not_corrected'];
  return [];
}
