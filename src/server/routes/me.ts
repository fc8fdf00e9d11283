import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadActor } from '../commands/sessions.js';
import { changeOwnPassword, updateProfile } from '../commands/users.js';
import { pendingWorkFor } from '../jobs/pendingWork.js';
import { actorOf, contextOf } from '../http.js';
import { presentSession } from '../presenters/session.js';

export default async function meRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.patch('/api/me', {
    config: { policy: ['me', 'update'] },
    schema: {
      tags: ['profile'],
      summary: 'Update one’s own name, language and contact data',
      body: z.object({
        displayName: z.string().trim().min(1).max(100).optional(),
        locale: z.enum(['zh-CN', 'en-US']).optional(),
        phone: z.string().trim().max(30).regex(/^[0-9+\- ]*$/).nullable().optional(),
        email: z.email().max(200).nullable().optional(),
      }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      await updateProfile(db, contextOf(request), actor.id, request.body);
      return presentSession(db, { ...request.session!, actor: (await loadActor(db, actor.id))! });
    },
  });

  r.put('/api/me/password', {
    config: { policy: ['me', 'changePassword'] },
    schema: {
      tags: ['profile'],
      summary: 'Change one’s own password; other sessions end',
      body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await changeOwnPassword(db, contextOf(request), {
        userId: actor.id,
        currentSessionId: request.session!.id,
        ...request.body,
      });
      return reply.code(204).send();
    },
  });

  r.get('/api/me/work', {
    config: { policy: ['me', 'read'] },
    schema: {
      tags: ['profile'],
      summary: 'The user’s pending work, soonest due first',
      response: {
        200: z.object({
          items: z.array(z.object({ kind: z.string(), title: z.string(), dueDate: z.string().nullable(), link: z.string() })),
        }),
      },
    },
    handler: async (request) => ({ items: await pendingWorkFor(db, actorOf(request)) }),
  });
}
