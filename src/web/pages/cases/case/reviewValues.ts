import dayjs, { type Dayjs } from 'dayjs';
import { CHECKLIST_ITEMS, type ChecklistAnswer, type ChecklistItem, type ReviewForm } from '../../../../domain/cases/reviewForm';
import type { CaseKind } from '../../../../domain/cases/lifecycle';

const DATE = 'YYYY-MM-DD';

/** Yes / no / not known yet, for the form's three-way selects. */
export type Tristate = 'yes' | 'no' | 'unknown';

/** The review form as the page edits it: dates as pickers, lists as text with one item a line. */
export interface ReviewValues {
  facts: string;
  subjectAddress?: string;
  conclusion?: ReviewForm['conclusion'];
  objectionDays?: number | null;
  actDate?: Dayjs | null;
  continuingActEndDate?: Dayjs | null;
  discoveryDate?: Dayjs | null;
  severeHarm?: Tristate;
  checklist?: Partial<Record<ChecklistItem, { answer?: ChecklistAnswer['answer']; reason?: string }>>;
  criminalDepartmentView?: string;
  sanctionType?: ReviewForm['sanctionType'];
  proposedSanction?: string;
  sanctionProvisions?: string;
  opinionsHeard?: { who?: string; date?: Dayjs | null; form?: string; summary?: string }[];
  /** Nobody was heard — said explicitly, unlike a list not filled in yet. */
  noOpinionsHeard?: boolean;
  criminalFileExamination?: string;
  riskAssessment?: string;
  followsCriminalDepartment?: Tristate;
  departureReasons?: string;
  evidence?: string;
  terminationReasons?: string;
  copyTo?: string;
  origin?: string;
  problems?: string;
  causes?: string;
  corrections?: string;
  legalBasis?: string;
  investigationNotes?: { date?: Dayjs | null; note?: string }[];
}

const day = (iso: string | null | undefined) => (iso ? dayjs(iso, DATE) : null);
const iso = (value: Dayjs | null | undefined) => (value ? value.format(DATE) : null);
const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const text = (list: string[] | undefined) => (list ?? []).join('\n');
const nullable = (value: string | undefined) => (value?.trim() ? value.trim() : null);
const tristate = (value: boolean | null | undefined): Tristate => (value === true ? 'yes' : value === false ? 'no' : 'unknown');
const boolean = (value: Tristate | undefined) => (value === 'yes' ? true : value === 'no' ? false : null);

/** The opinions heard; [] only when the reviewer said nobody was heard, otherwise absent while empty. */
function opinionsHeardOf(values: ReviewValues): ReviewForm['opinionsHeard'] {
  const heard = (values.opinionsHeard ?? [])
    .filter((o) => o?.who?.trim())
    .map((o) => ({ who: o.who!.trim(), date: iso(o.date) ?? '', form: o.form?.trim() ?? '', summary: o.summary?.trim() ?? '' }));
  if (heard.length > 0) return heard;
  return values.noOpinionsHeard ? [] : undefined;
}

export function reviewValuesOf(facts: string, review: ReviewForm): ReviewValues {
  return {
    facts,
    subjectAddress: review.subjectAddress ?? '',
    conclusion: review.conclusion ?? null,
    objectionDays: review.objectionDays ?? null,
    actDate: day(review.actDate),
    continuingActEndDate: day(review.continuingActEndDate),
    discoveryDate: day(review.discoveryDate),
    severeHarm: tristate(review.severeHarm),
    checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { answer: review.checklist?.[item]?.answer ?? null, reason: review.checklist?.[item]?.reason ?? '' }])),
    criminalDepartmentView: review.criminalDepartmentView ?? '',
    sanctionType: review.sanctionType ?? null,
    proposedSanction: review.proposedSanction ?? '',
    sanctionProvisions: text(review.sanctionProvisions),
    opinionsHeard: (review.opinionsHeard ?? []).map((o) => ({ who: o.who, date: day(o.date), form: o.form, summary: o.summary })),
    noOpinionsHeard: Array.isArray(review.opinionsHeard) && review.opinionsHeard.length === 0,
    criminalFileExamination: review.criminalFileExamination ?? '',
    riskAssessment: review.riskAssessment ?? '',
    followsCriminalDepartment: tristate(review.followsCriminalDepartment),
    departureReasons: review.departureReasons ?? '',
    evidence: text(review.evidence),
    terminationReasons: text(review.terminationReasons),
    copyTo: text(review.copyTo),
    origin: review.origin ?? '',
    problems: text(review.problems),
    causes: review.causes ?? '',
    corrections: text(review.corrections),
    legalBasis: text(review.legalBasis),
    investigationNotes: (review.investigationNotes ?? []).map((n) => ({ date: day(n.date), note: n.note })),
  };
}

/**
 * The stored review form from the page's values. Only the fields the page shows for this kind
 * are written; the caller keeps the others as they were. Empty rows of the lists are dropped.
 */
export function reviewFormOf(values: ReviewValues, kind: CaseKind): ReviewForm {
  const common: ReviewForm = {
    actDate: iso(values.actDate),
    evidence: lines(values.evidence),
    terminationReasons: lines(values.terminationReasons),
    copyTo: lines(values.copyTo),
    investigationNotes: (values.investigationNotes ?? [])
      .filter((n) => n?.note?.trim())
      .map((n) => ({ date: iso(n.date) ?? '', note: n.note!.trim() })),
  };
  // Litigation supervision records the problems found in the decision or the court's conduct like an illegal-act case.
  if (kind === 'illegal_act' || kind === 'litigation') {
    return {
      ...common,
      ...(kind === 'illegal_act' && { objectionDays: values.objectionDays ?? null }),
      origin: nullable(values.origin),
      problems: lines(values.problems),
      causes: nullable(values.causes),
      corrections: lines(values.corrections),
      legalBasis: lines(values.legalBasis),
    };
  }
  return {
    ...common,
    subjectAddress: nullable(values.subjectAddress),
    conclusion: values.conclusion ?? null,
    continuingActEndDate: iso(values.continuingActEndDate),
    discoveryDate: iso(values.discoveryDate),
    severeHarm: boolean(values.severeHarm),
    checklist: Object.fromEntries(
      CHECKLIST_ITEMS.filter((item) => values.checklist?.[item]?.answer || values.checklist?.[item]?.reason?.trim()).map((item) => [
        item,
        { answer: values.checklist![item]!.answer ?? null, reason: values.checklist![item]!.reason?.trim() ?? '' },
      ]),
    ),
    criminalDepartmentView: nullable(values.criminalDepartmentView),
    sanctionType: values.sanctionType ?? null,
    proposedSanction: nullable(values.proposedSanction),
    sanctionProvisions: lines(values.sanctionProvisions),
    opinionsHeard: opinionsHeardOf(values),
    criminalFileExamination: nullable(values.criminalFileExamination),
    riskAssessment: nullable(values.riskAssessment),
    followsCriminalDepartment: boolean(values.followsCriminalDepartment),
    departureReasons: nullable(values.departureReasons),
  };
}
