import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { KindDefinition } from '../../domain/datasetKinds.js';
import type { Role } from '../../domain/roles.js';
import { IngestError } from '../../ingest/errors.js';
import type { MappingOverride } from '../../ingest/header.js';
import type { StartedWorkers } from '../../ingest/parallelRead.js';
import { readRows, startWorkersFor, type ReadProgress, type ReadReport } from '../../ingest/pipeline.js';
import type { SourceOptions } from '../../ingest/readers.js';
import { storedColumns } from '../../ingest/tableLayout.js';
import { isAlive } from '../db/embedded.js';
import type { Db } from '../db/index.js';
import type { LegalBasis } from '../db/schema.js';
import { datasetTableName, versionOfTable, type Warehouse } from '../db/warehouse.js';
import { conflict, fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { systemContext, type CommandContext } from './context.js';

export interface NewDataset {
  kind: string;
  name: string;
  ownerOrganizationId: string | null;
  legalBasis: LegalBasis;
  legalBasisNote?: string | null;
  visibleRoles?: Role[];
  visibleOrganizationIds?: string[];
}

export interface ImportDeps {
  db: Db;
  warehouse: Warehouse;
  dataDir: string;
}

export interface ImportRequest extends Pick<SourceOptions, 'encoding' | 'sheet'> {
  datasetId: string;
  kind: KindDefinition;
  /** The file to import; it is copied into the data directory and kept with the version. */
  file: string;
  /** The name the user gave the file. */
  fileName: string;
  mapping?: MappingOverride;
  /** Import nothing when any row is rejected. */
  strict?: boolean;
  /** Cancels the import until its rows are all read (see ImportStage 'committing'). */
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
  onStage?: (stage: ImportStage) => void;
}

/**
 * Where an import is: keeping the source file, reading its rows, waiting for the warehouse to
 * finish loading them (DuckDB loads behind the reader), then committing the version. Once
 * 'committing' has begun the import can no longer be cancelled.
 */
export type ImportStage = 'copying' | 'reading' | 'loading' | 'committing';

export interface ImportOutcome {
  versionId: string;
  /** The version number, once committed. */
  version: number | null;
  /** 'cancelled': the signal stopped it; nothing of it is kept (no version, no source file). */
  status: 'committed' | 'failed' | 'cancelled';
  /** Why nothing was imported (a whole-file problem, --strict with rejected rows, or a cancel). */
  failure: { code: string; message: string } | null;
  report: ReadReport | null;
  /** Non-prosecution decisions: what entered the clue register, or why nothing did. */
  clues?: { read: number; created: number; alreadyRegistered: number } | { skipped: string };
}

const UNIQUE_VIOLATION = '23505';

export async function createDataset(db: Db, ctx: CommandContext, input: NewDataset): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('datasets')
      .values({
        kind: input.kind,
        name: input.name.trim(),
        owner_organization_id: input.ownerOrganizationId,
        legal_basis: input.legalBasis,
        legal_basis_note: input.legalBasisNote ?? null,
        ...(input.visibleRoles && { visible_roles: input.visibleRoles }),
        ...(input.visibleOrganizationIds && { visible_organization_ids: input.visibleOrganizationIds }),
        created_by: ctx.actor?.id ?? null,
        created_by_name: ctx.actorName,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err) => {
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw fieldError('name', 'name_taken', `A ${input.kind} dataset with this name exists`);
        throw err;
      });
    await recordAudit(trx, ctx, { action: 'dataset.create', recordType: 'dataset', recordId: id, details: { ...input } });
    return id;
  });
}

/** host:pid, recorded on an import so that a later start can tell an interrupted one. */
const thisProcess = () => `${os.hostname()}:${process.pid}`;

function processIsGone(importerProcess: string): boolean {
  const [host, pid] = importerProcess.split(':');
  return host === os.hostname() && Number(pid) !== process.pid && !isAlive(Number(pid));
}

/** Where a version's source file is kept, relative to the data directory. */
function sourcePath(datasetId: string, versionId: string, fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  return path.join('sources', datasetId, `${versionId}${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`);
}

