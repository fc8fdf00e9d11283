/**
 * A worker thread of a parallel CSV import: parses blocks of complete records, normalizes them
 * and encodes the stored rows as CSV, exactly as the importing thread does for smaller files.
 */
import { parentPort } from 'node:worker_threads';
import { DelimitedParser, MAX_RECORD_CHARS, PARSE_SLICE_CHARS, type DelimitedRecord } from './delimitedParser';
import { createDecoder } from './encoding';
import { IngestError } from './errors';
import { createRowNormalizer, type RowNormalizer } from './normalizeRow';
import { createRecordProcessor } from './rowProcessing';
import type { BlockResult, WorkerMessage, WorkerSetup } from './parallelRead';

// The setup comes first (the worker may have been started before the file's header was read).
let setup: WorkerSetup;
let normalizer: RowNormalizer;

parentPort!.on('message', (message: WorkerMessage) => {
  if ('setup' in message) {
    setup = message.setup;
    normalizer = createRowNormalizer(setup.kind, setup.header);
    return;
  }
  const { seq, text: given, bytes, first, line } = message;
  try {
    let text = given ?? '';
    if (bytes) {
      const decoder = createDecoder(setup.encoding, { keepBOM: !first });
      text = decoder.write(bytes) + decoder.end();
    }
    const parser = new DelimitedParser(setup.delimiter, MAX_RECORD_CHARS, line);
    const processor = createRecordProcessor(normalizer, { maxIssues: setup.maxIssues, chunkBytes: setup.chunkBytes });
    const chunks: Buffer[] = [];
    const handle = (parsed: DelimitedRecord[]) => {
      // The header and any title lines above it are not data.
      const records = parsed[0] && parsed[0].line <= setup.headerLine ? parsed.filter((r) => r.line > setup.headerLine) : parsed;
      chunks.push(...processor.process(records));
    };
    // In slices, not the whole block at once (see PARSE_SLICE_CHARS).
    for (let at = 0; at < text.length; at += PARSE_SLICE_CHARS) {
      const parsed: DelimitedRecord[] = [];
      parser.push(text.slice(at, at + PARSE_SLICE_CHARS), parsed);
      handle(parsed);
    }
    const parsed: DelimitedRecord[] = [];
    parser.end(parsed);
    handle(parsed);
    chunks.push(...processor.flush());
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
