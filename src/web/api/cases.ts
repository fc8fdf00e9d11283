import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// The domain files themselves, not domain/cases/index: that one also brings the name
// normalization (OpenCC, pinyin) into the browser bundle.
import type { CaseAction, CaseKind, ClueSource, ClueStatus, NonProsecutionKind, ReplyResult } from '../../domain/cases/lifecycle';
import type { DocumentState } from '../../domain/cases/documentFlow';
import type { ReviewForm } from '../../domain/cases/reviewForm';
import type { ClockCode, ClockEvent, ClockStatus, DueExplanation, PauseReason } from '../../domain/deadlines';
import type { DocumentContent, DocumentType, SuggestionKind } from '../../domain/documents/types';
import type { AgeResult, LimitationResult, Localized, NonProsecutionKindResult, TransferResult } from '../../domain/reverseConnection/checks';
import type {
  ApplicantRole,
  CommitteeOutcome,
  CourtDecision,
  CourtOutcome,
  ExOfficioGround,
  LitigationSuggestionKind,
  SupervisionType,
  WindowStatus,
} from '../../domain/litigation';
import { api, withQuery } from './client';
import type { Page } from './types';

/** The shapes of server/presenters/cases.ts. */

export type { CaseAction, CaseKind, ClueSource, ClueStatus, DocumentContent, DocumentState, DocumentType, NonProsecutionKind, PauseReason, ReplyResult, ReviewForm, SuggestionKind };
export type { ApplicantRole, CommitteeOutcome, CourtDecision, CourtOutcome, ExOfficioGround, LitigationSuggestionKind, SupervisionType, WindowStatus };

export interface Ref {
  id: string;
  name: string;
}

export interface NonProsecution {
  decisionNo: string;
  decidedOn: string;
  kind: NonProsecutionKind;
  charge: string;
  facts: string;
  actDate: string | null;
  transferredOn: string | null;
  criminalDepartmentView: string | null;
  procuratorate: string | null;
}

/** The 3-working-day check of a non-prosecution decision's transfer (domain/reverseConnection/checks). */
export type TransferCheck = TransferResult;

/** The application for supervision (or ex-officio matter) of a litigation clue or case; applicant masked unless unmasked. */
export interface Litigation {
  supervisionType: SupervisionType;
  applicant: { name: string; idNumber: string | null; role: ApplicantRole; contact: string | null } | null;
  exOfficioGround: ExOfficioGround | null;
  court: Ref | null;
  courtDecisions: CourtDecision[];
  grounds: string;
  windowOverride: { reason: string; by: string; on: string; status?: string; due?: string | null } | null;
  window: WindowStatus;
}

/** 检察委员会: its decision on an outcome of a litigation case. */
export interface CommitteeDecision {
  id: string;
  meetingOn: string;
  session: string;
  outcome: CommitteeOutcome;
  decision: 'approved' | 'rejected';
  minutes: string;
  recordedBy: string;
}

/** 听证 */
export interface Hearing {
  id: string;
  heldOn: string;
  place: string;
  presiding: string;
  participants: { name: string; role: string }[];
  summary: string;
  conclusion: string | null;
  recordedBy: string;
}

/** A court or another procuratorate (GET /api/litigation/courts). */
export interface Court {
  id: string;
  name: string;
  shortName: string | null;
  kind: 'court' | 'external_procuratorate';
}

/** What identifies an application for the window check (POST /api/litigation/window-check). */
export interface WindowCheckInput {
  supervisionType: SupervisionType;
  applicant: { name: string; role: ApplicantRole } | null;
  exOfficioGround?: ExOfficioGround | null;
  courtDecisions: CourtDecision[];
  appliedOn?: string;
}

export interface LitigationClueInput {
  supervisionType: SupervisionType;
  applicant: { name: string; idNumber: string | null; role: ApplicantRole; contact: string | null } | null;
  exOfficioGround: ExOfficioGround | null;
  courtId: string | null;
  agencyId: string | null;
  courtDecisions: CourtDecision[];
  grounds: string;
  title?: string;
  receivedOn?: string;
}

