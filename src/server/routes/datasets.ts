import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { builtInKind, COLUMN_TYPES, type KindDefinition } from '../../domain/datasetKinds.js';
import { ROLES } from '../../domain/roles.js';
import { SOURCE_ENCODINGS } from '../../ingest/encoding.js';
import { IngestError } from '../../ingest/errors.js';
import { detectFileKind, readRows } from '../../ingest/pipeline.js';
import { allKindDefinitions, allKinds, createDatasetKind, customKind, resolveKind, updateDatasetKind, type KnownKind } from '../commands/datasetKinds.js';
import { createDataset, importDataset, recordUnmaskedView, updateDatasetSharing } from '../commands/datasets.js';
import { AppError, fieldError, forbidden, notFound } from '../errors.js';
import { ImportJobs, type ImportJob } from '../imports/importJobs.js';
import { actorOf, contextOf, idParams, pageQuery, uuid } from '../http.js';
import { authorize, can, type Actor } from '../policies/index.js';
import {
  columnViews,
  datasetRecord,
  errorReportSheets,
  listDatasets,
  presentDataset,
  presentImportJob,
  presentPreview,
  presentRows,
} from '../presenters/datasets.js';
import { workbook } from '../presenters/spreadsheet.js';
import { discardUpload, findUpload, saveUpload, type Upload } from '../uploads.js';

/** Rows validated for a preview; the commit validates them all. */
const PREVIEW_ROWS = 10_000;
const PREVIEW_SAMPLE = 20;

const kindName = z.string().regex(/^[a-z][a-z0-9_]*$/).max(64);
const encoding = z.enum(['auto', ...SOURCE_ENCODINGS]).optional();
const sheet = z.string().trim().min(1).max(100).optional();
const mapping = z.record(z.string().max(200), z.string().max(64).nullable()).optional();
const unmaskedFlag = z.enum(['true', 'false']).optional();
/** Why full ID and phone numbers are asked for (DOMAIN §12): required with unmasked=true. */
const unmaskReason = z.string().max(1000).optional();
const REASON_MIN = 2;
const REASON_MAX = 500;

/** The text fields of a multipart upload, checked one by one: a bad one is a 400 naming it. */
const uploadFields = { kind: kindName.optional(), encoding, sheet };

const datasetSettings = z.object({
  name: z.string().trim().min(1).max(100),
  ownerOrganizationId: uuid.optional(),
  legalBasis: z.enum(['investigation', 'agreement', 'other']),
  legalBasisNote: z.string().trim().max(500).nullable().optional(),
  visibleRoles: z.array(z.enum(ROLES)).optional(),
  visibleOrganizationIds: z.array(uuid).optional(),
});

const kindColumn = z.object({
  name: z.string().trim().min(1).max(60),
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().default(false),
  aliases: z.array(z.string().max(100)).max(50).default([]),
  values: z.array(z.object({ value: z.string().trim().min(1).max(100), labels: z.array(z.string().max(100)).max(50).default([]) })).max(200).optional(),
  unique: z.boolean().optional(),
});
const kindColumns = z.array(kindColumn).min(1).max(200);
const kindLabel = z.string().trim().min(1).max(100);

function kindView(k: KnownKind) {
  const def = k.definition;
  return {
    kind: def.kind,
    label: def.label,
    builtIn: k.builtIn,
    version: k.version,
    columns: columnViews(def),
    aliases: Object.fromEntries(def.columns.map((c) => [c.name, c.aliases])),
    definition: def,
    createdBy: k.createdBy,
    updatedAt: k.updatedAt,
  };
}

async function knownKind(db: Parameters<typeof resolveKind>[0], name: string): Promise<KindDefinition> {
  const kind = await resolveKind(db, name);
  if (!kind) throw new AppError(400, 'validation', `Unknown dataset kind "${name}"`, { fields: [{ path: 'kind', code: 'custom', message: 'Unknown dataset kind', params: { reason: 'unknown_kind' } }] });
  return kind;
}

/** A file that cannot be imported at all: 422 with the pipeline's reason (empty_file, no_header …). */
function asHttpError(err: unknown): never {
  if (err instanceof IngestError) throw new AppError(422, 'invalid_file', err.message, { reason: err.code });
  throw err;
}

