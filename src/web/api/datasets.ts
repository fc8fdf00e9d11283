import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from './types';
import { ApiError, api, csrfHeader, withQuery } from './client';
import type { Page } from './types';

/** The shapes of docs/api-contract-datasets.md (server: presenters/datasets.ts). */

export type ColumnType = 'id' | 'name' | 'date' | 'month' | 'money' | 'decimal' | 'int' | 'text' | 'enum';

export interface DatasetColumn {
  name: string;
  label: string;
  type: ColumnType;
  required: boolean;
}

/** A column of a kind as defined (server: domain/datasetKinds.ts ColumnDefinition). */
export interface KindColumnDefinition {
  name: string;
  type: ColumnType;
  required: boolean;
  aliases: string[];
  values?: { value: string; labels: string[] }[];
  unique?: boolean;
}

export interface KindDefinition {
  kind: string;
  label: string;
  columns: KindColumnDefinition[];
}

export interface DatasetKind {
  kind: string;
  label: string;
  /** Built-in kinds ship with JianXing and cannot be changed; custom kinds are defined by analysts. */
  builtIn: boolean;
  /** Custom kinds: for optimistic locking (null for built-in kinds). */
  version: number | null;
  columns: DatasetColumn[];
  aliases: Record<string, string[]>;
  definition: KindDefinition;
  createdBy: string | null;
  updatedAt: string | null;
}

export const COLUMN_TYPES: readonly ColumnType[] = ['id', 'name', 'date', 'month', 'money', 'decimal', 'int', 'text', 'enum'];

export const LEGAL_BASES = ['investigation', 'agreement', 'other'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const SOURCE_ENCODINGS = ['auto', 'utf8', 'gbk', 'gb18030', 'utf16le'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];

export interface DatasetVersion {
  id: string;
  version: number | null;
  status: 'importing' | 'committed' | 'failed';
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

export interface Dataset {
  id: string;
  kind: string;
  kindLabel: string;
  name: string;
  ownerOrganizationId: string | null;
  ownerOrganization: { id: string; name: string } | null;
  legalBasis: LegalBasis;
  legalBasisNote: string | null;
  visibleRoles: Role[];
  visibleOrganizationIds: string[];
  createdBy: string;
  createdAt: string;
  latestVersion: DatasetVersion | null;
}

export interface DatasetDetail extends Dataset {
  columns: DatasetColumn[];
  versions: DatasetVersion[];
  failedImports: DatasetVersion[];
}

/** One imported row: `_line`, the kind's columns, `<id column>_valid`, and raw attributes. */
export type DatasetRow = Record<string, unknown> & { _line?: number; extra?: Record<string, unknown> | null };

export interface RowsPage {
  version: number | null;
  versionId: string;
  columns: { name: string; type: string; label: string }[];
  total: number;
  masked: boolean;
  items: DatasetRow[];
}

export interface Issue {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}

export interface HeaderColumn {
  index: number;
  header: string;
  column: string | null;
}

export interface Preview {
  uploadId: string;
  fileName: string;
  bytes: number;
  kind: string;
  kindLabel: string;
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  headerLine: number | null;
  header: HeaderColumn[];
  columns: DatasetColumn[];
  rows: DatasetRow[];
  rowsScanned: number;
  complete: boolean;
  rowsImported: number;
  rowsRejected: number;
  errors: Issue[];
  errorsTotal: number;
  warnings: Issue[];
  warningsTotal: number;
  masked: true;
}

/** Header as written → column, or null to keep it as a raw attribute in `extra`. */
export type Mapping = Record<string, string | null>;

export interface SourceOptions {
  kind?: string;
  encoding?: SourceEncoding;
  sheet?: string;
}

export interface NewDatasetSettings {
  name: string;
  legalBasis: LegalBasis;
  legalBasisNote?: string | null;
  ownerOrganizationId?: string;
  visibleRoles?: Role[];
  visibleOrganizationIds?: string[];
}

export interface CommitRequest {
  kind: string;
  datasetId?: string;
  dataset?: NewDatasetSettings;
  mapping?: Mapping;
  encoding?: SourceEncoding;
  sheet?: string;
  strict?: boolean;
}

/** An import running in the background of the server (GET /api/imports/:id). */
export interface ImportJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  stage: 'queued' | 'copying' | 'reading' | 'loading' | 'committing' | 'done';
  cancellable: boolean;
  datasetId: string;
  datasetName: string;
  kind: string;
  kindLabel: string;
  fileName: string;
  importer: string;
  bytesTotal: number;
  bytesDone: number;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  startedAt: string;
  finishedAt: string | null;
  elapsedMs: number;
  rowsPerSecond: number | null;
  /** Once ended: the committed version, or the failed attempt (null when cancelled). */
  version: DatasetVersion | null;
  failure: { reason: string; message: string } | null;
  errors: Issue[];
  warnings: Issue[];
}

/** The answer to a commit: the import job, started. */
export interface CommitStarted {
  jobId: string;
  job: ImportJob;
}

export interface DatasetFilter {
  page: number;
  pageSize: number;
  kind?: string;
  q?: string;
}

export interface RowsFilter {
  page: number;
  pageSize: number;
  version?: number;
  q?: string;
}

const DATASETS_KEY = ['datasets'] as const;

const KINDS_KEY = ['dataset-kinds'] as const;

export function useDatasetKinds() {
  return useQuery({
    queryKey: KINDS_KEY,
    queryFn: () => api.get<{ items: DatasetKind[] }>('/api/dataset-kinds'),
    staleTime: Infinity,
  });
}

export function useDefineDatasetKind() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (definition: KindDefinition) => api.post<DatasetKind>('/api/dataset-kinds', definition),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KINDS_KEY }),
  });
}