/** Copies the file into the data directory (a kernel copy), returning its SHA-256 and size. */
async function keepSource(from: string, to: string): Promise<{ sha256: string; bytes: number }> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  await fs.promises.copyFile(from, to);
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(to, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const issuesJson = (report: ReadReport | null) => ({
  rows_read: report?.rowsRead ?? 0,
  rows_imported: report?.rowsImported ?? 0,
  rows_rejected: report?.rowsRejected ?? 0,
  warnings_count: report?.warningsTotal ?? 0,
  warnings: JSON.stringify(report?.warnings ?? []),
  errors_count: report?.errorsTotal ?? 0,
  errors: JSON.stringify(report?.errors ?? []),
});

/**
 * Imports a file as a new version of a dataset. The version is registered as 'importing' first
 * (so an interrupted import is known), its rows are loaded into a staging table, and only when
 * every row is in is the table renamed and the version committed and numbered. A whole-file
 * problem, or a rejected row under `strict`, ends the version as 'failed' with nothing loaded;
 * the source file is kept either way.
 */
export async function importDataset(deps: ImportDeps, ctx: CommandContext, request: ImportRequest): Promise<ImportOutcome> {
  // A large CSV's worker threads load their code while the file is copied and hashed.
  const workers = startWorkersFor(request.file, { kind: request.kind, fileName: request.fileName });
  try {
    return await importWithWorkers(deps, ctx, request, workers ?? undefined);
  } finally {
    await workers?.dispose();
  }
}

async function importWithWorkers(deps: ImportDeps, ctx: CommandContext, request: ImportRequest, workers: StartedWorkers | undefined): Promise<ImportOutcome> {
  const { db, warehouse, dataDir } = deps;
  const dataset = await db.selectFrom('datasets').select(['id', 'kind']).where('id', '=', request.datasetId).executeTakeFirst();
  if (!dataset) throw notFound('Dataset');
  if (dataset.kind !== request.kind.kind) throw fieldError('kind', 'kind_mismatch', `The dataset holds ${dataset.kind}, not ${request.kind.kind}`);

  const versionId = crypto.randomUUID();
  const relativeSource = sourcePath(dataset.id, versionId, request.fileName);
  request.onStage?.('copying');
  const source = await keepSource(request.file, path.join(dataDir, relativeSource));
  await db
    .insertInto('dataset_versions')
    .values({
      id: versionId,
      dataset_id: dataset.id,
      status: 'importing',
      kind_definition: JSON.stringify(request.kind),
      source_path: relativeSource,
      source_filename: request.fileName,
      source_sha256: source.sha256,
      source_bytes: source.bytes,
      strict: request.strict ?? false,
      importer_id: ctx.actor?.id ?? null,
      importer_name: ctx.actorName,
      importer_process: thisProcess(),
    })
    .execute();

  const table = datasetTableName(versionId);
  let report: ReadReport | null = null;
  const load = await warehouse.loadTable(table, storedColumns(request.kind));
  try {
    throwIfCancelled(request.signal);
    request.onStage?.('reading');
    report = await readRows(
      path.join(dataDir, relativeSource),
      { kind: request.kind, workers, fileName: request.fileName, encoding: request.encoding, sheet: request.sheet, mapping: request.mapping, signal: request.signal, onProgress: request.onProgress, testPauseMs: Number(process.env.JIANXING_TEST_IMPORT_PAUSE_MS) || undefined },
      (csv) => load.append(csv),
    );
    throwIfCancelled(request.signal);
    if (request.strict && report.rowsRejected > 0) {
      const rejected = report.rowsRejected;
      // Nothing is imported, so no row read counts as imported: rows read = imported + rejected.
      report = { ...report, rowsImported: 0, rowsRejected: report.rowsRead };
      throw new IngestError('strict_rejected', `${rejected} row(s) rejected; in strict mode nothing is imported`);
    }
    request.onStage?.('loading');
    await load.publish();
    throwIfCancelled(request.signal);
    // The point of no return: from here on the import is not cancelled.
    request.onStage?.('committing');
  } catch (err) {
    await load.abort().catch(() => {});
    if (err instanceof IngestError && err.code === 'cancelled') {
      // Cancelled while the warehouse finished loading: the table was already in place.
      await warehouse.dropTable(table).catch(() => {});
      return forgetCancelledImport(deps, ctx, { datasetId: dataset.id, versionId, relativeSource, fileName: request.fileName, sha256: source.sha256, report });
    }
    const failure = err instanceof IngestError ? { code: err.code, message: err.message } : { code: 'internal', message: (err as Error).message };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('dataset_versions')
        .set({ status: 'failed', failure: failure.message, finished_at: new Date(), ...issuesJson(report), ...describeSource(report) })
        .where('id', '=', versionId)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'dataset.import_failed',
        recordType: 'dataset',
        recordId: dataset.id,
        details: { versionId, fileName: request.fileName, sha256: source.sha256, failure: failure.code },
      });
    });
    if (!(err instanceof IngestError)) throw err;
    return { versionId, version: null, status: 'failed', failure, report };
  }

  const committed = report;
  try {
    const version = await db.transaction().execute(async (trx) => {
      // Serialises numbering among concurrent imports into the same dataset.
      await trx.selectFrom('datasets').select('id').where('id', '=', dataset.id).forUpdate().execute();
      const { last } = await trx
        .selectFrom('dataset_versions')
        .select(sql<number>`coalesce(max(version), 0)`.as('last'))
        .where('dataset_id', '=', dataset.id)
        .executeTakeFirstOrThrow();
      const number = Number(last) + 1;
      await trx
        .updateTable('dataset_versions')
        .set({ status: 'committed', version: number, warehouse_table: table, finished_at: new Date(), ...issuesJson(committed), ...describeSource(committed) })
        .where('id', '=', versionId)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'dataset.import',
        recordType: 'dataset',
        recordId: dataset.id,
        details: {
          versionId,
          version: number,
          fileName: request.fileName,
          sha256: source.sha256,
          rowsRead: committed.rowsRead,
          rowsImported: committed.rowsImported,
          rowsRejected: committed.rowsRejected,
        },
      });
      return number;
    });
    let clues: ImportOutcome['clues'];
    if (dataset.kind === 'non_prosecution_decisions') {
      // Every non-prosecution decision is reviewed (DOMAIN process 1): the new rows enter the
      // clue register. Loaded lazily: the case commands depend on this module, not the reverse.
      // The import stands either way; a failure here is reported and can be repeated from the
      // clue register (sync).
      const { registerImportedDecisions } = await import('./nonProsecutionSync.js');
      clues = await registerImportedDecisions(db, warehouse, ctx, table).catch((err: Error) => ({ skipped: err.message }));
    }
    return { versionId, version, status: 'committed', failure: null, report: committed, ...(clues && { clues }) };
  } catch (err) {
    // The table is in place but the version is not committed: nobody may read it.
    await warehouse.dropTable(table).catch(() => {});
    throw err;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new IngestError('cancelled', 'the import was cancelled');
}

