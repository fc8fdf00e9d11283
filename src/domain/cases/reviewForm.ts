/**
 * The review form a procurator fills in on a case (DOMAIN.md §3 checklist, §4 investigation).
 * Stored as the case's `review` document; every answer carries its reason, and the drafts of
 * the case's documents are filled from it.
 */
export const CHECKLIST_ITEMS = [
  /** 1. 该不该罚: does a penalty norm cover the conduct? */
  'penalty_norm',
  /** 2. 需不需罚: is a penalty necessary? */
  'penalty_necessary',
  /** 3. Was this very act fined before (行政处罚法 art. 29)? */
  'prior_penalty',
  /** 4. Limitation (art. 36) — flagged for legal review, never decided by the system. */
  'limitation',
  /** 5. Age at the act (art. 30). */
  'age',
  /** 6. First minor violation / corrected promptly (art. 33). */
  'first_minor',
  /** 7. Sanctions already served (art. 35 set-off). */
  'set_off',
  /** 8. Kind of non-prosecution. */
  'non_prosecution_kind',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistAnswer {
  answer: 'yes' | 'no' | 'unsure' | null;
  reason: string;
}

export interface HeardOpinionEntry {
  who: string;
  date: string;
  form: string;
  summary: string;
}

export interface ReviewForm {
  /** The subject's address, for the particulars in documents. */
  subjectAddress?: string | null;
  /** Where the review ends: an opinion to the agency, or ending the review (closing report). */
  conclusion?: 'opinion' | 'termination' | null;
  /** Days the recipient has to object to a suggestion (a local rule; none nationally). */
  objectionDays?: number | null;
  actDate?: string | null;
  continuingActEndDate?: string | null;
  severeHarm?: boolean | null;
  discoveryDate?: string | null;
  checklist?: Partial<Record<ChecklistItem, ChecklistAnswer>>;
  criminalDepartmentView?: string | null;
  sanctionType?: 'penalty' | 'sanction' | 'confiscation' | null;
  proposedSanction?: string | null;
  sanctionProvisions?: string[];
  opinionsHeard?: HeardOpinionEntry[];
  criminalFileExamination?: string | null;
  riskAssessment?: string | null;
  followsCriminalDepartment?: boolean | null;
  departureReasons?: string | null;
  evidence?: string[];
  origin?: string | null;
  problems?: string[];
  causes?: string | null;
  corrections?: string[];
  legalBasis?: string[];
  copyTo?: string[];
  terminationReasons?: string[];
  investigationNotes?: { date: string; note: string }[];
}

/** Items the reviewer has not answered with a reason yet: the closing report waits for them. */
export function unansweredItems(form: ReviewForm, items: readonly ChecklistItem[] = CHECKLIST_ITEMS): ChecklistItem[] {
  return items.filter((item) => {
    const a = form.checklist?.[item];
    return !a || a.answer === null || !a.reason.trim();
  });
}
