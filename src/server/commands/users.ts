import { sql } from 'kysely';
import { isStrongPassword } from '../../domain/password.js';
import { rolesAllowedIn, type Role } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { conflict, fieldError, notFound } from '../errors.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { recordAudit } from './audit.js';
import type { CommandContext, Trx } from './context.js';
import { usernameKey } from './sessions.js';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  organizationId: string;
  departmentId?: string | null;
  roles: Role[];
  phone?: string | null;
  email?: string | null;
  mustChangePassword?: boolean;
}

export interface UserChanges {
  version: number;
  displayName?: string;
  organizationId?: string;
  departmentId?: string | null;
  roles?: Role[];
  active?: boolean;
  phone?: string | null;
  email?: string | null;
}

function assertStrong(path: string, password: string) {
  if (!isStrongPassword(password)) {
    throw fieldError(path, 'password_weak', 'Password needs 8–128 characters with letters and digits');
  }
}

/** Roles must fit the organization (no procurator in an agency) and the department its organization. */
async function checkPlacement(trx: Trx, organizationId: string, departmentId: string | null | undefined, roles: Role[]) {
  const org = await trx.selectFrom('organizations').select(['id', 'kind']).where('id', '=', organizationId).executeTakeFirst();
  if (!org) throw fieldError('organizationId', 'organization_unknown', 'Unknown organization');
  const allowed = rolesAllowedIn(org.kind);
  const wrong = roles.filter((r) => !allowed.includes(r));
  if (wrong.length) throw fieldError('roles', 'role_not_allowed', `Roles not allowed in this organization: ${wrong.join(', ')}`);
  if (departmentId) {
    const dept = await trx
      .selectFrom('departments')
      .select('id')
      .where('id', '=', departmentId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (!dept) throw fieldError('departmentId', 'department_not_in_organization', 'Department is not part of the organization');
  }
}

async function setRoles(trx: Trx, userId: string, roles: Role[]) {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

export async function createUser(db: Db, ctx: CommandContext, input: NewUser): Promise<string> {
  assertStrong('password', input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    await checkPlacement(trx, input.organizationId, input.departmentId, input.roles);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where(sql`lower(username)`, '=', usernameKey(input.username))
      .executeTakeFirst();
    if (taken) throw fieldError('username', 'username_taken', 'Username is already taken');
    const { id } = await trx
      .insertInto('users')
      .values({
        username: input.username.trim(),
        display_name: input.displayName.trim(),
        password_hash: passwordHash,
        organization_id: input.organizationId,
        department_id: input.departmentId ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        must_change_password: input.mustChangePassword ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRoles(trx, id, input.roles);
    await recordAudit(trx, ctx, {
      action: 'user.create',
      recordType: 'user',
      recordId: id,
      details: { username: input.username, organizationId: input.organizationId, roles: input.roles },
    });
    return id;
  });
}

/** Applies changes only if nobody saved the user since `version` was read; otherwise a conflict. */
export async function updateUser(db: Db, ctx: CommandContext, id: string, changes: UserChanges): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('User');
    if (before.version !== changes.version) throw conflict({ id, version: before.version });
    const organizationId = changes.organizationId ?? before.organization_id;
    const departmentId = changes.departmentId !== undefined ? changes.departmentId : before.department_id;
    const currentRoles = (await trx.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()).map((r) => r.role);
    const roles = changes.roles ?? currentRoles;
    await checkPlacement(trx, organizationId, departmentId, roles);
    await trx
      .updateTable('users')
      .set({
        display_name: changes.displayName?.trim() ?? before.display_name,
        organization_id: organizationId,
        department_id: departmentId,
        active: changes.active ?? before.active,
        phone: changes.phone !== undefined ? changes.phone : before.phone,
        email: changes.email !== undefined ? changes.email : before.email,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (changes.roles) await setRoles(trx, id, roles);
    // A deactivated user is signed out everywhere at once.
    if (changes.active === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const { version: _v, ...changed } = changes;
    await recordAudit(trx, ctx, { action: 'user.update', recordType: 'user', recordId: id, details: { changed: Object.keys(changed), roles: changes.roles } });
  });
}

/** Stores a new password hash and ends the user's sessions (all but `keepSessionId`). */
async function storePassword(trx: Trx, id: string, passwordHash: string, mustChange: boolean, keepSessionId?: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
  let sessions = trx.deleteFrom('sessions').where('user_id', '=', id);
  if (keepSessionId) sessions = sessions.where('id', '!=', keepSessionId);
  await sessions.execute();
}

/** An administrator sets a temporary password; the user must change it at the next sign-in. */
export async function resetPassword(db: Db, ctx: CommandContext, id: string, newPassword: string): Promise<void> {
  assertStrong('newPassword', newPassword);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
    if (!user) throw notFound('User');
    await storePassword(trx, id, passwordHash, true);
    await trx.deleteFrom('login_attempts').where('username_key', '=', usernameKey(user.username)).execute();
    await recordAudit(trx, ctx, { action: 'user.reset_password', recordType: 'user', recordId: id });
  });
}

/** A user changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Db,
  ctx: CommandContext,
  input: { userId: string; currentSessionId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw notFound('User');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw fieldError('currentPassword', 'wrong_password', 'Current password is wrong');
  }
  assertStrong('newPassword', input.newPassword);
  if (input.newPassword === input.currentPassword) {
    throw fieldError('newPassword', 'password_unchanged', 'The new password must differ from the current one');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await storePassword(trx, input.userId, passwordHash, false, input.currentSessionId);
    await recordAudit(trx, ctx, { action: 'user.change_password', recordType: 'user', recordId: input.userId });
  });
}

export async function unlockUser(db: Db, ctx: CommandContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['username']).where('id', '=', id).executeTakeFirst();
    if (!user) throw notFound('User');
    await trx.deleteFrom('login_attempts').where('username_key', '=', usernameKey(user.username)).execute();
    await recordAudit(trx, ctx, { action: 'user.unlock', recordType: 'user', recordId: id });
  });
}

export async function updateProfile(
  db: Db,
  ctx: CommandContext,
  userId: string,
  changes: { displayName?: string; locale?: 'zh-CN' | 'en-US'; phone?: string | null; email?: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined && { display_name: changes.displayName.trim() }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
        ...(changes.phone !== undefined && { phone: changes.phone }),
        ...(changes.email !== undefined && { email: changes.email }),
        updated_at: new Date(),
        version: sql`version + 1`,
      })
      .where('id', '=', userId)
      .execute();
    await recordAudit(trx, ctx, { action: 'user.update_profile', recordType: 'user', recordId: userId, details: { changed: Object.keys(changes) } });
  });
}