/**
 * A cancelled import leaves nothing behind: its staging table is already dropped; its version
 * record and its copy of the source file are removed, so no version (not even a failed one)
 * appears. The audit log keeps what was cancelled and how far it had got.
 */
async function forgetCancelledImport(
  deps: ImportDeps,
  ctx: CommandContext,
  attempt: { datasetId: string; versionId: string; relativeSource: string; fileName: string; sha256: string; report: ReadReport | null },
): Promise<ImportOutcome> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dataset_versions').where('id', '=', attempt.versionId).where('status', '=', 'importing').execute();
    await recordAudit(trx, ctx, {
      action: 'dataset.import_cancelled',
      recordType: 'dataset',
      recordId: attempt.datasetId,
      details: { versionId: attempt.versionId, fileName: attempt.fileName, sha256: attempt.sha256, rowsRead: attempt.report?.rowsRead ?? null },
    });
  });
  await fs.promises.rm(path.join(deps.dataDir, attempt.relativeSource), { force: true });
  const sourceDir = path.join(deps.dataDir, path.dirname(attempt.relativeSource));
  try {
    fs.rmdirSync(sourceDir); // only when empty: another import may be writing there
  } catch {
    /* not empty, or gone */
  }
  return { versionId: attempt.versionId, version: null, status: 'cancelled', failure: { code: 'cancelled', message: 'the import was cancelled' }, report: attempt.report };
}

function describeSource(report: ReadReport | null) {
  if (!report) return {};
  return {
    format: report.format,
    encoding: report.encoding,
    delimiter: report.delimiter,
    sheet: report.sheet,
    header_line: report.headerLine,
    column_mapping: JSON.stringify(report.header),
  };
}

