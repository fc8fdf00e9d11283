import type { ColumnType, Generated } from 'kysely';
import type { ClockEvent } from '../../domain/deadlines/index.js';
import type { CaseKind, ClueSource, ClueStatus, DocumentState, ReplyResult } from '../../domain/cases/index.js';
import type { DocumentContent } from '../../domain/documents/types.js';
import type { CourtOutcome, LitigationFacts } from '../../domain/litigation/index.js';
import type { IndicatorCaseQueueTable, IndicatorClueFactsTable, IndicatorClueQueueTable, IndicatorDocumentFactsTable, IndicatorFactQueueTable, IndicatorReviewFactsTable } from './schemaIndicators.js';
import type { EscalationNoticesTable } from './schemaEscalations.js';
import type { GovernanceCaseFactsTable, GovernanceFactQueueTable } from './schemaGovernance.js';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: pg parses it on the way out; it goes in as JSON text. */
type Json<T = unknown> = ColumnType<T, string, string>;
type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>;
/** date columns come back as YYYY-MM-DD strings (type parser in db/index.ts). */
type DateColumn = string;

export interface NonProsecutionFacts {
  decisionNo: string;
  decidedOn: string;
  kind: 'statutory' | 'discretionary' | 'insufficient_evidence' | 'conditional';
  charge: string;
  facts: string;
  actDate: string | null;
  /** The day the criminal department handed the case over (the 3-working-day clock stops). */
  transferredOn: string | null;
  /** The criminal department's preliminary view on whether a penalty is due. */
  criminalDepartmentView: string | null;
  procuratorate: string | null;
}

