import { sql } from 'kysely';
import { builtInKind, columnLabel, type KindDefinition } from '../../domain/datasetKinds.js';
import { maskIdNumber, maskPhone, normalizeIdNumber } from '../../domain/idNumber.js';
import type { Role } from '../../domain/roles.js';
import type { HeaderColumn } from '../../ingest/header.js';
import type { RowIssue, StoredValue } from '../../ingest/normalizeRow.js';
import type { ReadReport } from '../../ingest/pipeline.js';
import { storedColumns, type StoredColumn } from '../../ingest/tableLayout.js';
import type { Db } from '../db/index.js';
import type { DatasetVersionStatus, LegalBasis } from '../db/schema.js';
import type { RowQuery, StoredRow, Warehouse } from '../db/warehouse.js';
import { inProcuratorate, type Actor } from '../policies/policy.js';
import type { DatasetRecord } from '../policies/datasets.js';
import type { ImportJob } from '../imports/importJobs.js';
import type { Sheet } from './spreadsheet.js';

/**
 * What leaves the server about datasets. Personal data is masked here and only here: ID numbers
 * as 110105********1234 and phone numbers as 138****5678, in rows, extra attributes and row
 * issues alike, unless the caller asked for and may see the full values.
 */

export interface VersionView {
  id: string;
  version: number | null;
  status: DatasetVersionStatus;
  fileName: string;
  sha256: string;
  bytes: number;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  headerLine: number | null;
  strict: boolean;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  warningsCount: number;
  errorsCount: number;
  failure: string | null;
  importer: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface DatasetView extends DatasetRecord {
  id: string;
  kind: string;
  kindLabel: string;
  name: string;
  ownerOrganization: { id: string; name: string } | null;
  legalBasis: LegalBasis;
  legalBasisNote: string | null;
  createdBy: string;
  createdAt: string;
  latestVersion: VersionView | null;
}

export interface ColumnView {
  name: string;
  label: string;
  type: string;
  required: boolean;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type VersionRow = {
  id: string;
  version: number | null;
  status: DatasetVersionStatus;
  source_filename: string;
  source_sha256: string;
  source_bytes: number | string;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  header_line: number | null;
  strict: boolean;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  warnings_count: number;
  errors_count: number;
  failure: string | null;
  importer_name: string;
  started_at: Date | string;
  finished_at: Date | string | null;
};

const VERSION_COLUMNS = [
  'v.id',
  'v.version',
  'v.status',
  'v.source_filename',
  'v.source_sha256',
  'v.source_bytes',
  'v.format',
  'v.encoding',
  'v.delimiter',
  'v.sheet',
  'v.header_line',
  'v.strict',
  'v.rows_read',
  'v.rows_imported',
  'v.rows_rejected',
  'v.warnings_count',
  'v.errors_count',
  'v.failure',
  'v.importer_name',
  'v.started_at',
  'v.finished_at',
] as const;

function versionView(v: VersionRow): VersionView {
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    fileName: v.source_filename,
    sha256: v.source_sha256,
    bytes: Number(v.source_bytes),
    format: v.format,
    encoding: v.encoding,
    delimiter: v.delimiter,
    sheet: v.sheet,
    headerLine: v.header_line,
    strict: v.strict,
    rowsRead: v.rows_read,
    rowsImported: v.rows_imported,
    rowsRejected: v.rows_rejected,
    warningsCount: v.warnings_count,
    errorsCount: v.errors_count,
    failure: v.failure,
    importer: v.importer_name,
    startedAt: iso(v.started_at)!,
    finishedAt: iso(v.finished_at),
  };
}

export interface DatasetFilter {
  ids?: string[];
  kind?: string;
  q?: string;
}

/** The datasets an actor may see (policies/datasets.ts, seesDataset), as SQL. */
function visibleTo(db: Db, actor: Actor) {
  const org = actor.organizationId;
  return db
    .selectFrom('datasets as d')
    .where((eb) =>
      eb.or([
        eb('d.owner_organization_id', '=', org),
        eb(sql<boolean>`${org}::uuid = ANY(d.visible_organization_ids)`, '=', true),
        ...(inProcuratorate(actor)
          ? [eb.and([eb(sql<boolean>`d.visible_roles && ${sql.val(actor.roles)}::text[]`, '=', true), eb(sql<number>`cardinality(d.visible_organization_ids)`, '=', 0)])]
          : []),
      ]),
    );
}

export async function listDatasets(db: Db, actor: Actor, filter: DatasetFilter, page = 1, pageSize = 20): Promise<{ items: DatasetView[]; total: number }> {
  let q = visibleTo(db, actor);
  if (filter.ids) q = q.where('d.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.kind) q = q.where('d.kind', '=', filter.kind);
  if (filter.q) q = q.where('d.name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [{ total }] = await q.select(sql<number>`count(*)::int`.as('total')).execute();
  const rows = await q
    .leftJoin('organizations as o', 'o.id', 'd.owner_organization_id')
    .leftJoin('dataset_kinds as k', 'k.kind', 'd.kind')
    .selectAll('d')
    .select(['o.name as owner_name', 'k.label as custom_kind_label'])
    .orderBy('d.kind')
    .orderBy(sql`d.name COLLATE "zh-x-icu"`)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const latest = rows.length
    ? await db
        .selectFrom('dataset_versions as v')
        .select(['v.dataset_id', ...VERSION_COLUMNS])
        .where('v.dataset_id', 'in', rows.map((r) => r.id))
        .where('v.status', '=', 'committed')
        .orderBy('v.version', 'desc')
        .execute()
    : [];
  return {
    total,
    items: rows.map((r) => {
      const newest = latest.find((v) => v.dataset_id === r.id);
      return {
        id: r.id,
        kind: r.kind,
        kindLabel: builtInKind(r.kind)?.label ?? r.custom_kind_label ?? r.kind,
        name: r.name,
        ownerOrganizationId: r.owner_organization_id,
        ownerOrganization: r.owner_organization_id ? { id: r.owner_organization_id, name: r.owner_name! } : null,
        legalBasis: r.legal_basis,
        legalBasisNote: r.legal_basis_note,
        visibleRoles: r.visible_roles as Role[],
        visibleOrganizationIds: r.visible_organization_ids,
        createdBy: r.created_by_name,
        createdAt: iso(r.created_at)!,
        latestVersion: newest ? versionView(newest) : null,
      };
    }),
  };
}

async function customDefinition(db: Db, kind: string): Promise<KindDefinition | undefined> {
  return (await db.selectFrom('dataset_kinds').select('definition').where('kind', '=', kind).executeTakeFirst())?.definition;
}

export async function presentDataset(db: Db, actor: Actor, id: string) {
  const { items } = await listDatasets(db, actor, { ids: [id] }, 1, 1);
  const dataset = items[0];
  if (!dataset) return null;
  const versions = (
    await db.selectFrom('dataset_versions as v').select(VERSION_COLUMNS).where('v.dataset_id', '=', id).orderBy('v.started_at', 'desc').execute()
  ).map(versionView);
  return {
    ...dataset,
    columns: columnViews(builtInKind(dataset.kind) ?? (await customDefinition(db, dataset.kind))),
    // Only committed versions are versions; failed and interrupted imports are listed apart and
    // never read.
    versions: versions.filter((v) => v.status === 'committed'),
    failedImports: versions.filter((v) => v.status !== 'committed'),
  };
}

/** The dataset as the policies see it, for record-level checks; null when it does not exist. */
export async function datasetRecord(db: Db, id: string): Promise<(DatasetRecord & { id: string; kind: string; name: string }) | null> {
  const row = await db
    .selectFrom('datasets')
    .select(['id', 'kind', 'name', 'owner_organization_id', 'visible_roles', 'visible_organization_ids'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, kind: row.kind, name: row.name, ownerOrganizationId: row.owner_organization_id, visibleRoles: row.visible_roles as Role[], visibleOrganizationIds: row.visible_organization_ids };
}

export function columnViews(kind: KindDefinition | undefined): ColumnView[] {
  return (kind?.columns ?? []).map((c) => ({ name: c.name, label: columnLabel(c), type: c.type, required: c.required }));
}

// ---------------------------------------------------------------------------------------------
// Masking

/** Extra attributes are whatever headers the agency used: these names hold phone or ID numbers. */
const PHONE_HEADER = /电话|手机|联系方式|phone|mobile|tel/i;
const ID_HEADER = /身份证|证件号|身份号码|id.?(number|no|card)/i;

function maskExtra(extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(extra).map(([k, v]) => {
      if (v === null || v === undefined) return [k, v];
      if (ID_HEADER.test(k)) return [k, maskIdNumber(String(v))];
      if (PHONE_HEADER.test(k)) return [k, maskPhone(String(v))];
      return [k, v];
    }),
  );
}

/** A stored row as the viewer may see it. */
export function maskRow(row: StoredRow | Record<string, unknown>, columns: StoredColumn[], unmasked: boolean): Record<string, unknown> {
  if (unmasked) return row;
  const out: Record<string, unknown> = { ...row };
  for (const c of columns) {
    const v = out[c.name];
    if (v === null || v === undefined) continue;
    if (c.source?.type === 'id' && c.type === 'text') out[c.name] = maskIdNumber(String(v));
    else if (c.type === 'json' && typeof v === 'object') out[c.name] = maskExtra(v as Record<string, unknown>);
  }
  return out;
}

/** Row issues carry the offending value: masked when it came from an ID column or a phone or
 * ID attribute. */
export function maskIssues(issues: RowIssue[], kind: KindDefinition, unmasked: boolean): RowIssue[] {
  if (unmasked) return issues;
  const idColumns = new Set(kind.columns.filter((c) => c.type === 'id').map((c) => c.name));
  return issues.map((i) => {
    if (i.value === undefined || i.column === null) return i;
    if (idColumns.has(i.column) || ID_HEADER.test(i.column)) return { ...i, value: maskIdNumber(i.value) };
    if (PHONE_HEADER.test(i.column)) return { ...i, value: maskPhone(i.value) };
    return i;
  });
}

// ---------------------------------------------------------------------------------------------
// Rows

/**
 * A search over a version's rows: text in any text column, or an exact ID number. A viewer who
 * sees masked IDs cannot search them by fragments (that would reveal the digits bit by bit),
 * only by the whole number.
 */
function searchConditions(kind: KindDefinition, q: string, unmasked: boolean): RowQuery['anyOf'] {
  const conditions: NonNullable<RowQuery['anyOf']> = [];
  const id = normalizeIdNumber(q);
  for (const c of kind.columns) {
    if (c.type === 'id') {
      if (id.value) conditions.push({ column: c.name, op: 'equals', value: id.value });
      if (unmasked) conditions.push({ column: c.name, op: 'contains', value: q });
    } else if (c.type === 'text' || c.type === 'name' || c.type === 'enum' || c.type === 'date' || c.type === 'month') {
      conditions.push({ column: c.name, op: 'contains', value: q });
    }
  }
  return conditions;
}

export async function presentRows(
  warehouse: Warehouse,
  version: { kind: KindDefinition; table: string },
  options: { q?: string; page: number; pageSize: number; unmasked: boolean },
) {
  const columns = storedColumns(version.kind);
  const q = options.q?.trim();
  const page = await warehouse.queryRows(version.table, columns, {
    anyOf: q ? searchConditions(version.kind, q, options.unmasked) : undefined,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.type, label: c.source && c.type !== 'bool' ? columnLabel(c.source) : c.name })),
    total: page.total,
    masked: !options.unmasked,
    items: page.rows.map((r) => maskRow(r, columns, options.unmasked)),
  };
}

// ---------------------------------------------------------------------------------------------
// Preview and error report

/** The preview of an upload. It is always masked: the people who import (analysts, liaisons)
 * may not see full numbers. */
export function presentPreview(upload: { id: string; fileName: string; bytes: number }, kind: KindDefinition, report: ReadReport) {
  const columns = report.columns;
  const asObject = (values: StoredValue[]) =>
    Object.fromEntries(columns.map((c, i) => [c.name, c.type === 'json' && typeof values[i] === 'string' ? JSON.parse(values[i] as string) : values[i]]));
  return {
    uploadId: upload.id,
    fileName: upload.fileName,
    bytes: upload.bytes,
    kind: kind.kind,
    kindLabel: kind.label,
    format: report.format,
    encoding: report.encoding,
    delimiter: report.delimiter,
    sheet: report.sheet,
    headerLine: report.headerLine,
    header: report.header satisfies HeaderColumn[],
    columns: columnViews(kind),
    rows: report.sample.map((values) => maskRow(asObject(values), columns, false)),
    rowsScanned: report.rowsRead,
    complete: report.complete,
    rowsImported: report.rowsImported,
    rowsRejected: report.rowsRejected,
    errors: maskIssues(report.errors, kind, false),
    errorsTotal: report.errorsTotal,
    warnings: maskIssues(report.warnings, kind, false),
    warningsTotal: report.warningsTotal,
    masked: true,
  };
}

/** The sheets of a version's error report: rejected rows and warnings, with line, column, reason
 * and value (text that a spreadsheet would run as a formula is neutralized by workbook()). */
export function errorReportSheets(kind: KindDefinition, errors: RowIssue[], warnings: RowIssue[], unmasked: boolean): Sheet[] {
  const labels = new Map(kind.columns.map((c) => [c.name, `${columnLabel(c)} (${c.name})`]));
  const sheetOf = (name: string, issues: RowIssue[]): Sheet => ({
    name,
    columns: [
      { header: '行号 line', key: 'line', width: 10 },
      { header: '列 column', key: 'column', width: 28 },
      { header: '原因 reason', key: 'reason', width: 26 },
      { header: '值 value', key: 'value', width: 40 },
    ],
    rows: maskIssues(issues, kind, unmasked).map((i) => ({ line: i.line, column: i.column === null ? '' : (labels.get(i.column) ?? i.column), reason: i.reason, value: i.value ?? '' })),
  });
  return [sheetOf('被拒绝的行 rejected', errors), sheetOf('警告 warnings', warnings)];
}

// ---------------------------------------------------------------------------------------------
// Import jobs

/** Row issues returned with a finished job; the full list is in the error report. */
const JOB_ISSUES = 100;

/**
 * An import running in the background (or just ended), as its importer follows it: stage,
 * counts so far, bytes, elapsed time and speed; once ended the version (committed, or the
 * failed attempt), or why nothing was imported. Row issues are masked like everywhere else.
 */
export async function presentImportJob(db: Db, job: ImportJob) {
  const now = job.finishedAt ?? Date.now();
  const report = job.outcome?.report ?? null;
  const rowsRead = report?.rowsRead ?? job.rowsRead;
  const rowsRejected = report?.rowsRejected ?? job.rowsRejected;
  const readingFor = job.readingSince === null ? 0 : now - job.readingSince;
  const versionRow =
    job.outcome && job.outcome.status !== 'cancelled'
      ? await db.selectFrom('dataset_versions as v').select([...VERSION_COLUMNS, 'v.kind_definition']).where('v.id', '=', job.outcome.versionId).executeTakeFirst()
      : undefined;
  const issues = (list: RowIssue[] | undefined) => (list && versionRow ? maskIssues(list.slice(0, JOB_ISSUES), versionRow.kind_definition, false) : []);
  return {
    id: job.id,
    state: job.state,
    stage: job.stage,
    cancellable: job.state === 'running' && job.stage !== 'committing',
    datasetId: job.datasetId,
    datasetName: job.datasetName,
    kind: job.kind,
    kindLabel: job.kindLabel,
    fileName: job.fileName,
    importer: job.importer,
    bytesTotal: job.bytesTotal,
    bytesDone: job.state === 'succeeded' ? job.bytesTotal : Math.round(job.fraction * job.bytesTotal),
    rowsRead,
    rowsImported: report?.rowsImported ?? rowsRead - rowsRejected,
    rowsRejected,
    startedAt: new Date(job.startedAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    elapsedMs: now - job.startedAt,
    rowsPerSecond: readingFor > 0 ? Math.round((rowsRead * 1000) / readingFor) : null,
    version: versionRow ? versionView(versionRow) : null,
    failure: job.outcome?.failure ? { reason: job.outcome.failure.code, message: job.outcome.failure.message } : job.error ? { reason: 'internal', message: job.error } : null,
    errors: issues(report?.errors),
    warnings: issues(report?.warnings),
  };
}