/**
 * Multipart fields are not covered by the route's schema: each is parsed here, and a bad one
 * answers 400 in the shape of a schema failure, naming the field (not a 500).
 */
function parseUploadFields(values: { kind?: string; encoding?: string; sheet?: string }): { kind?: string; encoding?: string; sheet?: string } {
  const fields: { path: string; code: string; message: string }[] = [];
  const out: Record<string, string | undefined> = {};
  for (const [name, schema] of Object.entries(uploadFields)) {
    const parsed = schema.safeParse(values[name as keyof typeof values]);
    if (parsed.success) out[name] = parsed.data;
    else fields.push(...parsed.error.issues.map((i) => ({ path: name, code: i.code, message: i.message })));
  }
  if (fields.length) {
    throw new AppError(400, 'validation', `Invalid field${fields.length > 1 ? 's' : ''}: ${[...new Set(fields.map((f) => f.path))].join(', ')}`, { fields });
  }
  return out;
}

const sourceOptions = (o: { encoding?: string; sheet?: string }) => ({
  encoding: o.encoding && o.encoding !== 'auto' ? (o.encoding as (typeof SOURCE_ENCODINGS)[number]) : undefined,
  sheet: o.sheet,
});

export default async function datasetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { warehouse, config } = app.deps;
  const { dataDir } = config;
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  const jobs = new ImportJobs();
  /** Uploads being imported by a running job: not to be committed twice, nor discarded meanwhile. */
  const uploadsInUse = new Set<string>();
  app.addHook('onClose', () => jobs.closeAll());

  const uploadOf = (actor: Actor, id: string): Upload => {
    const upload = findUpload(dataDir, id, actor.id);
    if (!upload) throw notFound('Upload');
    return upload;
  };

  async function preview(upload: Upload, options: { kind?: string; mapping?: Record<string, string | null>; encoding?: string; sheet?: string }) {
    const source = { fileName: upload.fileName, ...sourceOptions(options) };
    const kind = options.kind ? await knownKind(db, options.kind) : await detectFileKind(upload.file, await allKindDefinitions(db), source).catch(asHttpError);
    if (!kind) throw new AppError(422, 'invalid_file', 'The kind of data could not be recognized from the header: choose it', { reason: 'unknown_kind' });
    const report = await readRows(upload.file, { kind, ...source, mapping: options.mapping, maxRows: PREVIEW_ROWS, sampleRows: PREVIEW_SAMPLE }, async () => {}).catch(asHttpError);
    return presentPreview(upload, kind, report);
  }

  r.get('/api/dataset-kinds', {
    config: { policy: ['dataset', 'read'] },
    schema: { tags: ['datasets'], summary: 'The dataset kinds, built in and custom, and their columns (DATA-SPEC §1)' },
    handler: async () => ({ items: (await allKinds(db)).map(kindView) }),
  });

  r.get('/api/dataset-kinds/:kind', {
    config: { policy: ['dataset', 'read'] },
    schema: { tags: ['datasets'], summary: 'One dataset kind with its full definition', params: z.object({ kind: z.string().max(64) }) },
    handler: async (request) => {
      const definition = builtInKind(request.params.kind);
      if (definition) return kindView({ definition, builtIn: true, version: null, createdBy: null, updatedAt: null });
      const custom = await customKind(db, request.params.kind);
      if (!custom) throw notFound('Dataset kind');
      return kindView(custom);
    },
  });

  r.post('/api/dataset-kinds', {
    config: { policy: ['dataset', 'defineKind'] },
    schema: {
      tags: ['datasets'],
      summary: 'Define a custom dataset kind: columns with types, Chinese header aliases and required flags',
      body: z.object({ kind: z.string().trim().min(1).max(64), label: kindLabel, columns: kindColumns }),
    },
    handler: async (request, reply) => {
      const def = await createDatasetKind(db, contextOf(request), request.body);
      return reply.code(201).send(kindView((await customKind(db, def.kind))!));
    },
  });

  r.patch('/api/dataset-kinds/:kind', {
    config: { policy: ['dataset', 'defineKind'] },
    schema: {
      tags: ['datasets'],
      summary: 'Change the label or columns of a custom dataset kind (imported versions keep their own definition)',
      params: z.object({ kind: z.string().max(64) }),
      body: z.object({ label: kindLabel.optional(), columns: kindColumns.optional(), version: z.number().int().min(1) }),
    },
    handler: async (request) => {
      await updateDatasetKind(db, contextOf(request), request.params.kind, request.body);
      return kindView((await customKind(db, request.params.kind))!);
    },
  });

  r.get('/api/datasets', {
    config: { policy: ['dataset', 'read'] },
    schema: {
      tags: ['datasets'],
      summary: 'Datasets the user may see, with their newest version',
      querystring: z.object({ ...pageQuery, kind: kindName.optional(), q: z.string().max(100).optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listDatasets(db, actorOf(request), filter, page, pageSize);
    },
  });

  r.get('/api/datasets/:id', {
    config: { policy: ['dataset', 'read'] },
    schema: { tags: ['datasets'], summary: 'One dataset with its versions and failed imports', params: idParams },
    handler: async (request) => (await presentDataset(db, actorOf(request), request.params.id)) ?? Promise.reject(notFound('Dataset')),
  });

  r.post('/api/datasets/uploads', {
    config: { policy: ['dataset', 'import'] },
    schema: {
      tags: ['datasets'],
      summary: 'Upload a file (multipart, field "file"; optional fields kind, encoding, sheet before it) and preview its import',
      consumes: ['multipart/form-data'],
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
      const part = await request.file();
      if (!part) throw new AppError(400, 'validation', 'The upload holds no file');
      const field = (name: string) => {
        const f = part.fields[name];
        const value = f && !Array.isArray(f) && f.type === 'field' ? String(f.value).trim() : '';
        return value === '' ? undefined : value;
      };
      const options = parseUploadFields({ kind: field('kind'), encoding: field('encoding'), sheet: field('sheet') });
      const upload = await saveUpload(dataDir, actor.id, part.filename, part.file);
      if (part.file.truncated) {
        discardUpload(dataDir, upload.id);
        throw new AppError(413, 'too_large', `The file is larger than ${Math.round(config.maxUploadBytes / 1024 / 1024)} MiB`);
      }
      try {
        return reply.code(201).send(await preview(upload, options));
      } catch (err) {
        discardUpload(dataDir, upload.id);
        throw err;
      }
    },
  });

  r.post('/api/datasets/uploads/:id/preview', {
    config: { policy: ['dataset', 'import'] },
    schema: {
      tags: ['datasets'],
      summary: 'Preview an uploaded file again, e.g. with an edited header → column mapping',
      params: idParams,
      body: z.object({ kind: kindName.optional(), mapping, encoding, sheet }),
    },
    handler: async (request) => preview(uploadOf(actorOf(request), request.params.id), request.body),
  });

  r.delete('/api/datasets/uploads/:id', {
    config: { policy: ['dataset', 'import'] },
    schema: { tags: ['datasets'], summary: 'Discard an uploaded file without importing it', params: idParams },
    handler: async (request, reply) => {
      const upload = uploadOf(actorOf(request), request.params.id);
      if (uploadsInUse.has(upload.id)) throw new AppError(409, 'upload_in_use', 'The file is being imported');
      discardUpload(dataDir, upload.id);
      return reply.code(204).send();
    },
  });

  r.post('/api/datasets/uploads/:id/commit', {
    config: { policy: ['dataset', 'import'] },
    schema: {
      tags: ['datasets'],
      summary:
        'Start importing an uploaded file as a new version of a dataset (an existing one, or one created here); answers 202 with the import job at once (follow it with GET /api/imports/:id)',
      params: idParams,
      body: z
        .object({ kind: kindName, datasetId: uuid.optional(), dataset: datasetSettings.optional(), mapping, encoding, sheet, strict: z.boolean().optional() })
        .refine((b) => !!b.datasetId !== !!b.dataset, { message: 'Give either datasetId or dataset', path: ['datasetId'] }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const ctx = contextOf(request);
      const upload = uploadOf(actor, request.params.id);
      if (uploadsInUse.has(upload.id)) throw new AppError(409, 'upload_in_use', 'The file is already being imported');
      const body = request.body;
      const kind = await knownKind(db, body.kind);
      let datasetId = body.datasetId;
      if (!datasetId) {
        const settings = body.dataset!;
        const existing = await db.selectFrom('datasets').select('id').where('kind', '=', kind.kind).where('name', '=', settings.name).executeTakeFirst();
        if (existing) {
          datasetId = existing.id;
        } else {
          const record = {
            ownerOrganizationId: settings.ownerOrganizationId ?? actor.organizationId,
            visibleRoles: settings.visibleRoles ?? ['analyst' as const, 'procurator' as const],
            visibleOrganizationIds: settings.visibleOrganizationIds ?? [],
          };
          // A liaison may only create datasets that their own organization owns.
          if (!can(actor, 'dataset', 'import', record)) throw forbidden();
          datasetId = await createDataset(db, ctx, { kind: kind.kind, name: settings.name, legalBasis: settings.legalBasis, legalBasisNote: settings.legalBasisNote, ...record });
        }
      }
      const record = await datasetRecord(db, datasetId);
      if (!record) throw notFound('Dataset');
      authorize(actor, 'dataset', 'import', record, { hideExistence: !can(actor, 'dataset', 'read', record) });
      if (record.kind !== kind.kind) throw fieldError('kind', 'kind_mismatch', `The dataset holds ${record.kind}, not ${kind.kind}`);

      const target = datasetId;
      uploadsInUse.add(upload.id);
      const job = jobs.start(
        { userId: actor.id, importer: actor.displayName },
        { datasetId: target, datasetName: record.name, kind: kind.kind, kindLabel: kind.label, fileName: upload.fileName, bytesTotal: upload.bytes },
        (hooks) =>
          importDataset({ db, warehouse, dataDir }, ctx, {
            datasetId: target,
            kind,
            file: upload.file,
            fileName: upload.fileName,
            mapping: body.mapping,
            strict: body.strict,
            ...sourceOptions(body),
            ...hooks,
          }),
        () => {
          uploadsInUse.delete(upload.id);
          discardUpload(dataDir, upload.id);
        },
      );
      job.done.then(() => {
        if (job.error) request.log.error({ jobId: job.id, err: job.error }, 'import job failed');
      });
      return reply.code(202).send({ jobId: job.id, job: await presentImportJob(db, job) });
    },
  });

  /** The job if the actor may follow it; 404 for anyone else's (its existence is not revealed). */
  const jobOf = (actor: Actor, id: string, action: 'read' | 'cancel'): ImportJob => {
    const job = jobs.get(id);
    if (!job || !can(actor, 'datasetImport', action, job)) throw notFound('Import');
    return job;
  };

  r.get('/api/imports', {
    config: { policy: ['datasetImport', 'read'] },
    schema: {
      tags: ['datasets'],
      summary: "The user's imports running in the background, or ended within the last hour (newest first); state=running for those still running",
      querystring: z.object({ state: z.enum(['running']).optional() }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const items = jobs.list({ userId: actor.id, running: request.query.state === 'running' });
      return { items: await Promise.all(items.map((j) => presentImportJob(db, j))) };
    },
  });

  r.get('/api/imports/:id', {
    config: { policy: ['datasetImport', 'read'] },
    schema: { tags: ['datasets'], summary: 'An import job: stage, rows and bytes so far, elapsed time, state; on success the version', params: idParams },
    handler: async (request) => presentImportJob(db, jobOf(actorOf(request), request.params.id, 'read')),
  });

  r.post('/api/imports/:id/cancel', {
    config: { policy: ['datasetImport', 'cancel'] },
    schema: {
      tags: ['datasets'],
      summary: 'Cancel a running import (its importer, or an administrator): no version is made, the staging table is dropped, the source file is not kept',
      params: idParams,
    },
    handler: async (request) => {
      const job = jobOf(actorOf(request), request.params.id, 'cancel');
      return presentImportJob(db, await jobs.cancel(job));
    },
  });

  r.patch('/api/datasets/:id/sharing', {
    config: { policy: ['dataset', 'share'] },
    schema: {
      tags: ['datasets'],
      summary: 'Change who may see a dataset (roles, organizations); `previous` is the sharing the editor saw (409 if it changed meanwhile)',
      params: idParams,
      body: z.object({
        visibleRoles: z.array(z.enum(ROLES)).max(ROLES.length),
        visibleOrganizationIds: z.array(uuid).max(500),
        previous: z.object({ visibleRoles: z.array(z.enum(ROLES)), visibleOrganizationIds: z.array(uuid) }),
      }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const record = await datasetRecord(db, request.params.id);
      if (!record) throw notFound('Dataset');
      authorize(actor, 'dataset', 'share', record, { hideExistence: !can(actor, 'dataset', 'read', record) });
      await updateDatasetSharing(db, contextOf(request), record.id, request.body);
      const updated = (await datasetRecord(db, record.id))!;
      return { id: updated.id, visibleRoles: updated.visibleRoles, visibleOrganizationIds: updated.visibleOrganizationIds };
    },
  });

  /** The dataset if the actor may read it (404 otherwise), and its committed version `number`
   * (default: the newest) or any version by id. */
  async function readableVersion(actor: Actor, datasetId: string, which: { number?: number; id?: string }) {
    const record = await datasetRecord(db, datasetId);
    if (!record) throw notFound('Dataset');
    authorize(actor, 'dataset', 'read', record, { hideExistence: true });
    let q = db
      .selectFrom('dataset_versions')
      .select(['id', 'version', 'status', 'kind_definition', 'warehouse_table', 'errors', 'warnings'])
      .where('dataset_id', '=', datasetId);
    if (which.id) q = q.where('id', '=', which.id);
    else q = q.where('status', '=', 'committed').orderBy('version', 'desc');
    if (which.number !== undefined) q = q.where('version', '=', which.number);
    const version = await q.limit(1).executeTakeFirst();
    if (!version) throw notFound('Version');
    return version;
  }

  /** The stated reason when full numbers are asked for and allowed; null for the masked view. */
  function unmaskReasonOf(request: { query: { unmasked?: 'true' | 'false'; reason?: string } }, actor: Actor): string | null {
    if (request.query.unmasked !== 'true') return null;
    if (!can(actor, 'dataset', 'unmask')) throw forbidden();
    const reason = request.query.reason?.trim() ?? '';
    if (reason.length < REASON_MIN || reason.length > REASON_MAX) {
      throw fieldError('reason', 'reason_required', `State why the full numbers are needed (${REASON_MIN}–${REASON_MAX} characters)`);
    }
    return reason;
  }

  r.get('/api/datasets/:id/rows', {
    config: { policy: ['dataset', 'read'] },
    schema: {
      tags: ['datasets'],
      summary: 'A page of the rows of a version (default: the newest), searchable; ID and phone numbers masked unless unmasked=true is asked and allowed (audited)',
      params: idParams,
      querystring: z.object({
        ...pageQuery,
        version: z.coerce.number().int().min(1).optional(),
        q: z.string().max(100).optional(),
        unmasked: unmaskedFlag,
        reason: unmaskReason,
      }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { page, pageSize, q } = request.query;
      const version = await readableVersion(actor, request.params.id, { number: request.query.version });
      const reason = unmaskReasonOf(request, actor);
      if (reason) await recordUnmaskedView(db, contextOf(request), { datasetId: request.params.id, versionId: version.id, what: 'rows', reason, q, page });
      const rows = await presentRows(warehouse, { kind: version.kind_definition, table: version.warehouse_table! }, { q, page, pageSize, unmasked: reason !== null });
      return { version: version.version, versionId: version.id, ...rows };
    },
  });

  r.get('/api/datasets/:id/versions/:versionId/errors', {
    config: { policy: ['dataset', 'read'] },
    schema: {
      tags: ['datasets'],
      summary:
        'The rejected rows and warnings of an import as an XLSX workbook; ID and phone numbers masked unless unmasked=true with a reason is asked and allowed (audited)',
      params: z.object({ id: uuid, versionId: uuid }),
      querystring: z.object({ unmasked: unmaskedFlag, reason: unmaskReason }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const version = await readableVersion(actor, request.params.id, { id: request.params.versionId });
      const reason = unmaskReasonOf(request, actor);
      if (reason) await recordUnmaskedView(db, contextOf(request), { datasetId: request.params.id, versionId: version.id, what: 'error_report', reason });
      const file = await workbook(errorReportSheets(version.kind_definition, version.errors, version.warnings, reason !== null));
      const name = `import-errors-${version.version ? `v${version.version}` : version.id.slice(0, 8)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  });
}
