/**
 * The import pipeline from file to canonical rows: open and detect, find the header, map it to
 * the kind's columns, normalize every record, and hand the stored rows to a sink as CSV chunks,
 * keeping the accounting (rows read = rows imported + rows rejected) and the row-level issues.
 * It streams: a few batches of rows at most are in memory; where they go is the sink's business.
 */
import fs from 'node:fs';
import type { KindDefinition } from '../domain/datasetKinds';
import { IngestError } from './errors';
import { detectKind, HEADER_SEARCH_ROWS, headerScore, matchHeader, noHeaderError, type HeaderColumn, type MappingOverride } from './header';
import { createRowNormalizer, type StoredValue } from './normalizeRow';
import { PARALLEL_MIN_BYTES, readInParallel, StartedWorkers } from './parallelRead';
import { detectFormat, looksLikeJsonLines } from './sniff';
import { openSource, type OpenedSource, type SourceOptions, type SourceRecord } from './readers';
import { createRecordProcessor, type TallyCounts } from './rowProcessing';
import type { StoredColumn } from './tableLayout';

export interface ReadProgress {
  /** Fraction of the file read, 0…1. */
  fraction: number;
  rowsRead: number;
  /** Of the rows read, those rejected so far (imported = read − rejected). */
  rowsRejected: number;
}

export interface ReadOptions extends SourceOptions {
  kind: KindDefinition;
  mapping?: MappingOverride;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
  /** Tests only: wait this long after each batch, so that a browser test can watch (and cancel)
   * an import on any machine. Never set in production; see JIANXING_TEST_IMPORT_PAUSE_MS. */
  testPauseMs?: number;
  /** Stop after this many rows (a preview). */
  maxRows?: number;
  /** Keep this many stored rows in the report (a preview). */
  sampleRows?: number;
  /** Issues kept per list; the totals count every one. */
  maxIssues?: number;
  /** Normalize CSV in worker threads: by default for large files; true or false to decide. */
  parallel?: boolean;
  /** Worker threads started ahead (see startWorkersFor), used if the file is read in parallel;
   * the caller disposes of them either way. */
  workers?: StartedWorkers;
}

export interface ReadReport extends TallyCounts {
  format: OpenedSource['format'];
  encoding: OpenedSource['encoding'];
  delimiter: OpenedSource['delimiter'];
  sheet: string | null;
  headerLine: number;
  header: HeaderColumn[];
  columns: StoredColumn[];
  /** The first stored rows, when asked for. */
  sample: StoredValue[][];
  /** False when maxRows stopped the read before the end of the file. */
  complete: boolean;
}

/** Receives the stored rows as CSV, in file order; the pipeline waits for it (back-pressure). */
export type CsvSink = (chunk: Buffer) => Promise<void>;

export const DEFAULT_MAX_ISSUES = 10_000;
const PROGRESS_INTERVAL_MS = 200;
/** A read in this thread gives the event loop a turn at least this often. */
const YIELD_INTERVAL_MS = 20;

const isBlankRecord = (r: SourceRecord) =>
  !r.problem && r.cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));

