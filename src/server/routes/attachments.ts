import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../commands/audit.js';
import { AppError, fieldError, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, uuid } from '../http.js';
import { authorize, hasRole, inAgency } from '../policies/policy.js';
import { caseRecordOf, clueRecord, documentRecordOf } from '../presenters/cases.js';
import { safeFileName } from '../uploads.js';

const OWNER_TYPES = ['clue', 'case', 'reply', 'objection'] as const;
type OwnerType = (typeof OWNER_TYPES)[number];
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Attachments: evidence on a case (procuratorate only), material an agency sends with a clue it
 * transfers, a reply (penalty decision, rectification proof) or an objection. Whoever may see the
 * owner may download; who may attach follows who may act on the owner. Files are kept under
 * data/attachments with their SHA-256; every upload and download is audited.
 */
export default async function attachmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const root = path.join(app.deps.config.dataDir, 'attachments');
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

  /** Checks the actor may see (and, for `write`, add to) the owner; 404 when it is not theirs to see. */
  async function owner(request: FastifyRequest, type: OwnerType, id: string, write: boolean): Promise<{ caseId: string | null }> {
    const actor = actorOf(request);
    if (type === 'clue') {
      const clue = await db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirst();
      if (!clue) throw notFound('Clue');
      authorize(actor, 'clue', 'read', clueRecord(clue), { hideExistence: true });
      if (write && inAgency(actor) && clue.submitted_by_organization_id !== actor.organizationId) throw notFound('Clue');
      if (write && !inAgency(actor)) authorize(actor, 'clue', 'evaluate', clueRecord(clue));
      return { caseId: clue.case_id };
    }
    if (type === 'case') {
      const c = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      if (!c) throw notFound('Case');
      // Case evidence is internal: an agency sees its documents, never the investigation file.
      if (inAgency(actor)) throw notFound('Case');
      const record = await caseRecordOf(db, c);
      authorize(actor, 'case', 'read', record, { hideExistence: true });
      if (write) authorize(actor, 'case', 'edit', record);
      return { caseId: c.id };
    }
    const row =
      type === 'reply'
        ? await db.selectFrom('replies').select(['document_id', 'case_id', 'organization_id']).where('id', '=', id).executeTakeFirst()
        : await db.selectFrom('objections').select(['document_id', 'case_id', 'organization_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(type === 'reply' ? 'Reply' : 'Objection');
    const doc = await db.selectFrom('documents').select(['recipient_id', 'state', 'drafted_by']).where('id', '=', row.document_id).executeTakeFirstOrThrow();
    const c = await db.selectFrom('cases').select(['procuratorate_id', 'procurator_id']).where('id', '=', row.case_id).executeTakeFirstOrThrow();
    authorize(actor, 'document', 'read', documentRecordOf(doc, c), { hideExistence: true });
    // The answering agency adds its proof; a procurator may file a paper original on its behalf.
    if (write && !(actor.organizationId === row.organization_id || (hasRole(actor, 'procurator') && actor.organizationId === c.procuratorate_id))) throw notFound();
    return { caseId: row.case_id };
  }

  const present = (a: { id: string; owner_type: string; owner_id: string; file_name: string; media_type: string; size_bytes: number; sha256: string; uploaded_by_name: string; uploaded_at: Date }) => ({
    id: a.id,
    ownerType: a.owner_type,
    ownerId: a.owner_id,
    fileName: a.file_name,
    mediaType: a.media_type,
    sizeBytes: a.size_bytes,
    sha256: a.sha256,
    uploadedBy: a.uploaded_by_name,
    uploadedAt: new Date(a.uploaded_at).toISOString(),
  });

  r.get('/api/attachments', {
    config: { policy: ['attachment', 'read'] },
    schema: { tags: ['attachments'], summary: 'Attachments of a clue, case, reply or objection', querystring: z.object({ ownerType: z.enum(OWNER_TYPES), ownerId: uuid }) },
    handler: async (request) => {
      await owner(request, request.query.ownerType, request.query.ownerId, false);
      const rows = await db.selectFrom('attachments').selectAll().where('owner_type', '=', request.query.ownerType).where('owner_id', '=', request.query.ownerId).orderBy('uploaded_at').execute();
      return { items: rows.map(present) };
    },
  });

  r.post('/api/attachments', {
    config: { policy: ['attachment', 'create'] },
    schema: { tags: ['attachments'], summary: 'Attach a file (multipart: fields ownerType and ownerId, then the file)', consumes: ['multipart/form-data'] },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
      const part = await request.file();
      if (!part) throw new AppError(400, 'validation', 'The upload holds no file');
      const field = (name: string) => {
        const f = part.fields[name];
        return f && !Array.isArray(f) && f.type === 'field' ? String(f.value) : undefined;
      };
      const parsed = z.object({ ownerType: z.enum(OWNER_TYPES), ownerId: uuid }).safeParse({ ownerType: field('ownerType'), ownerId: field('ownerId') });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw fieldError(String(issue.path[0] ?? 'ownerType'), 'invalid_owner', `Send ownerType (${OWNER_TYPES.join(', ')}) and ownerId before the file`);
      }
      const target = parsed.data;
      const { caseId } = await owner(request, target.ownerType, target.ownerId, true);
      const id = crypto.randomUUID();
      const relative = path.join(new Date().toISOString().slice(0, 7), id);
      const file = path.join(root, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      const digest = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, digest, fs.createWriteStream(file));
        if (part.file.truncated) throw new AppError(413, 'too_large', `The file is larger than ${MAX_BYTES / 1024 / 1024} MiB`);
        const ctx = contextOf(request);
        const actor = actorOf(request);
        const row = await db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto('attachments')
            .values({
              id,
              owner_type: target.ownerType,
              owner_id: target.ownerId,
              case_id: caseId,
              organization_id: actor.organizationId,
              file_name: safeFileName(part.filename),
              media_type: part.mimetype || 'application/octet-stream',
              size_bytes: bytes,
              sha256: hash.digest('hex'),
              stored_path: relative,
              uploaded_by: actor.id,
              uploaded_by_name: actor.displayName,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(trx, ctx, { action: 'attachment.upload', recordType: 'attachment', recordId: id, details: { ownerType: target.ownerType, ownerId: target.ownerId, sha256: inserted.sha256, bytes } });
          return inserted;
        });
        return reply.code(201).send(present(row));
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
    },
  });

  r.get('/api/attachments/:id', {
    config: { policy: ['attachment', 'read'] },
    schema: { tags: ['attachments'], summary: 'Download an attachment', params: idParams },
    handler: async (request, reply) => {
      const a = await db.selectFrom('attachments').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!a) throw notFound('Attachment');
      await owner(request, a.owner_type, a.owner_id, false);
      await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'attachment.download', recordType: 'attachment', recordId: a.id }));
      return reply
        .header('content-type', a.media_type)
        .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
        .send(fs.createReadStream(path.join(root, a.stored_path)));
    },
  });
}
