import type { OrganizationKind, Role } from '../../domain/roles';
import type { Locale } from '../i18n';

export type { OrganizationKind, Role };

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  organization: { id: string; name: string; shortName: string; kind: OrganizationKind };
  department: { id: string; name: string } | null;
  mustChangePassword: boolean;
  /** Not promised by the contract's Session; shown in the profile form when present. */
  phone?: string | null;
  email?: string | null;
}

export interface Session {
  user: SessionUser;
  permissions: string[];
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Large lists count only up to a cap: then `total` is the cap and the list shows "1,000+". */
  totalCapped?: boolean;
}

export interface Contact {
  id: string;
  displayName: string;
  roles: Role[];
  departmentName: string | null;
  phone: string | null;
  email: string | null;
}

export interface DirectoryOrganization {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  departments: { id: string; name: string }[];
  contacts: Contact[];
}

/** The department kinds the API accepts (routes/organizations.ts). */
export const DEPARTMENT_KINDS = ['administrative_prosecution', 'criminal_prosecution', 'office', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface Department {
  id: string;
  organizationId: string;
  name: string;
  code: string | null;
  kind: DepartmentKind;
  active: boolean;
  version: number;
}

export interface Organization {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  code: string | null;
  parentId: string | null;
  active: boolean;
  version: number;
  departments: Department[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  organizationId: string;
  organizationName: string;
  departmentId: string | null;
  departmentName: string | null;
  roles: Role[];
  phone: string | null;
  email: string | null;
  active: boolean;
  locked: boolean;
  version: number;
  createdAt: string;
}

export interface AuditEvent {
  seq: number | string;
  occurredAt: string;
  actorName: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  clientIp: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  problems: { seq: number | string; problem: string }[];
}

export interface WorkItem {
  kind: string;
  title: string;
  dueDate: string | null;
  link: string;
}
