/** The roles of DOMAIN.md §1. Codes are stable identifiers stored in the database. */
export const ROLES = [
  'admin',
  'procurator',
  'department_head',
  'chief_prosecutor',
  'criminal_prosecutor',
  'agency_liaison',
  'agency_leader',
  'analyst',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

/** `court` and `external_procuratorate` (a superior or other procuratorate) receive litigation
 * supervision documents; they have no accounts here — the procurator records their answers. */
export const ORGANIZATION_KINDS = ['procuratorate', 'agency', 'justice_bureau', 'court', 'external_procuratorate'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Roles that belong to a procuratorate; the others belong to agencies or the justice bureau. */
export const PROCURATORATE_ROLES: readonly Role[] = [
  'admin',
  'procurator',
  'department_head',
  'chief_prosecutor',
  'criminal_prosecutor',
  'analyst',
  'observer',
];
export const AGENCY_ROLES: readonly Role[] = ['agency_liaison', 'agency_leader', 'observer'];

export function rolesAllowedIn(kind: OrganizationKind): readonly Role[] {
  if (kind === 'procuratorate') return PROCURATORATE_ROLES;
  if (kind === 'agency') return AGENCY_ROLES;
  if (kind === 'justice_bureau') return ['observer'];
  return [];
}
