import { sql } from 'kysely';
import type { OrganizationKind } from '../../domain/roles.js';
import type { Db } from '../db/index.js';

export interface DepartmentView {
  id: string;
  organizationId: string;
  name: string;
  code: string | null;
  kind: string;
  active: boolean;
  version: number;
}

export interface OrganizationView {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  code: string | null;
  parentId: string | null;
  active: boolean;
  version: number;
  departments: DepartmentView[];
}

export interface OrganizationFilter {
  ids?: string[];
  q?: string;
  kind?: OrganizationKind;
}

function baseQuery(db: Db, filter: OrganizationFilter) {
  let q = db.selectFrom('organizations as o');
  if (filter.ids) q = q.where('o.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', pattern), eb('o.short_name', 'ilike', pattern)]));
  }
  return q;
}

// Procuratorate first, then agencies, the justice bureau, courts, other procuratorates; by pinyin within a kind.
const kindOrder = sql`CASE o.kind WHEN 'procuratorate' THEN 0 WHEN 'agency' THEN 1 WHEN 'justice_bureau' THEN 2 WHEN 'court' THEN 3 ELSE 4 END`;

export async function listOrganizations(db: Db, filter: OrganizationFilter, page = 1, pageSize = 50) {
  const [{ total }] = await baseQuery(db, filter).select(sql<number>`count(*)::int`.as('total')).execute();
  const orgs = await baseQuery(db, filter)
    .selectAll('o')
    .orderBy(kindOrder)
    .orderBy(sql`o.name COLLATE "zh-x-icu"`)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = orgs.map((o) => o.id);
  const depts = ids.length
    ? await db.selectFrom('departments').selectAll().where('organization_id', 'in', ids).orderBy('name').execute()
    : [];
  const items: OrganizationView[] = orgs.map((o) => ({
    id: o.id,
    name: o.name,
    shortName: o.short_name,
    kind: o.kind,
    code: o.code,
    parentId: o.parent_id,
    active: o.active,
    version: o.version,
    departments: depts
      .filter((d) => d.organization_id === o.id)
      .map((d) => ({ id: d.id, organizationId: d.organization_id, name: d.name, code: d.code, kind: d.kind, active: d.active, version: d.version })),
  }));
  return { items, total };
}

export async function presentOrganization(db: Db, id: string): Promise<OrganizationView | null> {
  return (await listOrganizations(db, { ids: [id] }, 1, 1)).items[0] ?? null;
}

export async function presentDepartment(db: Db, id: string): Promise<DepartmentView | null> {
  const d = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  return d ? { id: d.id, organizationId: d.organization_id, name: d.name, code: d.code, kind: d.kind, active: d.active, version: d.version } : null;
}