export interface Clue {
  id: string;
  number: string;
  source: ClueSource;
  status: ClueStatus;
  title: string;
  summary: string;
  subjectName: string | null;
  subjectIdNumber: string | null;
  matter: string;
  agency: Ref | null;
  submittedBy: Ref | null;
  hitId: string | null;
  /** From a model hit: modelId, modelVersion, runId, asOf, rules, evidence, subject; merged clues under `merged:<number>`. */
  evidence: Record<string, unknown>;
  nonProsecution: NonProsecution | null;
  transfer: TransferCheck | null;
  litigation: Litigation | null;
  receivedOn: string;
  assignee: Ref | null;
  evaluation: string | null;
  decisionReason: string | null;
  mergedIntoId: string | null;
  caseId: string | null;
  createdBy: string;
  createdAt: string;
  version: number;
  masked: boolean;
}

/** A possible duplicate, as the register finds it (server rows, hence snake_case). */
export interface DuplicateClue {
  id: string;
  number: string;
  title: string;
  status: ClueStatus;
  source: ClueSource;
  received_on: string;
}

export interface ClueDetail extends Clue {
  duplicates: DuplicateClue[];
}

export interface ClueFilter {
  page: number;
  pageSize: number;
  status?: ClueStatus;
  source?: ClueSource;
  q?: string;
}

export interface NonProsecutionInput {
  decisionNo: string;
  decidedOn: string;
  kind: NonProsecutionKind;
  charge: string;
  facts?: string;
  actDate?: string | null;
  transferredOn?: string | null;
  criminalDepartmentView?: string | null;
}

export interface ClueInput {
  source?: ClueSource;
  title: string;
  summary?: string;
  subjectName?: string | null;
  subjectIdNumber?: string | null;
  matter?: string | null;
  agencyId?: string | null;
  receivedOn?: string;
  nonProsecution?: NonProsecutionInput | null;
}

export interface SyncResult {
  read: number;
  created: number;
  alreadyRegistered: number;
  problem: string | null;
}

/** A clock as the server sees it today: `unknown` when the calendar of a year is not loaded. */
export type ClockView = ClockStatus | { status: 'unknown'; problem: string };

export interface Clock {
  id: string;
  code: ClockCode;
  documentId: string | null;
  events: ClockEvent[];
  due: string | null;
  stoppedOn: string | null;
  status: ClockView;
  explanation: DueExplanation | null;
}

export interface CaseListItem {
  id: string;
  number: string;
  kind: CaseKind;
  state: string;
  title: string;
  subjectName: string | null;
  agency: Ref | null;
  procurator: Ref | null;
  registeredOn: string;
  nextDue: string | null;
  overdue: boolean;
  version: number;
}

export interface CaseFilter {
  page: number;
  pageSize: number;
  state?: string;
  kind?: CaseKind;
  agencyId?: string;
  mine?: boolean;
  q?: string;
}

export interface DocumentSummary {
  id: string;
  type: DocumentType;
  suggestionKind: SuggestionKind | LitigationSuggestionKind | null;
  state: DocumentState;
  number: string | null;
  title: string;
  recipientId: string | null;
  approvedOn: string | null;
  servedOn: string | null;
  receivedOn: string | null;
  version: number;
}

export interface Reply {
  id: string;
  documentId: string;
  result: ReplyResult;
  summary: string;
  reasons: string | null;
  /** Litigation documents: what the court (or the superior procuratorate, or the agency) did. */
  courtOutcome: CourtOutcome | null;
  penalty: { decisionNo: string | null; type: string | null; amount: number | null; date: string | null } | null;
  repliedOn: string;
  submittedBy: string;
  evaluation: ReplyResult | null;
  evaluationNote: string | null;
  evaluatedOn: string | null;
}

export type ObjectionState = 'pending' | 'upheld' | 'rejected';