/**
 * After a crash or kill: imports whose process is gone are marked failed, and warehouse tables
 * that belong to no committed version (half-loaded staging tables, or a table renamed just before
 * the process died) are dropped, with their temporary files. Committed data is never touched.
 */
export async function recoverInterruptedImports(deps: ImportDeps): Promise<{ interrupted: number; droppedTables: number }> {
  const { db, warehouse, dataDir } = deps;
  const importing = await db.selectFrom('dataset_versions').select(['id', 'dataset_id', 'importer_process']).where('status', '=', 'importing').execute();
  const interrupted = importing.filter((v) => processIsGone(v.importer_process));
  for (const v of interrupted) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('dataset_versions')
        .set({ status: 'failed', failure: 'the import was interrupted (the process ended before it finished)', finished_at: new Date() })
        .where('id', '=', v.id)
        .where('status', '=', 'importing')
        .execute();
      await recordAudit(trx, systemContext('recovery'), { action: 'dataset.import_interrupted', recordType: 'dataset', recordId: v.dataset_id, details: { versionId: v.id } });
    });
  }
  const stillImporting = new Set(importing.filter((v) => !processIsGone(v.importer_process)).map((v) => v.id));
  const committedTables = new Set(
    (await db.selectFrom('dataset_versions').select('warehouse_table').where('status', '=', 'committed').execute()).map((v) => v.warehouse_table),
  );
  let droppedTables = 0;
  for (const table of await warehouse.datasetTables()) {
    const versionId = versionOfTable(table);
    if (!versionId || committedTables.has(table) || stillImporting.has(versionId)) continue;
    await warehouse.dropTable(table);
    droppedTables++;
  }
  const tmpDir = path.join(dataDir, 'tmp');
  if (fs.existsSync(tmpDir)) {
    for (const file of fs.readdirSync(tmpDir)) {
      const versionId = versionOfTable(file.replace(/-\d+\.csv$/, ''));
      if (versionId && !stillImporting.has(versionId)) fs.rmSync(path.join(tmpDir, file), { force: true });
    }
  }
  return { interrupted: interrupted.length, droppedTables };
}

/** A look at full ID and phone numbers of a dataset: every one is in the audit log, with the
 * reason the viewer stated (DOMAIN §12: unmasking needs a stated reason). */
export async function recordUnmaskedView(
  db: Db,
  ctx: CommandContext,
  view: { datasetId: string; versionId: string; what: 'rows' | 'error_report'; reason: string; q?: string; page?: number },
): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, ctx, { action: 'dataset.view_unmasked', recordType: 'dataset', recordId: view.datasetId, details: { ...view } }),
  );
}

export interface DatasetSharing {
  visibleRoles: Role[];
  visibleOrganizationIds: string[];
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Changes who may see a dataset. The datasets table has no version column: the caller sends the
 * sharing it saw (`previous`), and a change made meanwhile by someone else is a conflict (409
 * with the sharing as it is now) instead of being overwritten.
 */
export async function updateDatasetSharing(
  db: Db,
  ctx: CommandContext,
  datasetId: string,
  change: DatasetSharing & { previous: DatasetSharing },
): Promise<void> {
  const organizations = [...new Set(change.visibleOrganizationIds)];
  const roles = [...new Set(change.visibleRoles)];
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('datasets')
      .select(['visible_roles', 'visible_organization_ids'])
      .where('id', '=', datasetId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Dataset');
    const current = { visibleRoles: row.visible_roles as Role[], visibleOrganizationIds: row.visible_organization_ids };
    if (!sameSet(current.visibleRoles, change.previous.visibleRoles) || !sameSet(current.visibleOrganizationIds, change.previous.visibleOrganizationIds)) {
      throw conflict(current);
    }
    if (organizations.length) {
      const known = await trx.selectFrom('organizations').select('id').where('id', 'in', organizations).execute();
      if (known.length !== organizations.length) throw fieldError('visibleOrganizationIds', 'unknown_organization', 'An organization does not exist');
    }
    await trx.updateTable('datasets').set({ visible_roles: roles, visible_organization_ids: organizations }).where('id', '=', datasetId).execute();
    await recordAudit(trx, ctx, {
      action: 'dataset.share',
      recordType: 'dataset',
      recordId: datasetId,
      details: { before: current, after: { visibleRoles: roles, visibleOrganizationIds: organizations } },
    });
  });
}