/** The header among the first records: the one naming most of the kind's columns. */
function findHeader(kind: KindDefinition, source: OpenedSource, records: SourceRecord[]): number {
  if (source.impliedHeader) return 0;
  let best = -1;
  let bestScore = 0;
  let looked = 0;
  for (let i = 0; i < records.length && looked < HEADER_SEARCH_ROWS; i++) {
    if (isBlankRecord(records[i])) continue;
    looked++;
    const score = headerScore(kind, records[i].cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) throw noHeaderError(kind);
  return best;
}

/** Records up to the header and a few beyond it, enough to find a header below a title. */
async function readHead(source: OpenedSource, batches: AsyncIterator<SourceRecord[]>): Promise<{ records: SourceRecord[]; finished: boolean }> {
  const records: SourceRecord[] = [];
  let nonBlank = 0;
  while (nonBlank < HEADER_SEARCH_ROWS && !(source.impliedHeader && nonBlank > 0)) {
    const next = await batches.next();
    if (next.done) {
      if (nonBlank === 0) throw new IngestError('empty_file', 'the file has no rows');
      return { records, finished: true };
    }
    for (const r of next.value) if (!isBlankRecord(r)) nonBlank++;
    records.push(...next.value);
  }
  return { records, finished: false };
}

/**
 * Worker threads for a whole-file import of `file`, started now (while the caller copies and
 * hashes the file), when readRows will most likely read it in parallel: a large delimited file
 * of a kind without unique columns. Null otherwise. A wrong guess costs CPU, never a result.
 */
export function startWorkersFor(file: string, options: Pick<ReadOptions, 'kind' | 'fileName' | 'format' | 'parallel'>): StartedWorkers | null {
  if (options.parallel === false || options.kind.columns.some((c) => c.unique) || (options.format && options.format !== 'csv')) return null;
  try {
    if (fs.statSync(file).size < PARALLEL_MIN_BYTES && options.parallel !== true) return null;
    const sample = Buffer.alloc(4096);
    const fd = fs.openSync(file, 'r');
    let length: number;
    try {
      length = fs.readSync(fd, sample, 0, sample.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const head = sample.subarray(0, length);
    if (detectFormat(head, options.fileName ?? file) !== 'csv' || looksLikeJsonLines(head.toString('latin1'))) return null;
  } catch {
    // readRows reports what is wrong with the file.
    return null;
  }
  return new StartedWorkers();
}

/** The kind whose columns the file's header names (see detectKind), looking at its first rows. */
export async function detectFileKind(file: string, kinds: readonly KindDefinition[], options: SourceOptions = {}): Promise<KindDefinition | undefined> {
  const source = openSource(file, options);
  const batches = source.batches[Symbol.asyncIterator]();
  try {
    const { records } = await readHead(source, batches);
    for (const record of records.filter((r) => !isBlankRecord(r)).slice(0, HEADER_SEARCH_ROWS)) {
      const kind = detectKind(kinds, record.cells);
      if (kind) return kind;
    }
    return undefined;
  } finally {
    await batches.return?.();
  }
}

function throwIfCancelled(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new IngestError('cancelled', 'the import was cancelled');
}

export async function readRows(file: string, options: ReadOptions, sink: CsvSink): Promise<ReadReport> {
  const { kind, maxRows = Infinity, maxIssues = DEFAULT_MAX_ISSUES, signal, onProgress, testPauseMs } = options;
  const source = openSource(file, options);
  const batches = source.batches[Symbol.asyncIterator]();
  const report = (header: HeaderColumn[], headerLine: number, columns: StoredColumn[], counts: TallyCounts, sample: StoredValue[][], complete: boolean): ReadReport => {
    if (counts.rowsRead === 0 && complete) throw new IngestError('empty_file', 'the file has a header but no data rows');
    onProgress?.({ fraction: 1, rowsRead: counts.rowsRead, rowsRejected: counts.rowsRejected });
    const { format, encoding, delimiter, sheet } = source;
    return { format, encoding, delimiter, sheet, headerLine, header, columns, ...counts, sample, complete };
  };

  let finished = false;
  try {
    const head = await readHead(source, batches);
    finished = head.finished;
    const headerAt = findHeader(kind, source, head.records);
    const header = matchHeader(kind, head.records[headerAt].cells, options.mapping);
    const headerLine = head.records[headerAt].line;
    const normalizer = createRowNormalizer(kind, header);

    const parallel =
      !finished &&
      source.format === 'csv' &&
      maxRows === Infinity &&
      // Uniqueness is checked across the whole file, which one thread sees.
      !kind.columns.some((c) => c.unique) &&
      (options.parallel ?? fs.statSync(file).size >= PARALLEL_MIN_BYTES);
    if (parallel) {
      await batches.return?.();
      finished = true;
      const counts = await readInParallel(
        { file, workers: options.workers, encoding: source.encoding!, delimiter: source.delimiter!, kind, header, headerLine, maxIssues, signal, onProgress: onProgress && ((fraction, rowsRead, rowsRejected) => onProgress({ fraction, rowsRead, rowsRejected })) },
        sink,
      );
      return report(header, headerLine, normalizer.columns, counts, [], true);
    }

    const processor = createRecordProcessor(normalizer, { maxIssues, maxRows, sampleRows: options.sampleRows });
    let lastProgress = 0;
    let lastYield = Date.now();
    const consume = async (records: SourceRecord[]) => {
      for (const chunk of processor.process(records)) await sink(chunk);
      if (testPauseMs) await new Promise((resolve) => setTimeout(resolve, testPauseMs));
      const now = Date.now();
      if (now - lastYield >= YIELD_INTERVAL_MS) {
        // Buffered input resolves without ever leaving the microtask queue: let the server
        // answer other requests (progress polls, a cancel) in between.
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      if (onProgress && now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        onProgress({ fraction: source.progress(), rowsRead: processor.tally.rowsRead, rowsRejected: processor.tally.rowsRejected });
      }
    };
    await consume(head.records.slice(headerAt + 1));
    while (!finished && !processor.truncated) {
      throwIfCancelled(signal);
      const next = await batches.next();
      if (next.done) break;
      await consume(next.value);
    }
    for (const chunk of processor.flush()) await sink(chunk);
    return report(header, headerLine, normalizer.columns, processor.tally.counts(), processor.sample, !processor.truncated);
  } finally {
    // Stops the reader (closes the file) when the read ends early.
    if (!finished) await batches.return?.();
  }
}