export interface Objection {
  id: string;
  documentId: string;
  grounds: string;
  raisedOn: string;
  raisedBy: string;
  state: ObjectionState;
  decisionReasons: string | null;
  decidedOn: string | null;
}

export interface CaseEvent {
  id: number;
  type: string;
  occurredOn: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

interface CaseBase {
  id: string;
  number: string;
  kind: CaseKind;
  state: string;
  title: string;
  subjectName: string | null;
  subjectIdNumber: string | null;
  agency: Ref | null;
  registeredOn: string;
  closedOn: string | null;
  outcome: string | null;
  documents: (DocumentSummary & { recipient: Ref | null })[];
  replies: Reply[];
  objections: Objection[];
  clocks: Clock[];
  version: number;
  masked: boolean;
}

/** What an agency sees of a case: the documents served on it, its replies and their clocks. */
export interface OutwardCase extends CaseBase {
  outward: true;
}

export interface InternalCase extends CaseBase {
  outward: false;
  procurator: Ref | null;
  facts: string;
  review: ReviewForm & Record<string, unknown>;
  closingReason: string | null;
  clue: { id: string; number: string; source: ClueSource; nonProsecution: NonProsecution | null; transfer: TransferCheck | null; hitId: string | null } | null;
  litigation: Litigation | null;
  committeeDecisions: CommitteeDecision[];
  hearings: Hearing[];
  events: CaseEvent[];
  actions: CaseAction[];
}

export type CaseDetail = OutwardCase | InternalCase;

export type ApprovalStep = 'submitted' | 'head_approved' | 'chief_approved' | 'returned';

export interface Approval {
  step: ApprovalStep;
  by: string;
  byName: string;
  at: string;
  comment: string | null;
}

export interface DocumentDetail extends DocumentSummary {
  recipient: Ref | null;
  content: DocumentContent;
  approvals: Approval[];
  draftedBy: string;
  replyMonths: number | null;
  serviceMethod: 'written' | 'announced' | null;
  case: { id: string; number: string; kind: CaseKind; state: string; title: string; version: number };
  replies: Reply[];
  objections: Objection[];
  clocks: Clock[];
}

export interface InboxItem {
  id: string;
  type: DocumentType;
  number: string | null;
  title: string;
  state: DocumentState;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  servedOn: string | null;
  receivedOn: string | null;
  due: string | null;
  repliedOn: string | null;
  clock: ClockView | null;
}

export type InboxStatus = 'open' | 'answered';

export interface OverdueItem {
  clockId: string;
  code: ClockCode;
  due: string;
  daysOverdue: number | null;
  documentId: string | null;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  caseState: string;
  agency: Ref | null;
  procurator: Ref | null;
}

/** A penalty of the person found in shared data (ID numbers masked by the server). */
export interface FoundPenalty {
  decisionNo: string;
  agency: string | null;
  decidedOn: string | null;
  fine: string | null;
  partyName: string | null;
  probablySameAct: boolean;
  dataset: { id: string; name: string; version: number };
}

/** The computable review items of a case (GET /api/cases/:id/review-checks): flags, never decisions. */
export interface ReviewChecks {
  asOf: string;
  limitation: LimitationResult;
  age: AgeResult;
  nonProsecutionKind: NonProsecutionKindResult | null;
  transfer: TransferResult | null;
  priorPenalties:
    | { status: 'no_id_number' | 'invalid_id_number' | 'no_dataset' | 'not_visible' }
    | { status: 'searched'; result: { penalties: FoundPenalty[]; probablySameAct: number; needsLegalReview: boolean; notes: Localized[] } };
}

export interface Assignees {
  procurators: { id: string; displayName: string; departmentName: string | null }[];
  agencies: { id: string; name: string; shortName: string }[];
}

export interface ReplyInput {
  result: ReplyResult;
  summary: string;
  reasons?: string | null;
  penaltyDecisionNo?: string | null;
  penaltyType?: string | null;
  penaltyAmount?: number | null;
  penaltyDate?: string | null;
  repliedOn?: string;
  /** What the reply confirms recovered (indicators "money recovered", "units reclaimed"). */
  recoveredAmount?: number | null;
  recoveredOn?: string | null;
  unitsReclaimed?: number | null;
  areaReclaimed?: number | null;
  reclaimedOn?: string | null;
  /** Litigation documents: required; the result follows from it. */
  courtOutcome?: CourtOutcome | null;
}

/** Case steps taken by POST /api/cases/:id/<step>, each with the case version and the date it counts on. */
interface CaseStepBodies {
  assign: { procuratorId: string };
  suspend: { ground: string; resumptionCondition?: string | null };
  resume: { note?: string | null };
  'clock-pauses': { reason: PauseReason; note?: string | null; resume?: boolean };
  extension: { days: number; note?: string | null };
  'follow-up': { reason: string };
  close: { reason: string; outcome?: string | null };
}
type CaseStep = keyof CaseStepBodies;

const CLUES_KEY = ['clues'] as const;
const CASES_KEY = ['cases'] as const;
const DOCUMENTS_KEY = ['documents'] as const;
const INBOX_KEY = ['inbox'] as const;

const unmaskParam = (unmask: boolean) => (unmask ? 1 : undefined);

// ── clues ─────────────────────────────────────────────────────────────────────────────────

export function useClues(filter: ClueFilter) {
  return useQuery({
    queryKey: [...CLUES_KEY, 'list', filter],
    queryFn: () => api.get<Page<Clue>>(withQuery('/api/clues', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

/** The XLSX of the register with the list's filters (a plain GET: a link downloads it). */
export function cluesExportUrl(filter: ClueFilter): string {
  return withQuery('/api/clues.xlsx', { status: filter.status, source: filter.source, q: filter.q });
}

export function useClue(id: string, unmask = false) {
  return useQuery({
    queryKey: [...CLUES_KEY, id, unmask],
    queryFn: () => api.get<ClueDetail>(withQuery(`/api/clues/${id}`, { unmask: unmaskParam(unmask) })),
    placeholderData: keepPreviousData,
  });
}

/** Clue changes can file a case: clue and case lists both go stale. */
function useInvalidateCaseWork() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([CLUES_KEY, CASES_KEY, DOCUMENTS_KEY, INBOX_KEY, ['me', 'work']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/**
 * The refetch is started, not awaited: a step often settles what the page shows (a filed clue
 * loses its decision panel), and the caller's own onSuccess (e.g. opening the new case) must run
 * before the component that called it goes away.
 */
function useCaseWorkMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const invalidate = useInvalidateCaseWork();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void invalidate();
    },
  });
}

export function useRegisterClue() {
  return useCaseWorkMutation((input: ClueInput) => api.post<{ clue: Clue; duplicates: DuplicateClue[] }>('/api/clues', input));
}

/** A confirmed model hit enters the register, carrying its evidence. */
export function useRegisterHitClue() {
  return useCaseWorkMutation(({ hitId, agencyId }: { hitId: string; agencyId?: string | null }) =>
    api.post<{ clue: Clue; duplicates: DuplicateClue[] }>(`/api/hits/${hitId}/clue`, { agencyId: agencyId ?? null }),
  );
}

export function useSyncNonProsecution() {
  return useCaseWorkMutation(() => api.post<SyncResult>('/api/clues/sync-non-prosecution'));
}

export function useEvaluateClue() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; evaluation: string; assigneeId?: string | null; agencyId?: string | null }) =>
    api.post<Clue>(`/api/clues/${id}/evaluation`, body),
  );
}

