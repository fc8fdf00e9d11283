import type { Db } from '../db/index.js';
import type { SessionRecord } from '../commands/sessions.js';
import { permissionsOf } from '../policies/policy.js';

/** What the web app learns about the signed-in user: identity, placement, permissions, CSRF token. */
export async function presentSession(db: Db, session: SessionRecord) {
  const { actor } = session;
  const row = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.locale', 'u.must_change_password', 'u.phone', 'u.email', 'o.name as org_name', 'o.short_name', 'o.kind', 'd.name as dept_name'])
    .where('u.id', '=', actor.id)
    .executeTakeFirstOrThrow();
  return {
    user: {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      locale: row.locale as 'zh-CN' | 'en-US',
      roles: actor.roles,
      // The user's own contact data is theirs to see unmasked.
      phone: row.phone,
      email: row.email,
      organization: { id: actor.organizationId, name: row.org_name, shortName: row.short_name, kind: row.kind },
      department: actor.departmentId ? { id: actor.departmentId, name: row.dept_name ?? '' } : null,
      mustChangePassword: row.must_change_password,
    },
    permissions: permissionsOf(actor),
    csrfToken: session.csrfToken,
  };
}
