import type { ColumnType, Generated } from 'kysely';
import type { KindDefinition } from '../../domain/datasetKinds.js';
import type { OrganizationKind, Role } from '../../domain/roles.js';
import type { ModelTables } from './schemaModels.js';
import type { CaseTables } from './schemaCases.js';
import type { AssessmentTables } from './schemaAssessment.js';
import type { HeaderColumn } from '../../ingest/header.js';
import type { RowIssue } from '../../ingest/normalizeRow.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  short_name: string;
  kind: OrganizationKind;
  /** Used in document numbers, e.g. 京朝 for 北京市朝阳区人民检察院. */
  code: string | null;
  parent_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface DepartmentsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  /** Short code used in document numbers, e.g. 行 for the administrative prosecution department. */
  code: string | null;
  kind: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  organization_id: string;
  department_id: string | null;
  phone: string | null;
  email: string | null;
  locale: Generated<string>;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: GeneratedTimestamp;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  client_ip: string | null;
  user_agent: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface LoginAttemptsTable {
  username_key: string;
  failures: number;
  locked_until: Timestamp | null;
  last_failure_at: Timestamp;
}

export interface AuditEventsTable {
  seq: string | number;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  client_ip: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: GeneratedTimestamp;
}

export type LegalBasis = 'investigation' | 'agreement' | 'other';
export type DatasetVersionStatus = 'importing' | 'committed' | 'failed';
/** jsonb: pg parses it on the way out; it goes in as JSON text (optional where there is a default). */
type Json<T, Insert = string> = ColumnType<T, Insert, string>;

export interface DatasetsTable {
  id: Generated<string>;
  kind: string;
  name: string;
  owner_organization_id: string | null;
  /** 调查核实 (investigation), 府检联动 agreement, or other; details in the note. */
  legal_basis: LegalBasis;
  legal_basis_note: string | null;
  visible_roles: ColumnType<Role[], Role[] | undefined, Role[]>;
  visible_organization_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
}

export interface DatasetVersionsTable {
  id: Generated<string>;
  dataset_id: string;
  version: number | null;
  status: DatasetVersionStatus;
  kind_definition: Json<KindDefinition>;
  /** Relative to the data directory. */
  source_path: string;
  source_filename: string;
  source_sha256: string;
  source_bytes: ColumnType<number, number, number>;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  header_line: number | null;
  column_mapping: Json<HeaderColumn[], string | undefined>;
  strict: Generated<boolean>;
  rows_read: Generated<number>;
  rows_imported: Generated<number>;
  rows_rejected: Generated<number>;
  warnings_count: Generated<number>;
  warnings: Json<RowIssue[], string | undefined>;
  errors_count: Generated<number>;
  errors: Json<RowIssue[], string | undefined>;
  failure: string | null;
  warehouse_table: string | null;
  importer_id: string | null;
  importer_name: string;
  importer_process: string;
  started_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

/** A dataset kind defined by users (the built-in ones are code: domain/datasetKinds.ts). */
export interface DatasetKindsTable {
  kind: string;
  label: string;
  definition: Json<KindDefinition>;
  version: Generated<number>;
  created_by: string | null;
  created_by_name: string;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** A token an agency system pushes dataset files with (issue 3); only the secret's SHA-256 is kept. */
export interface ApiTokensTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  token_hash: string;
  dataset_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface DB extends ModelTables, CaseTables, AssessmentTables {
  organizations: OrganizationsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  api_tokens: ApiTokensTable;
  dataset_kinds: DatasetKindsTable;
  charge_rules: ChargeRulesTable;
  organization_sectors: OrganizationSectorsTable;
  joint_meetings: JointMeetingsTable;
  joint_meeting_participants: JointMeetingParticipantsTable;
  joint_meeting_resolutions: JointMeetingResolutionsTable;
}

export type JointMeetingStatus = 'scheduled' | 'held' | 'cancelled';
export type ResolutionStatus = 'open' | 'done';
/** A calendar date (PostgreSQL date): written as YYYY-MM-DD, read back as a Date at local midnight. */
type CalendarDate = ColumnType<Date | string, string, string>;

/** A joint meeting (联席会议) convened by a procuratorate (DOMAIN §6). */
export interface JointMeetingsTable {
  id: Generated<string>;
  convener_organization_id: string;
  title: string;
  meeting_date: CalendarDate;
  /** Wall-clock start time ("14:30:00"); the meeting happens where its people are. */
  start_time: string | null;
  location: string | null;
  agenda: Generated<string>;
  minutes: string | null;
  minutes_recorded_by: string | null;
  minutes_recorded_by_name: string | null;
  minutes_recorded_at: Timestamp | null;
  status: ColumnType<JointMeetingStatus, JointMeetingStatus | undefined, JointMeetingStatus>;
  cancel_reason: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** A unit taking part in a joint meeting, with the names of the people it sent. */
export interface JointMeetingParticipantsTable {
  meeting_id: string;
  organization_id: string;
  attendees: Generated<string>;
  position: Generated<number>;
}

/** A resolution of a joint meeting: one owner unit, a due date, tracked until done. */
export interface JointMeetingResolutionsTable {
  id: Generated<string>;
  meeting_id: string;
  seq: number;
  text: string;
  owner_organization_id: string;
  due_date: CalendarDate;
  status: ColumnType<ResolutionStatus, ResolutionStatus | undefined, ResolutionStatus>;
  progress_note: string | null;
  progress_by_name: string | null;
  progress_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  completed_by_name: string | null;
  version: Generated<number>;
  created_by_name: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** One version of a knowledge-base rule (DOMAIN §9); the current one has no retired_at. */
export interface ChargeRulesTable {
  id: Generated<string>;
  rule_code: string;
  version: number;
  /** domain/knowledgeBase ChargeRule; its effective dates are copied into the columns. */
  content: ColumnType<import('../../domain/knowledgeBase/types.js').ChargeRule, string, string>;
  built_in: Generated<boolean>;
  effective_from: ColumnType<string | null, string | null | undefined, string | null>;
  effective_to: ColumnType<string | null, string | null | undefined, string | null>;
  change_note: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: GeneratedTimestamp;
  retired_at: Timestamp | null;
}

/** Which agency sectors (domain/knowledgeBase/sectors) an organization belongs to. */
export interface OrganizationSectorsTable {
  organization_id: string;
  sector: string;
}
