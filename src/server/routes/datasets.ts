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
import { createDataset, importDataset, recordUnmaskedView } from '../commands/datasets.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid } from '../http.js';
import { authorize, can, type Actor } from '../policies/index.js';
import {
  columnViews,
  datasetRecord,
  errorReportSheets,
  listDatasets,
  maskIssues,
  presentDataset,
  presentPreview,
  presentRows,
} from '../presenters/datasets.js';
import { workbook } from '../presenters/spreadsheet.js';
import { discardUpload, findUpload, saveUpload, type Upload } from '../uploads.js';

/** Rows validated for a preview; the commit validates them all. */
const PREVIEW_ROWS = 10_000;
const PREVIEW_SAMPLE = 20;
/** Row issues returned with a commit; the full list is in the error report. */
const ISSUES_RETURNED = 100;

const kindName = z.string().regex(/^[a-z][a-z0-9_]*$/).max(64);
const encoding = z.enum(['auto', ...SOURCE_ENCODINGS]).optional();
const sheet = z.string().trim().min(1).max(100).optional();
const mapping = z.record(z.string().max(200), z.string().max(64).nullable()).optional();
const unmaskedFlag = z.enum(['true', 'false']).optional();

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
      const options = z.object({ kind: kindName.optional(), encoding, sheet }).parse({ kind: field('kind'), encoding: field('encoding'), sheet: field('sheet') });
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
      discardUpload(dataDir, uploadOf(actorOf(request), request.params.id).id);
      return reply.code(204).send();
    },
  });

  r.post('/api/datasets/uploads/:id/commit', {
    config: { policy: ['dataset', 'import'] },
    schema: {
      tags: ['datasets'],
      summary: 'Import an uploaded file as a new version of a dataset (an existing one, or one created here)',
      params: idParams,
      body: z
        .object({ kind: kindName, datasetId: uuid.optional(), dataset: datasetSettings.optional(), mapping, encoding, sheet, strict: z.boolean().optional() })
        .refine((b) => !!b.datasetId !== !!b.dataset, { message: 'Give either datasetId or dataset', path: ['datasetId'] }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const ctx = contextOf(request);
      const upload = uploadOf(actor, request.params.id);
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
      const outcome = await importDataset({ db, warehouse, dataDir }, ctx, {
        datasetId,
        kind,
        file: upload.file,
        fileName: upload.fileName,
        mapping: body.mapping,
        strict: body.strict,
        ...sourceOptions(body),
      });
      discardUpload(dataDir, upload.id);
      const dataset = await presentDataset(db, actor, datasetId);
      const version = dataset?.versions.find((v) => v.id === outcome.versionId) ?? dataset?.failedImports.find((v) => v.id === outcome.versionId) ?? null;
      const report = outcome.report;
      const issues = {
        errors: report ? maskIssues(report.errors.slice(0, ISSUES_RETURNED), kind, false) : [],
        warnings: report ? maskIssues(report.warnings.slice(0, ISSUES_RETURNED), kind, false) : [],
      };
      if (outcome.failure) {
        throw new AppError(422, 'import_failed', outcome.failure.message, { reason: outcome.failure.code, datasetId, version, ...issues });
      }
      return reply.code(201).send({ dataset, version, ...issues });
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

  async function unmaskRequested(request: { query: { unmasked?: 'true' | 'false' } }, actor: Actor) {
    if (request.query.unmasked !== 'true') return false;
    if (!can(actor, 'dataset', 'unmask')) throw forbidden();
    return true;
  }

  r.get('/api/datasets/:id/rows', {
    config: { policy: ['dataset', 'read'] },
    schema: {
      tags: ['datasets'],
      summary: 'A page of the rows of a version (default: the newest), searchable; ID and phone numbers masked unless unmasked=true is asked and allowed (audited)',
      params: idParams,
      querystring: z.object({ ...pageQuery, version: z.coerce.number().int().min(1).optional(), q: z.string().max(100).optional(), unmasked: unmaskedFlag }),
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { page, pageSize, q } = request.query;
      const version = await readableVersion(actor, request.params.id, { number: request.query.version });
      const unmasked = await unmaskRequested(request, actor);
      if (unmasked) await recordUnmaskedView(db, contextOf(request), { datasetId: request.params.id, versionId: version.id, what: 'rows', q, page });
      const rows = await presentRows(warehouse, { kind: version.kind_definition, table: version.warehouse_table! }, { q, page, pageSize, unmasked });
      return { version: version.version, versionId: version.id, ...rows };
    },
  });

  r.get('/api/datasets/:id/versions/:versionId/errors', {
    config: { policy: ['dataset', 'read'] },
    schema: {
      tags: ['datasets'],
      summary: 'The rejected rows and warnings of an import as an XLSX workbook',
      params: z.object({ id: uuid, versionId: uuid }),
      querystring: z.object({ unmasked: unmaskedFlag }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const version = await readableVersion(actor, request.params.id, { id: request.params.versionId });
      const unmasked = await unmaskRequested(request, actor);
      if (unmasked) await recordUnmaskedView(db, contextOf(request), { datasetId: request.params.id, versionId: version.id, what: 'error_report' });
      const file = await workbook(errorReportSheets(version.kind_definition, version.errors, version.warnings, unmasked));
      const name = `import-errors-${version.version ? `v${version.version}` : version.id.slice(0, 8)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(file);
    },
  });
}
