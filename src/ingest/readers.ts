/**
 * Readers turn a source file into records of cells, streaming: CSV/TSV and JSON lines through a
 * decoder, XLSX through ExcelJS's streaming workbook reader. Records come in batches so the
 * per-row cost of async iteration is paid once per batch.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue } from '../domain/values';
import { DelimitedParser, MAX_RECORD_CHARS, PARSE_SLICE_CHARS, type DelimitedRecord } from './delimitedParser';
import { createDecoder, detectEncoding, type SourceEncoding } from './encoding';
import { IngestError } from './errors';
import { assertText, detectDelimiter, detectFormat, looksLikeJsonLines, SAMPLE_BYTES, type Delimiter, type SourceFormat } from './sniff';
import { readableXlsx } from './xlsxStream';

export { MAX_RECORD_CHARS, PARSE_SLICE_CHARS };

export interface SourceRecord {
  /** Line of a text file or row number of a sheet (1-based), as the user sees it. */
  line: number;
  cells: CellValue[];
  /** JSON lines only: keys the header does not have. */
  extra?: Record<string, CellValue>;
  /** Set when the record itself is unreadable (a line that is not a JSON object). */
  problem?: string;
}

export interface SourceOptions {
  /** Overrides detection. */
  format?: SourceFormat;
  encoding?: SourceEncoding;
  delimiter?: Delimiter;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  /** File name as the user knows it, for format detection (the stored file may be renamed). */
  fileName?: string;
}

export interface OpenedSource {
  format: SourceFormat;
  encoding: SourceEncoding | null;
  delimiter: Delimiter | null;
  sheet: string | null;
  /** JSON lines: the keys of the first object, which is also a data record. Otherwise the header
   * is one of the records and is found by the caller. */
  impliedHeader: boolean;
  batches: AsyncIterable<SourceRecord[]>;
  /** Fraction of the file read so far, for progress reports. */
  progress(): number;
}

const READ_CHUNK_BYTES = 1024 * 1024;

function readSample(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** A stream over the file that counts the bytes it delivered, for progress reports. */
function counting<S extends Readable>(file: string, stream: S, size = fs.statSync(file).size) {
  let read = 0;
  stream.on('data', (chunk: Buffer) => (read += chunk.length));
  return { stream, progress: () => (size === 0 ? 1 : Math.min(1, read / size)) };
}

const readStream = (file: string) => fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });

/** Opens a file for reading; nothing is parsed beyond the first 64 KiB until batches are pulled. */
export function openSource(file: string, options: SourceOptions = {}): OpenedSource {
  const sample = readSample(file);
  const detectedFormat = detectFormat(sample, options.fileName ?? file);
  if (detectedFormat === 'xlsx' || options.format === 'xlsx') {
    if (detectedFormat !== 'xlsx') throw new IngestError('unsupported_format', 'the file is not an XLSX workbook');
    return openWorkbook(file, options.sheet);
  }
  const encoding = options.encoding ?? detectEncoding(sample);
  const decoder = createDecoder(encoding);
  const text = decoder.write(sample);
  assertText(text);
  const format = options.format ?? (detectedFormat === 'csv' && looksLikeJsonLines(text) ? 'jsonl' : detectedFormat);
  const { stream, progress } = counting(file, readStream(file));
  if (format === 'jsonl') {
    return { format, encoding, delimiter: null, sheet: null, impliedHeader: true, progress, batches: jsonLines(stream, encoding) };
  }
  const delimiter = options.delimiter ?? detectDelimiter(text);
  return { format, encoding, delimiter, sheet: null, impliedHeader: false, progress, batches: delimitedRecords(stream, encoding, delimiter) };
}

async function* delimitedRecords(stream: fs.ReadStream, encoding: SourceEncoding, delimiter: Delimiter): AsyncGenerator<SourceRecord[]> {
  const decoder = createDecoder(encoding);
  const parser = new DelimitedParser(delimiter, MAX_RECORD_CHARS);
  try {
    for await (const chunk of stream) {
      // In slices, not the whole chunk at once (see PARSE_SLICE_CHARS).
      const text = decoder.write(chunk as Buffer);
      for (let at = 0; at < text.length; at += PARSE_SLICE_CHARS) {
        const out: DelimitedRecord[] = [];
        parser.push(at === 0 && text.length <= PARSE_SLICE_CHARS ? text : text.slice(at, at + PARSE_SLICE_CHARS), out);
        if (out.length) yield out;
      }
    }
    const out: DelimitedRecord[] = [];
    parser.push(decoder.end(), out);
    parser.end(out);
    if (out.length) yield out;
  } finally {
    stream.destroy();
  }
}

