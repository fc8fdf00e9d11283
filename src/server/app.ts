import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { resolveSession } from './commands/sessions.js';
import { AppError } from './errors.js';
import type { Deps } from './http.js';
import { can, hasPolicy } from './policies/index.js';
import apiTokenRoutes from './routes/apiTokens.js';
import auditRoutes from './routes/audit.js';
import attachmentRoutes from './routes/attachments.js';
import calendarRoutes from './routes/calendar.js';
import caseRoutes from './routes/cases.js';
import clueRoutes from './routes/clues.js';
import documentRoutes from './routes/documents.js';
import notificationRoutes from './routes/notifications.js';
import numberingRoutes from './routes/numbering.js';
import authRoutes, { SESSION_COOKIE } from './routes/auth.js';
import datasetRoutes from './routes/datasets.js';
import directoryRoutes from './routes/directory.js';
import healthRoutes from './routes/health.js';
import meRoutes from './routes/me.js';
import modelRoutes from './routes/models.js';
import organizationRoutes from './routes/organizations.js';
import userRoutes from './routes/users.js';
import jointMeetingRoutes from './routes/jointMeetings.js';
import knowledgeBaseRoutes from './routes/knowledgeBase.js';
import caseExportRoutes from './routes/caseExports.js';
import caseAssigneeRoutes from './routes/caseAssignees.js';
import indicatorRoutes from './routes/indicators.js';
import litigationRoutes from './routes/litigation.js';
import assessmentRoutes from './routes/assessment.js';
import governanceRoutes from './routes/governance.js';
import escalationRoutes from './routes/escalations.js';

export const WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
  policy?: [string, string];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its access rule; the authorization test walks this list. */
    apiRoutes: ApiRoute[];
  }
}

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function buildApp(deps: Deps, options: { logger?: FastifyBaseLogger } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: process.env.JIANXING_TRUST_PROXY === '1',
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  app.decorateRequest('session', null);

  // Authorization is declared on the route and asked of the policies: a route without a rule
  // does not start.
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url) || isDocs(route.url)) return;
    const config = (route.config ?? {}) as { public?: boolean; policy?: [string, string] };
    if (!config.public && !(config.policy && hasPolicy(...config.policy))) {
      throw new Error(`route ${route.method} ${route.url} declares neither public nor a known policy`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.apiRoutes.push({ method, url: route.url, public: !!config.public, policy: config.policy });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.config.secureCookies,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'JianXing API', description: '检行 — procuratorial supervision and administrative law enforcement', version: deps.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Authentication, CSRF and the route's policy are settled before the body is even parsed, so an
  // anonymous or unauthorized caller learns nothing from validation messages.
  app.addHook('onRequest', async (request) => {
    if (!isApi(request.url) || isDocs(request.url) || request.is404) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = await resolveSession(deps.database.db, token);
    const config = request.routeOptions.config;
    if (config.public) return;
    if (!request.session) throw new AppError(401, 'unauthorized', 'Authentication required');
    // Double-submit check: the token is only readable by our own pages (from /api/auth/session).
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, request.session.csrfToken)) {
        throw new AppError(403, 'csrf', 'Missing or invalid CSRF token');
      }
    }
    if (!config.policy || !can(request.session.actor, ...config.policy)) {
      throw new AppError(403, 'forbidden', 'Not allowed');
    }
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: 'validation',
        message: 'The request is invalid',
        requestId: request.id,
        fields: error.validation.map((v) => ({
          path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          code: v.keyword,
          message: v.message ?? '',
          params: v.params,
        })),
      });
    }
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.code, message: error.message, requestId: request.id, ...error.extra });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      const code = status === 429 ? 'rate_limited' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      return reply.code(status).send({ error: code, message: (error as Error).message, requestId: request.id });
    }
    request.log.error({ err: error, requestId: request.id }, 'request failed');
    // Tests run without a logger; this shows a 500's cause when debugging one.
    if (process.env.JIANXING_DEBUG_ERRORS) console.error(error);
    return reply.code(500).send({ error: 'internal', message: 'Internal server error', requestId: request.id });
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(userRoutes);
  await app.register(organizationRoutes);
  await app.register(directoryRoutes);
  await app.register(auditRoutes);
  await app.register(datasetRoutes);
  await app.register(modelRoutes);
  await app.register(apiTokenRoutes);
  await app.register(calendarRoutes);
  await app.register(attachmentRoutes);
  await app.register(clueRoutes);
  await app.register(caseRoutes);
  await app.register(documentRoutes);
  await app.register(notificationRoutes);
  await app.register(numberingRoutes);
  await app.register(jointMeetingRoutes);
  await app.register(knowledgeBaseRoutes);
  await app.register(caseExportRoutes);
  await app.register(caseAssigneeRoutes);
  await app.register(indicatorRoutes);
  await app.register(litigationRoutes);
  await app.register(assessmentRoutes);
  await app.register(governanceRoutes);
  await app.register(escalationRoutes);

  const hasWeb = fs.existsSync(path.join(WEB_ROOT, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_ROOT, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (isApi(request.url) || !hasWeb || request.method !== 'GET') {
      return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id });
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html');
  });

  return app;
}