export function useUpdateDatasetKind() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...changes }: { kind: string; label: string; columns: KindColumnDefinition[]; version: number }) =>
      api.patch<DatasetKind>(`/api/dataset-kinds/${encodeURIComponent(kind)}`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KINDS_KEY }),
  });
}

export function useDatasets(filter: DatasetFilter) {
  return useQuery({
    queryKey: [...DATASETS_KEY, 'list', filter],
    queryFn: () => api.get<Page<Dataset>>(withQuery('/api/datasets', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

export function useDataset(id: string) {
  return useQuery({
    queryKey: [...DATASETS_KEY, id],
    queryFn: () => api.get<DatasetDetail>(`/api/datasets/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });
}

/** `unmaskReason`: full ID and phone numbers, for the reason stated (audited); null for masked rows. */
export function useDatasetRows(id: string, filter: RowsFilter, unmaskReason: string | null) {
  return useQuery({
    queryKey: [...DATASETS_KEY, id, 'rows', filter, unmaskReason],
    queryFn: () =>
      api.get<RowsPage>(
        withQuery(`/api/datasets/${encodeURIComponent(id)}/rows`, { ...filter, ...(unmaskReason !== null && { unmasked: 'true', reason: unmaskReason }) }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The XLSX of an import's rejected rows and warnings (a plain GET: a link downloads it); with a
 * reason, the full numbers (for those who may see them; audited). */
export function errorReportUrl(datasetId: string, versionId: string, unmaskReason?: string): string {
  const url = `/api/datasets/${encodeURIComponent(datasetId)}/versions/${encodeURIComponent(versionId)}/errors`;
  return unmaskReason ? withQuery(url, { unmasked: 'true', reason: unmaskReason }) : url;
}

export interface DatasetSharing {
  visibleRoles: Role[];
  visibleOrganizationIds: string[];
}

/** Who may see a dataset; `previous` is what the editor saw (409 when it changed meanwhile). */
export function useUpdateDatasetSharing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: DatasetSharing & { previous: DatasetSharing }) =>
      api.patch<DatasetSharing & { id: string }>(`/api/datasets/${encodeURIComponent(id)}/sharing`, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: DATASETS_KEY }),
  });
}

const IMPORTS_KEY = ['imports'] as const;
/** How often a running import is asked for its progress. */
const JOB_POLL_MS = 500;

/** An import job, polled while it runs. */
export function useImportJob(jobId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...IMPORTS_KEY, jobId],
    queryFn: async () => {
      const job = await api.get<ImportJob>(`/api/imports/${encodeURIComponent(jobId!)}`);
      // The import made a version (or a failed attempt): the dataset pages must show it.
      if (job.state !== 'running') void queryClient.invalidateQueries({ queryKey: DATASETS_KEY });
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && query.state.data.state !== 'running' ? false : JOB_POLL_MS),
  });
}

/** The user's imports still running (e.g. after a reload of the upload page). */
export function useRunningImports(enabled = true) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'running'],
    queryFn: () => api.get<{ items: ImportJob[] }>('/api/imports?state=running'),
    enabled,
  });
}

export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => api.post<ImportJob>(`/api/imports/${encodeURIComponent(jobId)}/cancel`),
    onSuccess: (job) => queryClient.setQueryData([...IMPORTS_KEY, job.id], job),
    onSettled: () => queryClient.invalidateQueries({ queryKey: IMPORTS_KEY }),
  });
}

/**
 * Uploads a file as multipart/form-data with XMLHttpRequest, which (unlike fetch) reports how
 * much of the body has been sent. The text fields go before the file: the server reads them
 * first. Failures are ApiErrors like any other request's.
 */
export function uploadDataset(
  file: File,
  options: SourceOptions,
  onProgress: (sent: number, total: number) => void,
): { promise: Promise<Preview>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Preview>((resolve, reject) => {
    const form = new FormData();
    if (options.kind) form.append('kind', options.kind);
    if (options.encoding && options.encoding !== 'auto') form.append('encoding', options.encoding);
    if (options.sheet) form.append('sheet', options.sheet);
    form.append('file', file, file.name);

    xhr.open('POST', '/api/datasets/uploads');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Preview);
      else reject(new ApiError(xhr.status, (body ?? {}) as ConstructorParameters<typeof ApiError>[1]));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export function previewUpload(uploadId: string, body: SourceOptions & { mapping?: Mapping }) {
  const { encoding, ...rest } = body;
  return api.post<Preview>(`/api/datasets/uploads/${encodeURIComponent(uploadId)}/preview`, {
    ...rest,
    encoding: encoding && encoding !== 'auto' ? encoding : undefined,
  });
}

export function discardUpload(uploadId: string) {
  return api.delete<void>(`/api/datasets/uploads/${encodeURIComponent(uploadId)}`);
}

/** Starts the import of an upload: the server answers at once with the job (useImportJob). */
export function useCommitUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ uploadId, ...body }: CommitRequest & { uploadId: string }) =>
      api.post<CommitStarted>(`/api/datasets/uploads/${encodeURIComponent(uploadId)}/commit`, {
        ...body,
        encoding: body.encoding && body.encoding !== 'auto' ? body.encoding : undefined,
      }),
    // The commit may have created the dataset.
    onSettled: () => queryClient.invalidateQueries({ queryKey: DATASETS_KEY }),
  });
}

/** The `reason` of a 422 `invalid_file` or `import_failed` answer, when that is what it is. */
export function fileProblem(error: unknown): { code: string; reason: string; message: string } | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  if (error.code !== 'invalid_file' && error.code !== 'import_failed') return null;
  const reason = typeof error.body.reason === 'string' ? error.body.reason : '';
  return { code: error.code, reason, message: error.message };
}
