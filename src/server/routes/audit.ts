import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAuditChain } from '../commands/audit.js';
import { pageQuery, uuid } from '../http.js';
import { listAuditEvents } from '../presenters/audit.js';

export default async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/audit', {
    config: { policy: ['audit', 'list'] },
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first',
      querystring: z.object({
        ...pageQuery,
        action: z.string().max(100).optional(),
        actorId: uuid.optional(),
        recordType: z.string().max(100).optional(),
        recordId: z.string().max(100).optional(),
      }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listAuditEvents(db, filter, page, pageSize);
    },
  });

  r.get('/api/audit/verify', {
    config: { policy: ['audit', 'verify'] },
    schema: { tags: ['audit'], summary: 'Recompute the hash chain of the whole audit log' },
    handler: async () => verifyAuditChain(db),
  });
}
