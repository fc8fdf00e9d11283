import crypto from 'node:crypto';
import { sql } from 'kysely';
import { ROLES, type Role } from '../domain/roles.js';
import { systemContext } from '../server/commands/context.js';
import { createUser, resetPassword } from '../server/commands/users.js';
import { AppError } from '../server/errors.js';
import { CliError, printJson, printTable, withDatabase } from './io.js';
import type { Handler } from './main.js';

const USAGE = `usage:
  jianxing users add <username> --name NAME --org ORG --roles r1,r2 [--department DEPT] [--password P]
  jianxing users list [--json]
  jianxing users reset-password <username> [--password P]`;

/** A temporary password that satisfies the password rule; the user must change it at sign-in. */
function generatePassword(): string {
  return `Jx${crypto.randomBytes(9).toString('base64url')}7`;
}

/** Command errors (e.g. a taken username) become one readable line. */
function explain(err: unknown): never {
  if (err instanceof AppError) {
    const fields = (err.extra.fields as { path: string; message: string }[] | undefined) ?? [];
    throw new CliError(fields.length ? fields.map((f) => `${f.path}: ${f.message}`).join('; ') : err.message);
  }
  throw err;
}

export const usersCommand: Handler = async ([sub, username], values, config) => {
  const ctx = systemContext('cli');
  if (sub === 'list') {
    return withDatabase(config, async ({ db }) => {
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('organizations as o', 'o.id', 'u.organization_id')
        .select([
          'u.username',
          'u.display_name',
          'o.short_name',
          'u.active',
          sql<string[]>`coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}')`.as('roles'),
        ])
        .orderBy('o.short_name')
        .orderBy('u.username')
        .execute();
      if (values.json) return printJson(rows.map((r) => ({ username: r.username, displayName: r.display_name, organization: r.short_name, roles: r.roles, active: r.active })));
      printTable(rows.map((r) => ({ username: r.username, name: r.display_name, organization: r.short_name, roles: r.roles, active: r.active ? 'yes' : 'no' })));
    });
  }
  if (sub === 'add') {
    if (!username || typeof values.name !== 'string' || typeof values.org !== 'string' || typeof values.roles !== 'string') throw new CliError(USAGE);
    const roles = values.roles.split(',').map((r) => r.trim()) as Role[];
    const unknown = roles.filter((r) => !ROLES.includes(r));
    if (unknown.length) throw new CliError(`unknown role(s): ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
    const password = typeof values.password === 'string' ? values.password : generatePassword();
    return withDatabase(config, async ({ db }) => {
      const orgName = values.org as string;
      const org = await db.selectFrom('organizations').select('id').where((eb) => eb.or([eb('name', '=', orgName), eb('short_name', '=', orgName)])).executeTakeFirst();
      if (!org) throw new CliError(`no organization named "${orgName}" (see jianxing orgs list)`);
      let departmentId: string | null = null;
      if (typeof values.department === 'string') {
        const dept = await db.selectFrom('departments').select('id').where('organization_id', '=', org.id).where('name', '=', values.department).executeTakeFirst();
        if (!dept) throw new CliError(`no department "${values.department}" in ${orgName}`);
        departmentId = dept.id;
      }
      await createUser(db, ctx, {
        username,
        displayName: values.name as string,
        password,
        organizationId: org.id,
        departmentId,
        roles,
        mustChangePassword: typeof values.password !== 'string',
      }).catch(explain);
      process.stdout.write(values.password ? `user ${username} created\n` : `user ${username} created; temporary password: ${password}\n`);
    });
  }
  if (sub === 'reset-password') {
    if (!username) throw new CliError(USAGE);
    const password = typeof values.password === 'string' ? values.password : generatePassword();
    return withDatabase(config, async ({ db }) => {
      const user = await db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
      if (!user) throw new CliError(`no user "${username}"`);
      await resetPassword(db, ctx, user.id, password).catch(explain);
      process.stdout.write(`password of ${username} reset; temporary password: ${password} (must be changed at next sign-in)\n`);
    });
  }
  throw new CliError(USAGE);
};
