import { sql } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { can, type Actor } from '../policies/policy.js';
import { maskPhone } from '../../domain/idNumber.js';
import { listOrganizations } from './organizations.js';

// The people one calls about a case: not admins or read-only observers.
const CONTACT_ROLES: Role[] = ['procurator', 'department_head', 'chief_prosecutor', 'criminal_prosecutor', 'agency_liaison', 'agency_leader'];

export interface ContactView {
  id: string;
  displayName: string;
  roles: Role[];
  departmentName: string | null;
  phone: string | null;
  email: string | null;
}

async function contactsOf(db: Db, viewer: Actor, organizationIds: string[]): Promise<Map<string, ContactView[]>> {
  const byOrg = new Map<string, ContactView[]>();
  if (!organizationIds.length) return byOrg;
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select([
      'u.id',
      'u.organization_id',
      'u.display_name',
      'u.phone',
      'u.email',
      'd.name as department_name',
      sql<Role[]>`(SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id)`.as('roles'),
    ])
    .where('u.active', '=', true)
    .where('u.organization_id', 'in', organizationIds)
    .where(({ exists, selectFrom }) => exists(selectFrom('user_roles as r').select('r.role').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', CONTACT_ROLES)))
    .orderBy(sql`u.display_name COLLATE "zh-x-icu"`)
    .execute();
  const fullPhone = can(viewer, 'contact', 'viewPhone');
  for (const r of rows) {
    const list = byOrg.get(r.organization_id) ?? [];
    list.push({
      id: r.id,
      displayName: r.display_name,
      roles: (r.roles ?? []).filter((role) => CONTACT_ROLES.includes(role)),
      departmentName: r.department_name,
      phone: fullPhone ? r.phone : r.phone && maskPhone(r.phone),
      email: r.email,
    });
    byOrg.set(r.organization_id, list);
  }
  return byOrg;
}

/** Every active organization with its contacts: the procuratorate's view of its partners. */
export async function presentDirectory(db: Db, viewer: Actor) {
  const { items } = await listOrganizations(db, {}, 1, 1000);
  const active = items.filter((o) => o.active);
  const contacts = await contactsOf(db, viewer, active.map((o) => o.id));
  return {
    organizations: active.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      kind: o.kind,
      departments: o.departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name })),
      contacts: contacts.get(o.id) ?? [],
    })),
  };
}

/** An agency user's own organization, and whom to contact at the procuratorate. */
export async function presentMyOrganization(db: Db, viewer: Actor) {
  const { items } = await listOrganizations(db, {}, 1, 1000);
  const own = items.find((o) => o.id === viewer.organizationId)!;
  const procuratorates = items.filter((o) => o.kind === 'procuratorate' && o.active).map((o) => o.id);
  const contacts = await contactsOf(db, viewer, [own.id, ...procuratorates]);
  return {
    organization: {
      id: own.id,
      name: own.name,
      shortName: own.shortName,
      kind: own.kind,
      departments: own.departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name })),
      contacts: contacts.get(own.id) ?? [],
    },
    procuratorateContacts: procuratorates.flatMap((id) => contacts.get(id) ?? []),
  };
}
