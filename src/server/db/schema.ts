import type { ColumnType, Generated } from 'kysely';
import type { OrganizationKind, Role } from '../../domain/roles.js';

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

export interface DB {
  organizations: OrganizationsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  settings: SettingsTable;
}
