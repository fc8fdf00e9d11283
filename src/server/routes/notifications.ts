import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { actorOf, idParams, pageQuery } from '../http.js';

export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/notifications', {
    config: { policy: ['notification', 'list'] },
    schema: { tags: ['notifications'], summary: 'My notices (deadline reminders), newest first, with the unread count', querystring: z.object({ ...pageQuery, unread: z.coerce.boolean().optional() }) },
    handler: async (request) => {
      const actor = actorOf(request);
      let q = db.selectFrom('notifications').where('user_id', '=', actor.id);
      if (request.query.unread) q = q.where('read_at', 'is', null);
      const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
      const [{ unread }] = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('unread')).where('user_id', '=', actor.id).where('read_at', 'is', null).execute();
      const rows = await q
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(request.query.pageSize)
        .offset((request.query.page - 1) * request.query.pageSize)
        .execute();
      return {
        total,
        unread,
        items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, dueOn: n.due_on, createdAt: new Date(n.created_at).toISOString(), read: n.read_at !== null })),
      };
    },
  });

  r.post('/api/notifications/:id/read', {
    config: { policy: ['notification', 'read'] },
    schema: { tags: ['notifications'], summary: 'Mark one of my notices read', params: idParams },
    handler: async (request) => {
      const updated = await db.updateTable('notifications').set({ read_at: sql`coalesce(read_at, now())` }).where('id', '=', request.params.id).where('user_id', '=', actorOf(request).id).returning('id').executeTakeFirst();
      if (!updated) throw notFound('Notification');
      return { id: updated.id, read: true };
    },
  });
}
