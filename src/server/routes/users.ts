import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { createUser, resetPassword, unlockUser, updateUser } from '../commands/users.js';
import { notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { listUsers, presentUser } from '../presenters/users.js';

const role = z.enum(ROLES);
const phone = z.string().trim().max(30).regex(/^[0-9+\- ]*$/).nullable().optional();
const email = z.email().max(200).nullable().optional();

export default async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/users', {
    config: { policy: ['user', 'list'] },
    schema: {
      tags: ['admin'],
      summary: 'Users, paginated and searchable',
      querystring: z.object({ ...pageQuery, q: z.string().max(100).optional(), organizationId: uuid.optional(), role: role.optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listUsers(db, actorOf(request), filter, page, pageSize);
    },
  });

  r.get('/api/users/:id', {
    config: { policy: ['user', 'read'] },
    schema: { tags: ['admin'], summary: 'One user', params: idParams },
    handler: async (request) => (await presentUser(db, actorOf(request), request.params.id)) ?? Promise.reject(notFound('User')),
  });

  r.post('/api/users', {
    config: { policy: ['user', 'create'] },
    schema: {
      tags: ['admin'],
      summary: 'Create a user',
      body: z.object({
        username: z.string().trim().min(2).max(50).regex(/^[A-Za-z0-9_.-]+$/),
        displayName: z.string().trim().min(1).max(100),
        password: z.string().max(200),
        organizationId: uuid,
        departmentId: uuid.nullable().optional(),
        roles: z.array(role).min(1),
        phone,
        email,
      }),
    },
    handler: async (request, reply) => {
      const id = await createUser(db, contextOf(request), { ...request.body, mustChangePassword: true });
      return reply.code(201).send(await presentUser(db, actorOf(request), id));
    },
  });

  r.patch('/api/users/:id', {
    config: { policy: ['user', 'update'] },
    schema: {
      tags: ['admin'],
      summary: 'Change a user (optimistic locking on version)',
      params: idParams,
      body: z.object({
        version: z.number().int(),
        displayName: z.string().trim().min(1).max(100).optional(),
        organizationId: uuid.optional(),
        departmentId: uuid.nullable().optional(),
        roles: z.array(role).min(1).optional(),
        active: z.boolean().optional(),
        phone,
        email,
      }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const current = () => presentUser(db, actor, request.params.id);
      await withCurrentOnConflict(() => updateUser(db, contextOf(request), request.params.id, request.body), current);
      return current();
    },
  });

  r.post('/api/users/:id/reset-password', {
    config: { policy: ['user', 'resetPassword'] },
    schema: { tags: ['admin'], summary: 'Set a temporary password', params: idParams, body: z.object({ newPassword: z.string().max(200) }) },
    handler: async (request, reply) => {
      await resetPassword(db, contextOf(request), request.params.id, request.body.newPassword);
      return reply.code(204).send();
    },
  });

  r.post('/api/users/:id/unlock', {
    config: { policy: ['user', 'unlock'] },
    schema: { tags: ['admin'], summary: 'Lift a login lockout', params: idParams },
    handler: async (request, reply) => {
      await unlockUser(db, contextOf(request), request.params.id);
      return reply.code(204).send();
    },
  });
}