/** JSON values become cells: strings and numbers as they are, anything else as JSON text. */
function jsonCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * JSON lines: one object per line. The first object's keys are the header (yielded first as a
 * record of its own, on the same line); keys that appear only later are kept as extra attributes.
 */
async function* jsonLines(stream: fs.ReadStream, encoding: SourceEncoding): AsyncGenerator<SourceRecord[]> {
  const decoder = createDecoder(encoding);
  let keys: string[] | null = null;
  let keyIndex = new Map<string, number>();
  let pending = '';
  let line = 0;
  const toRecords = (lines: string[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        out.push({ line, cells: [], problem: 'invalid_json' });
        continue;
      }
      const object = value as Record<string, unknown>;
      if (!keys) {
        keys = Object.keys(object);
        keyIndex = new Map(keys.map((k, i) => [k, i]));
        out.push({ line, cells: keys });
      }
      const cells: CellValue[] = new Array(keys.length).fill(null);
      let extra: Record<string, CellValue> | undefined;
      for (const [k, v] of Object.entries(object)) {
        const i = keyIndex.get(k);
        if (i !== undefined) cells[i] = jsonCell(v);
        else (extra ??= {})[k] = jsonCell(v);
      }
      out.push(extra ? { line, cells, extra } : { line, cells });
    }
    return out;
  };
  try {
    for await (const chunk of stream) {
      const lines = (pending + decoder.write(chunk as Buffer)).split('\n');
      pending = lines.pop()!;
      if (pending.length > MAX_RECORD_CHARS) {
        throw new IngestError('record_too_large', `line ${line + lines.length + 1}: a line longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters`);
      }
      const records = toRecords(lines);
      if (records.length) yield records;
    }
    const records = toRecords((pending + decoder.end()).split('\n'));
    if (records.length) yield records;
  } finally {
    stream.destroy();
  }
}

/** An ExcelJS cell value as a plain cell: rich text joined, formulas by their result,
 * hyperlinks by their text, errors by their code (#N/A). */
function excelCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return excelCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return excelCell(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return String(value);
}

function openWorkbook(file: string, sheet: string | undefined): OpenedSource {
  const xlsx = readableXlsx(file);
  const { stream, progress } = counting(file, xlsx.stream, xlsx.bytes);
  const opened: OpenedSource = { format: 'xlsx', encoding: null, delimiter: null, sheet: sheet ?? null, impliedHeader: false, progress, batches: sheetRows() };
  async function* sheetRows(): AsyncGenerator<SourceRecord[]> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      // Styles tell date cells from numbers.
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    const names: string[] = [];
    try {
      for await (const worksheet of workbook) {
        const reader = worksheet as unknown as ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
        names.push(reader.name);
        // Without a name: the first tab, as the workbook lists its sheets (file order can differ).
        const firstTab = (workbook as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name;
        const wanted = sheet ?? firstTab ?? reader.name;
        if (reader.name !== wanted) continue;
        opened.sheet = reader.name;
        let batch: SourceRecord[] = [];
        for await (const row of reader) {
          const values = row.values as ExcelJS.CellValue[];
          const cells: CellValue[] = [];
          for (let i = 1; i < values.length; i++) cells.push(excelCell(values[i]));
          batch.push({ line: row.number, cells });
          if (batch.length >= 1000) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
        return;
      }
    } catch (err) {
      if (err instanceof IngestError) throw err;
      throw new IngestError('unreadable_file', `the XLSX workbook cannot be read: ${(err as Error).message}`);
    } finally {
      stream.destroy();
    }
    throw new IngestError(
      'sheet_not_found',
      sheet ? `no sheet named "${sheet}" (sheets: ${names.join(', ') || 'none'})` : 'the workbook has no sheets',
    );
  }
  return opened;
}
