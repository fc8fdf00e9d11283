import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout, SESSION_IDLE_MS } from '../commands/sessions.js';
import { actorOf, contextOf } from '../http.js';
import { presentSession } from '../presenters/session.js';

export const SESSION_COOKIE = 'jx_sid';

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.post('/api/auth/login', {
    config: {
      public: true,
      // Per client address, on top of the per-username lockout in the login command.
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie',
      body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
    },
    handler: async (request, reply) => {
      const { token, session } = await login(db, contextOf(request), {
        ...request.body,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.deps.config.secureCookies,
        maxAge: SESSION_IDLE_MS / 1000,
      });
      return presentSession(db, session);
    },
  });

  r.post('/api/auth/logout', {
    config: { policy: ['me', 'logout'] },
    schema: { tags: ['auth'], summary: 'Sign out and end the session' },
    handler: async (request, reply) => {
      actorOf(request);
      await logout(db, contextOf(request), request.session!.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  });

  r.get('/api/auth/session', {
    config: { policy: ['me', 'read'] },
    schema: { tags: ['auth'], summary: 'The signed-in user, their permissions and the CSRF token' },
    handler: async (request) => presentSession(db, request.session!),
  });
}
