import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { verifyAgainstDummy, verifyPassword } from '../passwords.js';
import type { Actor } from '../policies/policy.js';
import { recordAudit } from './audit.js';
import type { CommandContext } from './context.js';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** Usernames are compared case-insensitively and without surrounding spaces. */
export const usernameKey = (username: string) => username.trim().toLowerCase();

export interface SessionRecord {
  id: string;
  csrfToken: string;
  actor: Actor;
}

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.organization_id',
      'u.department_id',
      'u.active',
      'o.kind',
      sql<Role[]>`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    organizationId: row.organization_id,
    organizationKind: row.kind,
    departmentId: row.department_id,
    roles: row.roles,
  };
}

export async function isLocked(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('login_attempts')
    .select('locked_until')
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst();
  return !!row?.locked_until && new Date(row.locked_until) > new Date();
}

/**
 * Checks the credentials and opens a session. Unknown users and wrong passwords get the same
 * answer and the same work; failures are counted per username (known or not), so the lockout
 * does not reveal which usernames exist either.
 */
export async function login(
  db: Db,
  ctx: CommandContext,
  input: { username: string; password: string; userAgent: string | null },
): Promise<{ token: string; session: SessionRecord }> {
  const key = usernameKey(input.username);
  if (await isLocked(db, key)) {
    throw new AppError(429, 'locked', 'Too many failed attempts; try again later');
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active', 'display_name'])
    .where(sql`lower(username)`, '=', key)
    .executeTakeFirst();
  const ok = user?.active ? await verifyPassword(user.password_hash, input.password) : (await verifyAgainstDummy(input.password), false);
  if (!ok || !user) {
    await db.transaction().execute(async (trx) => {
      const now = new Date();
      const row = await trx
        .insertInto('login_attempts')
        .values({ username_key: key, failures: 1, locked_until: null, last_failure_at: now })
        .onConflict((oc) =>
          oc.column('username_key').doUpdateSet({
            failures: sql`login_attempts.failures + 1`,
            last_failure_at: now,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      if (row.failures >= MAX_FAILURES) {
        await trx
          .updateTable('login_attempts')
          .set({ locked_until: new Date(now.getTime() + LOCKOUT_MS), failures: 0 })
          .where('username_key', '=', key)
          .execute();
      }
      await recordAudit(trx, ctx, {
        action: row.failures >= MAX_FAILURES ? 'auth.locked' : 'auth.login_failed',
        recordType: 'user',
        recordId: user?.id ?? null,
        details: { username: key },
      });
    });
    throw new AppError(401, 'invalid_credentials', 'Invalid username or password');
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('username_key', '=', key).execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: user.id,
        csrf_token: csrfToken,
        client_ip: ctx.clientIp,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        expires_at: new Date(Date.now() + SESSION_IDLE_MS),
      })
      .execute();
    await recordAudit(trx, { ...ctx, actorName: user.display_name, actor: { id: user.id } as Actor }, {
      action: 'auth.login',
      recordType: 'user',
      recordId: user.id,
    });
  });
  const actor = await loadActor(db, user.id);
  return { token, session: { id: sha256(token), csrfToken, actor: actor! } };
}

/** Resolves a cookie token to its live session, sliding the idle expiry at most once a minute. */
export async function resolveSession(db: Db, token: string): Promise<SessionRecord | null> {
  const id = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= new Date()) return null;
  const actor = await loadActor(db, row.user_id);
  if (!actor) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + SESSION_IDLE_MS) })
      .where('id', '=', id)
      .execute();
  }
  return { id, csrfToken: row.csrf_token, actor };
}

export async function logout(db: Db, ctx: CommandContext, sessionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await recordAudit(trx, ctx, { action: 'auth.logout', recordType: 'user', recordId: ctx.actor?.id });
  });
}