export function useDeclineClue() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; reason: string }) => api.post<Clue>(`/api/clues/${id}/decline`, body));
}

export function useMergeClue() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; intoId: string }) => api.post<Clue>(`/api/clues/${id}/merge`, body));
}

export function useFileCase() {
  return useCaseWorkMutation(
    ({ id, ...body }: { id: string; version: number; kind: CaseKind; agencyId: string; procuratorId?: string | null; registeredOn?: string; title?: string; windowOverrideReason?: string | null }) =>
      api.post<{ id: string; number: string; state: string }>(`/api/clues/${id}/case`, body),
  );
}

// ── cases ─────────────────────────────────────────────────────────────────────────────────

export function useCases(filter: CaseFilter) {
  return useQuery({
    queryKey: [...CASES_KEY, 'list', filter],
    queryFn: () => api.get<Page<CaseListItem>>(withQuery('/api/cases', { ...filter, mine: filter.mine ? 1 : undefined })),
    placeholderData: keepPreviousData,
  });
}

export function casesExportUrl(filter: CaseFilter): string {
  return withQuery('/api/cases.xlsx', { state: filter.state, kind: filter.kind, agencyId: filter.agencyId, mine: filter.mine ? 1 : undefined, q: filter.q });
}

export function useCase(id: string, unmask = false, enabled = true) {
  return useQuery({
    queryKey: [...CASES_KEY, id, unmask],
    queryFn: () => api.get<CaseDetail>(withQuery(`/api/cases/${id}`, { unmask: unmaskParam(unmask) })),
    placeholderData: keepPreviousData,
    enabled: enabled && id !== '',
  });
}

