/** One issue of a 400 `validation` answer: a zod 4 issue reduced by the server. */
export interface FieldIssue {
  path: string | (string | number)[];
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

interface ErrorBody {
  [extra: string]: unknown;
  error?: string;
  message?: string;
  requestId?: string;
  fields?: FieldIssue[];
  current?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  /** The contract's error code, e.g. `validation`, `conflict`, `invalid_credentials`. */
  readonly code: string;
  readonly fields: FieldIssue[];
  /** On 409 conflict: the record as it is now on the server. */
  readonly current: unknown;
  readonly requestId: string | undefined;
  /** The whole answer, for errors that carry more (e.g. 422 `invalid_file` with its `reason`). */
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? (status >= 500 ? 'internal' : 'bad_request');
    this.fields = body.fields ?? [];
    this.current = body.current;
    this.requestId = body.requestId;
    this.body = body;
  }
}

let csrfToken: string | null = null;

/** Set from every Session the server hands out; sent on each state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a state-changing request made without `api` (e.g. an upload by XHR). */
export function csrfHeader(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** Drops empty values so optional filters are simply left off the query string. */
export function withQuery(path: string, params: QueryParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, (data ?? {}) as ErrorBody);
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
