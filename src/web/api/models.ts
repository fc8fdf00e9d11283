import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ModelDocument } from '../../engine/document';
import type { Locale } from '../i18n';
import { api, withQuery } from './client';
import type { Page } from './types';

export type { ModelDocument };

/** A title or description in both languages (the model document's `text`). */
export type LocalizedText = Record<Locale, string>;

/** One entry of the model library (presenters/models.ts `listModels`). */
export interface ModelSummary {
  id: string;
  builtIn: boolean;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  rules: { id: string; title: LocalizedText }[];
  lastRunAt: string | null;
  lastHits: number | null;
}

export interface ModelVersion {
  version: number;
  changeNote: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** Measured from human review: each subject once, with its latest review; pending ones do not count. */
export interface RulePrecision {
  rule: string;
  confirmed: number;
  dismissed: number;
  precision: number | null;
}

export interface Model {
  id: string;
  document: ModelDocument;
  versions: ModelVersion[];
  precision: RulePrecision[];
  /** The model in plain words, in the language asked for. */
  explanation: string;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export type RunStage = 'compile' | 'subjects' | 'rule' | 'compare' | 'write' | 'done';

/** Where a run is (server/db/schemaModels.ts RunProgress): written by the server at each stage. */
export interface RunProgress {
  stage: RunStage;
  step: number;
  steps: number;
  rule?: { index: number; total: number; id: string };
  subjects?: number;
  hits?: number;
  written?: number;
  elapsedMs: number;
  stages: { stage: RunStage; rule?: string; ms: number }[];
}

export interface DatasetVersionUsed {
  dataset: string;
  version: number;
  versionId: string;
}

export interface ModelRun {
  id: string;
  modelId: string;
  modelVersion: number;
  asOf: string;
  parameters: Record<string, string | number>;
  /** Dataset kind → the dataset and version the run read. */
  datasetVersions: Record<string, DatasetVersionUsed>;
  status: RunStatus;
  failure: string | null;
  subjects: number | null;
  hits: number | null;
  newHits: number | null;
  stillPresent: number | null;
  resolved: number | null;
  elapsedMs: number | null;
  startedBy: string | null;
  startedById: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: RunProgress | null;
  previousRunId: string | null;
  cancelRequestedAt: string | null;
  cancelRequestedBy: string | null;
}

export const REVIEW_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const HIT_CHANGES = ['new', 'still_present'] as const;
/** How a hit compares with the previous run; `resolved`: the previous run's hits this run no longer finds. */
export const HIT_COMPARISONS = ['new', 'still_present', 'resolved'] as const;
export type HitChange = (typeof HIT_COMPARISONS)[number];

export interface HitReview {
  status: ReviewStatus;
  reason: string | null;
  by: string | null;
  at: string | null;
}

export type EvidenceRow = Record<string, unknown>;

/** A hit (线索) as lists show it; ID numbers masked unless asked and allowed. */
export interface Hit {
  id: string;
  runId: string;
  modelId: string;
  subjectKey: string;
  idNumber: string | null;
  name: string | null;
  /** Ids of the rules that fired. */
  rules: string[];
  change: HitChange;
  /** Rule id → the rows that show why it fired. */
  evidence: Record<string, EvidenceRow[]>;
  /** Rule id → summary name → value (e.g. value, months, total_amount). */
  summaries: Record<string, Record<string, unknown>>;
  /** The subject's own rows, each with `_source` (its dataset kind) and `_line`. */
  subject: EvidenceRow[];
  review: HitReview;
  version: number;
  masked: boolean;
}

export interface HitRule {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  fired: boolean;
}

/** One hit with every rule of its model, fired or not. */
export interface HitDetail extends Omit<Hit, 'rules'> {
  rules: HitRule[];
  canUnmask: boolean;
}

export interface HitFilter {
  page: number;
  pageSize: number;
  rule?: string;
  review?: ReviewStatus;
  comparison?: HitChange;
  q?: string;
}

export type ParameterValues = Record<string, string | number>;

export interface RunRequest {
  asOf?: string;
  parameters?: ParameterValues;
  datasets?: Record<string, string>;
}

export interface ReviewDecision {
  decision: ReviewStatus;
  reason?: string | null;
}

export interface BulkReviewResult {
  results: { id: string; ok: boolean; error?: string }[];
}

const MODELS_KEY = ['models'] as const;
const RUNS_KEY = ['runs'] as const;
const HITS_KEY = ['hits'] as const;

/**
 * Unmasking is asked with its stated reason (`unmask=1&reason=…`), or not at all (null): the
 * server reads any value of `unmask` as a request to unmask.
 */
const unmaskParams = (reason: string | null) => (reason ? { unmask: 1, reason } : {});

export function useModels() {
  return useQuery({
    queryKey: MODELS_KEY,
    queryFn: () => api.get<{ items: ModelSummary[] }>('/api/models'),
  });
}

export function useModel(id: string, locale: Locale) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'model', locale],
    queryFn: () => api.get<Model>(withQuery(`/api/models/${encodeURIComponent(id)}`, { locale })),
    enabled: id !== '',
  });
}