export interface CluesTable {
  id: Generated<string>;
  procuratorate_id: string;
  number: string;
  source: ClueSource;
  source_key: string | null;
  status: ClueStatus;
  title: string;
  summary: Generated<string>;
  subject_name: string | null;
  subject_id_number: string | null;
  matter: Generated<string>;
  agency_id: string | null;
  submitted_by_organization_id: string;
  hit_id: string | null;
  evidence: JsonDefault<Record<string, unknown>>;
  non_prosecution: ColumnType<NonProsecutionFacts | null, string | null, string | null>;
  /** Litigation supervision: the application's or ex-officio matter's facts (migration 0010). */
  litigation: ColumnType<LitigationFacts | null, string | null | undefined, string | null>;
  /** The non-prosecution decision's date and transfer date (else received_on), kept equal to the JSON by a trigger (migration 0018). */
  np_decided_on: ColumnType<DateColumn | null, never, never>;
  np_transferred_on: ColumnType<DateColumn | null, never, never>;
  received_on: DateColumn;
  assignee_id: string | null;
  evaluation: string | null;
  decision_reason: string | null;
  merged_into_id: string | null;
  case_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CasesTable {
  id: Generated<string>;
  procuratorate_id: string;
  number: string;
  kind: CaseKind;
  state: string;
  clue_id: string | null;
  title: string;
  subject_name: string | null;
  subject_id_number: string | null;
  agency_id: string | null;
  procurator_id: string | null;
  registered_on: DateColumn;
  facts: Generated<string>;
  review: JsonDefault<Record<string, unknown>>;
  outcome: string | null;
  closing_reason: string | null;
  closed_on: DateColumn | null;
  escalated_from_id: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  type: string;
  occurred_on: DateColumn;
  at: GeneratedTimestamp;
  actor_id: string | null;
  actor_name: string;
  data: JsonDefault<Record<string, unknown>>;
}

export interface Approval {
  step: 'submitted' | 'head_approved' | 'chief_approved' | 'returned';
  by: string;
  byName: string;
  at: string;
  comment: string | null;
}

export interface DocumentsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  suggestion_kind: string | null;
  state: DocumentState;
  recipient_id: string | null;
  content: Json<DocumentContent>;
  number: string | null;
  number_year: number | null;
  number_serial: number | null;
  drafted_by: string | null;
  drafted_by_name: string;
  approvals: JsonDefault<Approval[]>;
  approved_on: DateColumn | null;
  served_on: DateColumn | null;
  received_on: DateColumn | null;
  service_method: 'written' | 'announced' | null;
  reply_months: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface DocumentSerialsTable {
  procuratorate_id: string;
  type: string;
  year: number;
  last_serial: number;
}

export interface NumberingSettingsTable {
  procuratorate_id: string;
  province_code: string;
  procuratorate_code: string;
  department_code: string;
  pattern: string;
  type_codes: JsonDefault<Record<string, string>>;
  red_header: Generated<boolean>;
  version: Generated<number>;
}

export interface CaseClocksTable {
  id: Generated<string>;
  case_id: string;
  document_id: string | null;
  code: string;
  events: Json<ClockEvent[]>;
  due_on: DateColumn | null;
  stopped_on: DateColumn | null;
  created_at: GeneratedTimestamp;
}

export interface RepliesTable {
  id: Generated<string>;
  document_id: string;
  case_id: string;
  organization_id: string;
  result: ReplyResult;
  summary: string;
  reasons: string | null;
  penalty_decision_no: string | null;
  penalty_type: string | null;
  penalty_amount: ColumnType<string | null, string | number | null, string | number | null>;
  penalty_date: DateColumn | null;
  replied_on: DateColumn;
  submitted_by: string | null;
  submitted_by_name: string;
  submitted_at: GeneratedTimestamp;
  evaluation: ReplyResult | null;
  evaluation_note: string | null;
  evaluated_on: DateColumn | null;
  evaluated_by: string | null;
  /** What the agency confirms it recovered (migration 0011); amounts merely found are not kept here. */
  recovered_amount: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  recovered_on: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  units_reclaimed: ColumnType<number | null, number | null | undefined, number | null>;
  area_reclaimed: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  reclaimed_on: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  /** What a court (or the superior procuratorate) did with a litigation document (migration 0010). */
  court_outcome: ColumnType<CourtOutcome | null, CourtOutcome | null | undefined, CourtOutcome | null>;
}

/** 检察委员会 decisions on a case's outcome (litigation supervision; migration 0010). */
export interface CommitteeDecisionsTable {
  id: Generated<string>;
  case_id: string;
  meeting_on: DateColumn;
  session: string;
  outcome: string;
  decision: 'approved' | 'rejected';
  minutes: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: GeneratedTimestamp;
}

/** 听证 records, for any case kind (migration 0010). */
export interface HearingsTable {
  id: Generated<string>;
  case_id: string;
  held_on: DateColumn;
  place: Generated<string>;
  presiding: string;
  participants: JsonDefault<{ name: string; role: string }[]>;
  summary: string;
  conclusion: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: GeneratedTimestamp;
}

export interface ObjectionsTable {
  id: Generated<string>;
  document_id: string;
  case_id: string;
  organization_id: string;
  grounds: string;
  raised_on: DateColumn;
  raised_by: string | null;
  raised_by_name: string;
  state: 'pending' | 'upheld' | 'rejected';
  decision_reasons: string | null;
  decided_on: DateColumn | null;
  decided_by: string | null;
}

export interface AttachmentsTable {
  id: Generated<string>;
  owner_type: 'clue' | 'case' | 'reply' | 'objection';
  owner_id: string;
  case_id: string | null;
  organization_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  stored_path: string;
  uploaded_by: string | null;
  uploaded_by_name: string;
  uploaded_at: GeneratedTimestamp;
}

export interface RemindersSentTable {
  clock_id: string;
  kind: 'due_soon' | 'due' | 'overdue';
  due_on: DateColumn;
  sent_at: GeneratedTimestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  due_on: DateColumn | null;
  created_at: GeneratedTimestamp;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface CaseTables {
  committee_decisions: CommitteeDecisionsTable;
  hearings: HearingsTable;
  notifications: NotificationsTable;
  clues: CluesTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  documents: DocumentsTable;
  document_serials: DocumentSerialsTable;
  numbering_settings: NumberingSettingsTable;
  case_clocks: CaseClocksTable;
  replies: RepliesTable;
  objections: ObjectionsTable;
  attachments: AttachmentsTable;
  escalation_notices: EscalationNoticesTable;
  reminders_sent: RemindersSentTable;
  indicator_document_facts: IndicatorDocumentFactsTable;
  indicator_document_facts_source: IndicatorDocumentFactsTable;
  indicator_fact_queue: IndicatorFactQueueTable;
  indicator_clue_facts: IndicatorClueFactsTable;
  indicator_clue_facts_source: IndicatorClueFactsTable;
  indicator_clue_queue: IndicatorClueQueueTable;
  indicator_review_facts: IndicatorReviewFactsTable;
  indicator_review_facts_source: IndicatorReviewFactsTable;
  indicator_case_queue: IndicatorCaseQueueTable;
  governance_case_facts: GovernanceCaseFactsTable;
  governance_fact_queue: GovernanceFactQueueTable;
}
