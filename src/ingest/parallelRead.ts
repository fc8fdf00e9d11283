/**
 * Large CSV/TSV imports use both cores: this thread reads the file and cuts it into blocks of
 * whole records (from the bytes for UTF-8 and GBK, see cutsBytes; otherwise from the decoded
 * text); worker threads decode, parse, normalize and encode the blocks; the results are put back
 * in file order. Normalization is most of the work of an import (the per-value
 * rules of src/domain), and one thread alone does not reach the throughput the issue asks for.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KindDefinition } from '../domain/datasetKinds';
import { completeRecordsLength, completeRecordsLengthOfBytes, countLineBreaks, countLineBreaksOfBytes, cutsBytes, MAX_RECORD_CHARS } from './delimitedParser';
import { createDecoder, type SourceEncoding } from './encoding';
import { IngestError, type IngestErrorCode } from './errors';
import type { HeaderColumn } from './header';
import { ImportTally, type TallyCounts } from './rowProcessing';
import type { Delimiter } from './sniff';

export interface WorkerSetup {
  kind: KindDefinition;
  encoding: SourceEncoding;
  header: HeaderColumn[];
  delimiter: Delimiter;
  headerLine: number;
  maxIssues: number;
  chunkBytes: number;
}

/** A block of whole records: its text, or its bytes for the worker to decode (see cutsBytes). */
export interface BlockRequest {
  seq: number;
  text?: string;
  bytes?: Uint8Array;
  /** The block starts the file (its BOM, if any, is not text). */
  first?: boolean;
  /** Line number of the block's first character. */
  line: number;
}

export type BlockResult =
  | { seq: number; chunks: Uint8Array[]; counts: TallyCounts; failure?: undefined }
  | { seq: number; failure: { code: string; message: string } };

/** What the importing thread sends a worker: its setup first, then blocks. */
export type WorkerMessage = { setup: WorkerSetup } | BlockRequest;

export interface ParallelReadOptions extends Omit<WorkerSetup, 'chunkBytes'> {
  file: string;
  /** Workers started ahead (see StartedWorkers); new ones are started when not given. */
  workers?: StartedWorkers;
  signal?: AbortSignal;
  /** Called with the fraction of the file read and the rows counted (and rejected) so far. */
  onProgress?: (fraction: number, rowsRead: number, rowsRejected: number) => void;
}

/** Files smaller than this are imported in one thread: starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** Characters (or bytes) per block: large enough that messaging is negligible, small enough to
 * spread. */
const BLOCK_CHARS = 1024 * 1024;
const BLOCK_BYTES = 2 * 1024 * 1024;
/** Worker heaps: a young generation larger than V8's default (normalizing allocates many
 * short-lived strings, and fewer scavenges leave more time for the work: 96 MB measured about
 * half the collector's time of 48 MB), and an old generation kept small, so that V8 collects
 * early instead of growing towards the 1 GiB budget of an import. */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: 256 };
/** Blocks queued per worker, so that none idles while its next block is being cut. */
const BLOCKS_IN_FLIGHT_PER_WORKER = 2;

export function parallelWorkers(): number {
  return Math.max(2, Math.min(4, os.availableParallelism()));
}

function startWorker(): Worker {
  return new Worker(new URL('./rowWorker.mjs', import.meta.url), { resourceLimits: WORKER_LIMITS });
}

/**
 * Worker threads started before the file is read: loading a worker's modules (the TypeScript
 * loader, the normalization rules and their dictionaries) takes about 0.3 s of CPU, which can run
 * while the importing thread copies and hashes the file on the other core. They wait for their
 * setup (known once the header is read); readInParallel takes them, and whatever is not taken is
 * ended by dispose().
 */
export class StartedWorkers {
  private workers: Worker[] | null;
  /** The first error of a worker before it was taken (it would otherwise go unheard). */
  error: Error | null = null;

  constructor(count = parallelWorkers()) {
    this.workers = Array.from({ length: count }, () => {
      const worker = startWorker();
      worker.on('error', (err) => (this.error ??= err));
      return worker;
    });
  }

  take(): Worker[] | null {
    const workers = this.workers;
    this.workers = null;
    return workers;
  }

  async dispose(): Promise<void> {
    const workers = this.take();
    if (workers) await Promise.all(workers.map((w) => w.terminate()));
  }
}

function ingestError(failure: { code: string; message: string }): Error {
  return failure.code === 'internal' ? new Error(failure.message) : new IngestError(failure.code as IngestErrorCode, failure.message);
}

/**
 * Reads the whole file through the workers; `sink` receives the CSV of the stored rows in file
 * order. Resolves with the tally of every record after the header line.
 */