export function useOverdue(page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...CASES_KEY, 'overdue', page],
    queryFn: () => api.get<Page<OverdueItem>>(withQuery('/api/cases/overdue', { ...page })),
    placeholderData: keepPreviousData,
  });
}

/** Procurators to assign and agencies to name: changes rarely. */
export function useAssignees(enabled = true) {
  return useQuery({
    queryKey: [...CASES_KEY, 'assignees'],
    queryFn: () => api.get<Assignees>('/api/cases/assignees'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Asked on demand: the prior-penalty lookup reads shared data and is written to the audit log. */
export function useReviewChecks(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CASES_KEY, caseId, 'review-checks'],
    queryFn: () => api.get<ReviewChecks>(`/api/cases/${caseId}/review-checks`),
    enabled,
    staleTime: 0,
  });
}

export function useSaveReview() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; facts?: string; title?: string; review?: Record<string, unknown> }) =>
    api.patch<InternalCase>(`/api/cases/${id}/review`, body),
  );
}

/** One step with its own body, e.g. `{ step: 'suspend', ground, … }`. */
export type CaseStepInput = { [S in CaseStep]: { id: string; step: S; version: number; on?: string } & CaseStepBodies[S] }[CaseStep];

export function useCaseStep() {
  return useCaseWorkMutation(({ id, step, ...body }: CaseStepInput) => api.post<InternalCase>(`/api/cases/${id}/${step}`, body));
}

/** 转检察建议案件: the follow-up failed; an illegal-act case opens and this one closes. */
export function useEscalateCase() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; reason: string; on?: string }) =>
    api.post<{ id: string; number: string; state: string }>(`/api/cases/${id}/escalate`, body),
  );
}

export function useEvaluateReply() {
  return useCaseWorkMutation(
    ({ replyId, ...body }: { replyId: string; evaluation: ReplyResult; note?: string | null; next: 'close' | 'follow_up'; caseVersion: number; on?: string }) =>
      api.post<InternalCase>(`/api/replies/${replyId}/evaluation`, body),
  );
}

export function useDecideObjection() {
  return useCaseWorkMutation(
    ({ objectionId, ...body }: { objectionId: string; decision: 'upheld' | 'rejected'; reasons: string; caseVersion: number; on?: string }) =>
      api.post<InternalCase>(`/api/objections/${objectionId}/decision`, body),
  );
}

// ── documents ─────────────────────────────────────────────────────────────────────────────

export function useDocument(id: string) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, id],
    queryFn: () => api.get<DocumentDetail>(`/api/documents/${id}`),
  });
}

export function documentDocxUrl(id: string): string {
  return `/api/documents/${id}/docx`;
}

export function useDraftDocument() {
  return useCaseWorkMutation(
    ({ caseId, ...body }: { caseId: string; type: DocumentType; suggestionKind?: SuggestionKind | LitigationSuggestionKind | null; recipientId?: string | null; replyMonths?: number | null }) =>
      api.post<DocumentDetail>(`/api/cases/${caseId}/documents`, body),
  );
}

