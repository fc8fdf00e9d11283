import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { actorOf } from '../http.js';

/**
 * The pick lists of case work: the procurators of the user's procuratorate (to assign a case or
 * evaluate a clue) and the administrative agencies (the competent agency of a case). Names only:
 * the directory, with phone numbers and its audit event, is for contacting people.
 */
export default async function caseAssigneeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/cases/assignees', {
    config: { policy: ['case', 'list'] },
    schema: { tags: ['cases'], summary: 'Active procurators of the user’s procuratorate and the active administrative agencies' },
    handler: async (request) => {
      const actor = actorOf(request);
      const procurators = await db
        .selectFrom('users as u')
        .leftJoin('departments as d', 'd.id', 'u.department_id')
        .select(['u.id', 'u.display_name', 'd.name as department_name'])
        .where('u.organization_id', '=', actor.organizationId)
        .where('u.active', '=', true)
        .where(({ exists, selectFrom }) => exists(selectFrom('user_roles as r').select('r.role').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', 'procurator')))
        .orderBy(sql`u.display_name COLLATE "zh-x-icu"`)
        .execute();
      const agencies = await db
        .selectFrom('organizations')
        .select(['id', 'name', 'short_name'])
        .where('kind', '=', 'agency')
        .where('active', '=', true)
        .orderBy(sql`name COLLATE "zh-x-icu"`)
        .execute();
      return {
        procurators: procurators.map((p) => ({ id: p.id, displayName: p.display_name, departmentName: p.department_name })),
        agencies: agencies.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name })),
      };
    },
  });
}
