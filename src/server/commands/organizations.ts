import type { OrganizationKind } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { conflict, fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';

export interface NewOrganization {
  name: string;
  shortName: string;
  kind: OrganizationKind;
  code?: string | null;
  parentId?: string | null;
}

export interface NewDepartment {
  name: string;
  code?: string | null;
  kind?: string;
}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === UNIQUE_VIOLATION;

export async function createOrganization(db: Db, ctx: CommandContext, input: NewOrganization): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('organizations')
      .values({ name: input.name.trim(), short_name: input.shortName.trim(), kind: input.kind, code: input.code ?? null, parent_id: input.parentId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err) => {
        throw isUniqueViolation(err) ? fieldError('name', 'name_taken', 'An organization with this name exists') : err;
      });
    await recordAudit(trx, ctx, { action: 'organization.create', recordType: 'organization', recordId: id, details: { ...input } });
    return id;
  });
}

export async function updateOrganization(
  db: Db,
  ctx: CommandContext,
  id: string,
  changes: Partial<NewOrganization> & { version: number; active?: boolean },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Organization');
    if (before.version !== changes.version) throw conflict({ id, version: before.version });
    if (changes.parentId === id) throw fieldError('parentId', 'parent_is_self', 'An organization cannot be its own parent');
    await trx
      .updateTable('organizations')
      .set({
        name: changes.name?.trim() ?? before.name,
        short_name: changes.shortName?.trim() ?? before.short_name,
        code: changes.code !== undefined ? changes.code : before.code,
        parent_id: changes.parentId !== undefined ? changes.parentId : before.parent_id,
        active: changes.active ?? before.active,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
      .catch((err) => {
        throw isUniqueViolation(err) ? fieldError('name', 'name_taken', 'An organization with this name exists') : err;
      });
    const { version: _v, ...changed } = changes;
    await recordAudit(trx, ctx, { action: 'organization.update', recordType: 'organization', recordId: id, details: changed });
  });
}

export async function createDepartment(db: Db, ctx: CommandContext, organizationId: string, input: NewDepartment): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst();
    if (!org) throw notFound('Organization');
    const { id } = await trx
      .insertInto('departments')
      .values({ organization_id: organizationId, name: input.name.trim(), code: input.code ?? null, kind: input.kind ?? 'other' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err) => {
        throw isUniqueViolation(err) ? fieldError('name', 'name_taken', 'A department with this name exists') : err;
      });
    await recordAudit(trx, ctx, { action: 'department.create', recordType: 'department', recordId: id, details: { organizationId, ...input } });
    return id;
  });
}

export async function updateDepartment(
  db: Db,
  ctx: CommandContext,
  id: string,
  changes: Partial<NewDepartment> & { version: number; active?: boolean },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('departments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Department');
    if (before.version !== changes.version) throw conflict({ id, version: before.version });
    await trx
      .updateTable('departments')
      .set({
        name: changes.name?.trim() ?? before.name,
        code: changes.code !== undefined ? changes.code : before.code,
        kind: changes.kind ?? before.kind,
        active: changes.active ?? before.active,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute()
      .catch((err) => {
        throw isUniqueViolation(err) ? fieldError('name', 'name_taken', 'A department with this name exists') : err;
      });
    const { version: _v, ...changed } = changes;
    await recordAudit(trx, ctx, { action: 'department.update', recordType: 'department', recordId: id, details: changed });
  });
}
