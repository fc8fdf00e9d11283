/**
 * A worker thread of a parallel CSV import: parses blocks of complete records, normalizes them
 * and encodes the stored rows as CSV, exactly as the importing thread does for smaller files.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DelimitedParser, type DelimitedRecord } from './delimitedParser';
import { IngestError } from './errors';
import { createRowNormalizer } from './normalizeRow';
import { MAX_RECORD_CHARS } from './readers';
import { createRecordProcessor } from './rowProcessing';
import type { BlockRequest, BlockResult, WorkerSetup } from './parallelRead';

const setup = workerData as WorkerSetup;
const normalizer = createRowNormalizer(setup.kind, setup.header);

parentPort!.on('message', ({ seq, text, line }: BlockRequest) => {
  try {
    const parser = new DelimitedParser(setup.delimiter, MAX_RECORD_CHARS, line);
    const parsed: DelimitedRecord[] = [];
    parser.push(text, parsed);
    parser.end(parsed);
    // The header and any title lines above it are not data.
    const records = parsed[0] && parsed[0].line <= setup.headerLine ? parsed.filter((r) => r.line > setup.headerLine) : parsed;
    const processor = createRecordProcessor(normalizer, { maxIssues: setup.maxIssues, chunkBytes: setup.chunkBytes });
    const chunks = [...processor.process(records), ...processor.flush()];
    const result: BlockResult = { seq, chunks, counts: processor.tally.counts() };
    parentPort!.postMessage(
      result,
      chunks.map((c) => c.buffer as ArrayBuffer),
    );
  } catch (err) {
    const result: BlockResult = {
      seq,
      failure: err instanceof IngestError ? { code: err.code, message: err.message } : { code: 'internal', message: (err as Error).message },
    };
    parentPort!.postMessage(result);
  }
});