export function useEditDocument() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; content: DocumentContent; replyMonths?: number | null }) =>
    api.put<DocumentDetail>(`/api/documents/${id}`, body),
  );
}

/** The steps of a draft and its approval: redraft (fill again from the case) and submit by the
 * drafter, approve and return by the head and the chief. */
export function useDocumentStep() {
  return useCaseWorkMutation(
    ({ id, step, ...body }: { id: string; step: 'redraft' | 'submit' | 'approve' | 'return'; version: number; comment?: string | null; on?: string }) =>
      api.post<DocumentDetail>(`/api/documents/${id}/${step}`, body),
  );
}

export function useServeDocument() {
  return useCaseWorkMutation(({ id, ...body }: { id: string; version: number; servedOn?: string; receivedOn?: string; method: 'written' | 'announced' }) =>
    api.post<DocumentDetail>(`/api/documents/${id}/serve`, body),
  );
}

export function useSubmitReply() {
  return useCaseWorkMutation(({ documentId, ...body }: ReplyInput & { documentId: string }) => api.post<DocumentDetail>(`/api/documents/${documentId}/replies`, body));
}

export function useRaiseObjection() {
  return useCaseWorkMutation(({ documentId, ...body }: { documentId: string; grounds: string; raisedOn?: string }) =>
    api.post<DocumentDetail>(`/api/documents/${documentId}/objections`, body),
  );
}

// ── the agency's inbox ───────────────────────────────────────────────────────────────────

/** The agency's own figures, by document type. */
export interface InboxSummaryRow {
  type: DocumentType;
  received: number;
  replied: number;
  repliedOnTime: number;
  open: number;
  overdue: number;
  adopted: number;
  partiallyAdopted: number;
  notAdopted: number;
}

export function useInboxSummary() {
  return useQuery({
    queryKey: [...INBOX_KEY, 'summary'],
    queryFn: () => api.get<{ items: InboxSummaryRow[] }>('/api/inbox/summary'),
  });
}

export function useInbox(filter: { page: number; pageSize: number; status?: InboxStatus }) {
  return useQuery({
    queryKey: [...INBOX_KEY, filter],
    queryFn: () => api.get<Page<InboxItem>>(withQuery('/api/inbox', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

// ── litigation supervision (行政诉讼监督) ────────────────────────────────────────────────

/** Courts and other procuratorates litigation documents go to: changes rarely. */
export function useCourts(enabled = true) {
  return useQuery({
    queryKey: [...CASES_KEY, 'courts'],
    queryFn: () => api.get<{ items: Court[] }>('/api/litigation/courts'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The 6-month window of an application as its dates stand (null: not enough to ask yet). */
export function useWindowCheck(input: WindowCheckInput | null) {
  return useQuery({
    queryKey: [...CLUES_KEY, 'window-check', input],
    queryFn: () => api.post<WindowStatus & { appliedOn: string }>('/api/litigation/window-check', input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useRegisterLitigationClue() {
  return useCaseWorkMutation((input: LitigationClueInput) => api.post<{ clue: Clue; duplicates: DuplicateClue[] }>('/api/litigation/clues', input));
}

export function useRecordHearing() {
  return useCaseWorkMutation(
    ({ caseId, ...body }: { caseId: string; version: number; heldOn: string; place: string; presiding: string; participants: { name: string; role: string }[]; summary: string; conclusion?: string | null }) =>
      api.post<InternalCase>(`/api/cases/${caseId}/hearings`, body),
  );
}

export function useRecordCommitteeDecision() {
  return useCaseWorkMutation(
    ({ caseId, ...body }: { caseId: string; version: number; meetingOn: string; session: string; outcome: CommitteeOutcome; decision: 'approved' | 'rejected'; minutes: string }) =>
      api.post<InternalCase>(`/api/cases/${caseId}/committee-decisions`, body),
  );
}
