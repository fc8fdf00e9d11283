import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../domain/roles.js';
import { createDepartment, createOrganization, updateDepartment, updateOrganization } from '../commands/organizations.js';
import { notFound } from '../errors.js';
import { contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { listOrganizations, presentDepartment, presentOrganization } from '../presenters/organizations.js';

const kind = z.enum(ORGANIZATION_KINDS);
const name = z.string().trim().min(1).max(100);
const code = z.string().trim().max(20).nullable().optional();
const departmentKind = z.enum(['administrative_prosecution', 'criminal_prosecution', 'office', 'other']);

export default async function organizationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/organizations', {
    config: { policy: ['organization', 'manage'] },
    schema: {
      tags: ['admin'],
      summary: 'Organizations with their departments',
      querystring: z.object({ ...pageQuery, q: z.string().max(100).optional(), kind: kind.optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listOrganizations(db, filter, page, pageSize);
    },
  });

  r.get('/api/organizations/:id', {
    config: { policy: ['organization', 'manage'] },
    schema: { tags: ['admin'], summary: 'One organization', params: idParams },
    handler: async (request) => (await presentOrganization(db, request.params.id)) ?? Promise.reject(notFound('Organization')),
  });

  r.post('/api/organizations', {
    config: { policy: ['organization', 'manage'] },
    schema: {
      tags: ['admin'],
      summary: 'Create an organization',
      body: z.object({ name, shortName: name, kind, code, parentId: uuid.nullable().optional() }),
    },
    handler: async (request, reply) => {
      const id = await createOrganization(db, contextOf(request), request.body);
      return reply.code(201).send(await presentOrganization(db, id));
    },
  });

  r.patch('/api/organizations/:id', {
    config: { policy: ['organization', 'manage'] },
    schema: {
      tags: ['admin'],
      summary: 'Change an organization (optimistic locking on version)',
      params: idParams,
      body: z.object({
        version: z.number().int(),
        name: name.optional(),
        shortName: name.optional(),
        code,
        parentId: uuid.nullable().optional(),
        active: z.boolean().optional(),
      }),
    },
    handler: async (request) => {
      const current = () => presentOrganization(db, request.params.id);
      await withCurrentOnConflict(() => updateOrganization(db, contextOf(request), request.params.id, request.body), current);
      return current();
    },
  });

  r.post('/api/organizations/:id/departments', {
    config: { policy: ['organization', 'manage'] },
    schema: {
      tags: ['admin'],
      summary: 'Add a department',
      params: idParams,
      body: z.object({ name, code, kind: departmentKind.optional() }),
    },
    handler: async (request, reply) => {
      const id = await createDepartment(db, contextOf(request), request.params.id, request.body);
      return reply.code(201).send(await presentDepartment(db, id));
    },
  });

  r.patch('/api/departments/:id', {
    config: { policy: ['organization', 'manage'] },
    schema: {
      tags: ['admin'],
      summary: 'Change a department (optimistic locking on version)',
      params: idParams,
      body: z.object({ version: z.number().int(), name: name.optional(), code, kind: departmentKind.optional(), active: z.boolean().optional() }),
    },
    handler: async (request) => {
      const current = () => presentDepartment(db, request.params.id);
      await withCurrentOnConflict(() => updateDepartment(db, contextOf(request), request.params.id, request.body), current);
      return current();
    },
  });
}
