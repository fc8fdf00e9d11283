import crypto from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveKind } from '../commands/datasetKinds.js';
import { SOURCE_ENCODINGS, type SourceEncoding } from '../../ingest/encoding.js';
import { authenticateApiToken, createApiToken, revokeApiToken, tokenContext } from '../commands/apiTokens.js';
import { importDataset } from '../commands/datasets.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, uuid } from '../http.js';
import { authorize, can, type Actor } from '../policies/index.js';
import { datasetRecord, maskIssues } from '../presenters/datasets.js';
import { discardUpload, saveUpload } from '../uploads.js';

/** Row issues returned by a push; errors_total / warnings_total give the full counts. */
const ISSUES_RETURNED = 100;

async function listTokens(db: Db, actor: Actor) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    // Never token_hash: the listing shows what a token may do, not how to use it.
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.organization_id',
      'organizations.short_name',
      'api_tokens.dataset_ids',
      'api_tokens.created_by_name',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ])
    .orderBy('api_tokens.created_at', 'desc');
  if (!can(actor, 'apiToken', 'manage', { organizationId: '' })) q = q.where('api_tokens.organization_id', '=', actor.organizationId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organization: { id: r.organization_id, shortName: r.short_name },
    datasetIds: r.dataset_ids,
    createdBy: r.created_by_name,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }));
}

/** Rate-limit key of a push: the token (by its hash) when one is sent, else the client address. */
function pushKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  return typeof auth === 'string' && auth.length < 200 ? `token:${crypto.createHash('sha256').update(auth).digest('hex')}` : `ip:${request.ip}`;
}

export default async function apiTokenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { warehouse, config } = app.deps;
  const { dataDir } = config;
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });

  r.get('/api/api-tokens', {
    config: { policy: ['apiToken', 'manage'] },
    schema: { tags: ['api-tokens'], summary: 'API tokens (never their secrets): all for administrators, their own organization’s for an agency leader' },
    handler: async (request) => ({ items: await listTokens(db, actorOf(request)) }),
  });

  r.post('/api/api-tokens', {
    config: { policy: ['apiToken', 'manage'] },
    schema: {
      tags: ['api-tokens'],
      summary: 'Create an API token for an organization, limited to datasets it owns; the secret is in this answer only',
      body: z.object({ name: z.string().trim().min(1).max(100), organizationId: uuid, datasetIds: z.array(uuid).min(1).max(100) }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'apiToken', 'manage', { organizationId: request.body.organizationId });
      const { id, secret } = await createApiToken(db, contextOf(request), request.body);
      const token = (await listTokens(db, actor)).find((t) => t.id === id)!;
      return reply.code(201).send({ ...token, secret });
    },
  });

  r.post('/api/api-tokens/:id/revoke', {
    config: { policy: ['apiToken', 'manage'] },
    schema: { tags: ['api-tokens'], summary: 'Revoke an API token; pushes with it answer 401 from now on', params: idParams },
    handler: async (request) => {
      const actor = actorOf(request);
      const row = await db.selectFrom('api_tokens').select('organization_id').where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw notFound('API token');
      authorize(actor, 'apiToken', 'manage', { organizationId: row.organization_id }, { hideExistence: true });
      await revokeApiToken(db, contextOf(request), request.params.id);
      return (await listTokens(db, actor)).find((t) => t.id === request.params.id)!;
    },
  });

  r.post('/api/push/datasets/:datasetId/versions', {
    // Public for the session hook only: this route authenticates by its own bearer token (below),
    // never by the session cookie, so the cookie session and its CSRF check do not apply — a
    // browser cannot be tricked into sending an Authorization header the way it sends cookies.
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: pushKey } },
    schema: {
      tags: ['api-tokens'],
      summary: 'Push a file (multipart: optional fields encoding, sheet, strict, then the file) as a new version of a dataset, with Authorization: Bearer jx_…',
      consumes: ['multipart/form-data'],
      params: z.object({ datasetId: z.string().max(100) }),
      security: [],
    },
    handler: async (request, reply) => {
      // The token before anything else, the body included: an unauthenticated caller learns nothing.
      const token = await authenticateApiToken(db, request.headers.authorization);
      if (!token) {
        reply.header('www-authenticate', 'Bearer realm="jianxing"');
        throw new AppError(401, 'unauthorized', 'A valid API token is required (Authorization: Bearer jx_…)');
      }
      const { datasetId } = request.params;
      // Any dataset the token may not push to is simply not there for it.
      if (!uuid.safeParse(datasetId).success || !token.datasetIds.includes(datasetId)) throw notFound('Dataset');
      const record = await datasetRecord(db, datasetId);
      if (!record || record.ownerOrganizationId !== token.organizationId) throw notFound('Dataset');
      const kind = await resolveKind(db, record.kind);
      if (!kind) throw new AppError(422, 'invalid_file', `The kind "${record.kind}" of the dataset is unknown`, { reason: 'unknown_kind' });

      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
      const part = await request.file();
      if (!part) throw new AppError(400, 'validation', 'The request holds no file');
      const field = (name: string) => {
        const f = part.fields[name];
        const value = f && !Array.isArray(f) && f.type === 'field' ? String(f.value).trim() : '';
        return value === '' ? undefined : value;
      };
      const options = z
        .object({ encoding: z.enum(['auto', ...SOURCE_ENCODINGS]).optional(), sheet: z.string().min(1).max(100).optional(), strict: z.enum(['true', 'false']).optional() })
        .safeParse({ encoding: field('encoding'), sheet: field('sheet'), strict: field('strict') });
      if (!options.success) {
        part.file.resume();
        throw new AppError(400, 'validation', 'The request is invalid', {
          fields: options.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
        });
      }
      const upload = await saveUpload(dataDir, `api-token:${token.id}`, part.filename, part.file);
      try {
        if (part.file.truncated) throw new AppError(413, 'too_large', `The file is larger than ${Math.round(config.maxUploadBytes / 1024 / 1024)} MiB`);
        const encoding = options.data.encoding && options.data.encoding !== 'auto' ? (options.data.encoding as SourceEncoding) : undefined;
        const outcome = await importDataset({ db, warehouse, dataDir }, tokenContext(token, request.ip, String(request.id)), {
          datasetId,
          kind,
          file: upload.file,
          fileName: upload.fileName,
          encoding,
          sheet: options.data.sheet,
          strict: options.data.strict === 'true',
        });
        const report = outcome.report;
        // The import report of `jianxing import --json`, with ID and phone numbers masked.
        const body = {
          dataset: datasetId,
          kind: kind.kind,
          version: outcome.version,
          versionId: outcome.versionId,
          status: outcome.status,
          rows_read: report?.rowsRead ?? 0,
          rows_imported: report?.rowsImported ?? 0,
          rows_rejected: report?.rowsRejected ?? 0,
          warnings: report ? maskIssues(report.warnings.slice(0, ISSUES_RETURNED), kind, false) : [],
          warnings_total: report?.warningsTotal ?? 0,
          errors: report ? maskIssues(report.errors.slice(0, ISSUES_RETURNED), kind, false) : [],
          errors_total: report?.errorsTotal ?? 0,
          format: report?.format ?? null,
          encoding: report?.encoding ?? null,
        };
        if (outcome.failure) {
          throw new AppError(422, 'import_failed', outcome.failure.message, { reason: outcome.failure.code, ...body, failure: outcome.failure.message, failure_code: outcome.failure.code });
        }
        return reply.code(201).send(body);
      } finally {
        discardUpload(dataDir, upload.id);
      }
    },
  });
}