export async function readInParallel(options: ParallelReadOptions, sink: (chunk: Buffer) => Promise<void>): Promise<TallyCounts> {
  const { file, signal, onProgress, workers: started, ...setup } = options;
  const startedError = started?.error ?? null;
  const workers = started?.take() ?? Array.from({ length: parallelWorkers() }, startWorker);
  const workerCount = workers.length;
  for (const worker of workers) worker.postMessage({ setup: { ...setup, chunkBytes: 4 * 1024 * 1024 } } satisfies WorkerMessage);
  const tally = new ImportTally(setup.maxIssues);
  const results = new Map<number, BlockResult>();
  const inFlight = new Array<number>(workerCount).fill(0);
  let failure: Error | null = startedError;
  let nextToSink = 0;
  let received = 0;
  let sinking: Promise<void> = Promise.resolve();
  /** Wakes the reader when a worker has room again or something failed. */
  let wake: (() => void) | null = null;

  const sinkInOrder = async () => {
    while (!failure && results.has(nextToSink)) {
      const result = results.get(nextToSink)!;
      results.delete(nextToSink);
      nextToSink++;
      if (result.failure) throw ingestError(result.failure);
      for (const chunk of result.chunks) await sink(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      tally.add(result.counts);
    }
  };
  const fail = (err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
    wake?.();
  };
  workers.forEach((worker, index) => {
    worker.on('message', (result: BlockResult) => {
      inFlight[index]--;
      received++;
      results.set(result.seq, result);
      sinking = sinking.then(sinkInOrder).catch(fail);
      wake?.();
    });
    worker.on('error', fail);
  });

  let seq = 0;
  const dispatch = async (block: string | Uint8Array, line: number) => {
    for (;;) {
      if (failure) throw failure;
      if (signal?.aborted) throw new IngestError('cancelled', 'the import was cancelled');
      const index = inFlight.indexOf(Math.min(...inFlight));
      if (inFlight[index] < BLOCKS_IN_FLIGHT_PER_WORKER) {
        inFlight[index]++;
        if (typeof block === 'string') {
          workers[index].postMessage({ seq: seq++, text: block, line } satisfies WorkerMessage);
        } else {
          // The worker gets the buffer itself (moved, not copied): nothing else may use it.
          workers[index].postMessage({ seq, bytes: block, first: seq === 0, line } satisfies WorkerMessage, [block.buffer as ArrayBuffer]);
          seq++;
        }
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };

  const size = fs.statSync(file).size;
  try {
    if (cutsBytes(setup.encoding, setup.delimiter)) await cutBytes();
    else await cutText();
    while (received < seq && !failure) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    await sinking;
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return tally.counts();

  /**
   * Cuts the file into blocks of whole records without decoding it: the workers decode. Each block
   * is read into a buffer of its own that moves to its worker as it is: this thread allocates
   * and copies next to nothing (buffers allocated and dropped here make V8 collect its heap).
   */
  async function cutBytes() {
    const handle = await fs.promises.open(file, 'r');
    try {
      let carry: Buffer = Buffer.alloc(0);
      let line = 1;
      let position = 0;
      let atEnd = false;
      while (!atEnd) {
        let bytes = Buffer.allocUnsafeSlow(carry.length + BLOCK_BYTES);
        carry.copy(bytes);
        let filled = carry.length;
        let length = 0;
        for (;;) {
          const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, position);
          position += bytesRead;
          filled += bytesRead;
          atEnd = bytesRead === 0 || position >= size;
          length = atEnd ? filled : completeRecordsLengthOfBytes(bytes.subarray(0, filled), setup.delimiter);
          if (length > 0 || atEnd) break;
          // No record ends in the block yet: a long record (or a quote left open).
          // As many characters as bytes at most: only then can the record be too long.
          if (filled > MAX_RECORD_CHARS && createDecoder(setup.encoding, { keepBOM: seq > 0 }).write(bytes.subarray(0, filled)).length > MAX_RECORD_CHARS) {
            throw new IngestError('record_too_large', `line ${line}: a record longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters — is a quote left open?`);
          }
          const larger = Buffer.allocUnsafeSlow(bytes.length + BLOCK_BYTES);
          bytes.copy(larger, 0, 0, filled);
          bytes = larger;
        }
        if (length === 0) break;
        carry = Buffer.from(bytes.subarray(length, filled));
        const breaks = atEnd ? 0 : countLineBreaksOfBytes(bytes.subarray(0, length));
        // From here on the buffer belongs to the worker.
        await dispatch(new Uint8Array(bytes.buffer, bytes.byteOffset, length), line);
        line += breaks;
        onProgress?.(position / size, tally.rowsRead, tally.rowsRejected);
      }
    } finally {
      await handle.close();
    }
  }

  /** UTF-16 (and '|' in GBK): decodes here and cuts the text. */
  async function cutText() {
    const decoder = createDecoder(setup.encoding);
    let pending = '';
    let line = 1;
    let bytesRead = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      pending += decoder.write(chunk as Buffer);
      if (pending.length < BLOCK_CHARS) continue;
      const length = completeRecordsLength(pending, setup.delimiter);
      if (length === 0) {
        if (pending.length > MAX_RECORD_CHARS) {
          throw new IngestError('record_too_large', `line ${line}: a record longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters — is a quote left open?`);
        }
        continue;
      }
      const block = pending.slice(0, length);
      pending = pending.slice(length);
      await dispatch(block, line);
      line += countLineBreaks(block);
      onProgress?.(bytesRead / size, tally.rowsRead, tally.rowsRejected);
    }
    pending += decoder.end();
    if (pending !== '') await dispatch(pending, line);
  }
}
