import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export default async function healthRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness and the state of PostgreSQL and the warehouse',
      response: {
        200: z.object({
          status: z.enum(['ok', 'degraded']),
          version: z.string(),
          postgres: z.object({ ok: z.boolean(), embedded: z.boolean() }),
          warehouse: z.object({ ok: z.boolean(), kind: z.enum(['duckdb', 'postgres']) }),
        }),
      },
    },
    handler: async () => {
      const { database, warehouse, version } = app.deps;
      const postgresOk = await sql`SELECT 1`.execute(database.db).then(() => true, () => false);
      const warehouseOk = await warehouse.ping();
      return {
        status: postgresOk && warehouseOk ? ('ok' as const) : ('degraded' as const),
        version,
        postgres: { ok: postgresOk, embedded: database.describe.embedded },
        warehouse: { ok: warehouseOk, kind: warehouse.kind },
      };
    },
  });
}
