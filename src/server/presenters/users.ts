import { sql } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { can, type Actor } from '../policies/policy.js';
import { maskPhone } from '../../domain/idNumber.js';

export interface UserView {
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
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
}

export interface UserFilter {
  ids?: string[];
  q?: string;
  organizationId?: string;
  role?: Role;
}

function baseQuery(db: Db, filter: UserFilter) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('departments as d', 'd.id', 'u.department_id');
  if (filter.ids) q = q.where('u.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.organizationId) q = q.where('u.organization_id', '=', filter.organizationId);
  if (filter.role) q = q.where(({ exists, selectFrom }) => exists(selectFrom('user_roles as r').select('r.role').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', filter.role!)));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]));
  }
  return q;
}

/** One page of users as `viewer` may see them: phones masked unless the policy grants the full number. */
export async function listUsers(
  db: Db,
  viewer: Actor,
  filter: UserFilter,
  page = 1,
  pageSize = 20,
): Promise<{ items: UserView[]; total: number }> {
  const [{ total }] = await baseQuery(db, filter).select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await baseQuery(db, filter)
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.organization_id',
      'o.name as organization_name',
      'u.department_id',
      'd.name as department_name',
      'u.phone',
      'u.email',
      'u.active',
      'u.must_change_password',
      'u.version',
      'u.created_at',
      sql<Role[]>`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}')`.as('roles'),
      sql<boolean>`EXISTS (SELECT 1 FROM login_attempts la WHERE la.username_key = lower(u.username) AND la.locked_until > now())`.as('locked'),
    ])
    .orderBy(sql`o.name COLLATE "zh-x-icu"`)
    .orderBy('u.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      roles: r.roles,
      phone: can(viewer, 'user', 'viewContact', { id: r.id, organizationId: r.organization_id }) ? r.phone : r.phone && maskPhone(r.phone),
      email: r.email,
      active: r.active,
      locked: r.locked,
      mustChangePassword: r.must_change_password,
      version: r.version,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

export async function presentUser(db: Db, viewer: Actor, id: string): Promise<UserView | null> {
  const { items } = await listUsers(db, viewer, { ids: [id] }, 1, 1);
  return items[0] ?? null;
}