export function fetchModelVersion(id: string, version: number) {
  return api.get<ModelDocument>(`/api/models/${encodeURIComponent(id)}/versions/${version}`);
}

export function useModelVersion(id: string, version: number | undefined) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'versions', version],
    queryFn: () => fetchModelVersion(id, version!),
    enabled: version !== undefined,
    // A stored version never changes.
    staleTime: Infinity,
  });
}

export function useModelRuns(id: string, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...MODELS_KEY, id, 'runs', page],
    queryFn: () => api.get<Page<ModelRun>>(withQuery(`/api/models/${encodeURIComponent(id)}/runs`, { ...page })),
    placeholderData: keepPreviousData,
  });
}

/** Any change to models, runs or reviews can change the library, a model's precision and lists. */
function useInvalidateModelData() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: MODELS_KEY }),
      queryClient.invalidateQueries({ queryKey: RUNS_KEY }),
      queryClient.invalidateQueries({ queryKey: HITS_KEY }),
    ]);
}

export function useImportModel() {
  const invalidate = useInvalidateModelData();
  return useMutation({
    mutationFn: (body: { document: unknown; changeNote?: string | null }) =>
      api.post<{ id: string; version: number }>('/api/models', body),
    onSuccess: invalidate,
  });
}

export function useUpdateParameters() {
  const invalidate = useInvalidateModelData();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; defaults: ParameterValues; changeNote?: string | null }) =>
      api.patch<{ id: string; version: number }>(`/api/models/${encodeURIComponent(id)}/parameters`, body),
    onSuccess: invalidate,
  });
}

/** Starts a run: the server answers at once with the run (status `running`); follow it with useRun. */
export function useRunModel() {
  const invalidate = useInvalidateModelData();
  return useMutation({
    mutationFn: ({ id, ...body }: RunRequest & { id: string }) =>
      api.post<ModelRun>(`/api/models/${encodeURIComponent(id)}/runs`, body),
    onSuccess: invalidate,
  });
}

/** How often a running run's progress is read again. */
const RUN_POLL_MS = 1000;

/** One run; while it is running it is read again every second. */
export function useRun(id: string) {
  return useQuery({
    queryKey: [...RUNS_KEY, id],
    queryFn: () => api.get<ModelRun>(`/api/runs/${id}`),
    enabled: id !== '',
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUN_POLL_MS : false),
  });
}

/** Asks a running run to stop (its starter or an administrator). */
export function useCancelRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ModelRun>(`/api/runs/${id}/cancel`),
    onSuccess: (run) => {
      queryClient.setQueryData([...RUNS_KEY, run.id], run);
      return Promise.all([queryClient.invalidateQueries({ queryKey: MODELS_KEY }), queryClient.invalidateQueries({ queryKey: RUNS_KEY })]);
    },
  });
}

export function hitFilterQuery(filter: Omit<HitFilter, 'page' | 'pageSize'>) {
  return { rule: filter.rule, review: filter.review, comparison: filter.comparison, q: filter.q };
}

/** The XLSX of a run's hits with the list's filters (a plain GET: a link downloads it). */
export function hitsExportUrl(runId: string, filter: HitFilter): string {
  return withQuery(`/api/runs/${runId}/hits.xlsx`, hitFilterQuery(filter));
}

/** `unmaskReason`: the stated reason to show full ID numbers, or null for masked ones. */
export function useHits(runId: string, filter: HitFilter, unmaskReason: string | null) {
  return useQuery({
    queryKey: [...RUNS_KEY, runId, 'hits', filter, unmaskReason],
    queryFn: () => api.get<Page<Hit>>(withQuery(`/api/runs/${runId}/hits`, { ...filter, ...unmaskParams(unmaskReason) })),
    placeholderData: keepPreviousData,
  });
}

export function useReviewHits() {
  const invalidate = useInvalidateModelData();
  return useMutation({
    mutationFn: ({ runId, ...body }: { runId: string; hits: { id: string; version: number }[]; decision: 'confirmed' | 'dismissed'; reason?: string | null }) =>
      api.post<BulkReviewResult>(`/api/runs/${runId}/hits/review`, body),
    onSettled: invalidate,
  });
}

export function useHit(id: string, unmaskReason: string | null) {
  return useQuery({
    queryKey: [...HITS_KEY, id, unmaskReason],
    queryFn: () => api.get<HitDetail>(withQuery(`/api/hits/${id}`, unmaskParams(unmaskReason))),
    placeholderData: keepPreviousData,
  });
}

export function useReviewHit() {
  const invalidate = useInvalidateModelData();
  return useMutation({
    mutationFn: ({ id, ...body }: ReviewDecision & { id: string; version: number }) => api.post<Hit>(`/api/hits/${id}/review`, body),
    onSuccess: invalidate,
  });
}
