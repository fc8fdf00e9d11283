/**
 * What kind of file arrived: the format from its first bytes (and its name where the bytes say
 * nothing), and for delimited text the delimiter.
 */
import path from 'node:path';
import { IngestError } from './errors';

export const SOURCE_FORMATS = ['csv', 'xlsx', 'jsonl'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Bytes read to detect format, encoding and delimiter. */
export const SAMPLE_BYTES = 64 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
/** Common non-text files people pick by mistake: PDF, PNG, JPEG, GIF, gzip, 7z, RAR. */
const BINARY_MAGIC = [[0x25, 0x50, 0x44, 0x46], [0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x1f, 0x8b], [0x37, 0x7a, 0xbc, 0xaf], [0x52, 0x61, 0x72, 0x21]];

const startsWith = (sample: Uint8Array, bytes: number[]) => sample.length >= bytes.length && bytes.every((b, i) => sample[i] === b);

export function detectFormat(sample: Uint8Array, fileName: string): SourceFormat {
  if (sample.length === 0) throw new IngestError('empty_file', 'the file is empty');
  if (startsWith(sample, ZIP)) return 'xlsx';
  if (startsWith(sample, OLE2)) {
    throw new IngestError('unsupported_format', 'legacy Excel files (.xls, Excel 97–2003) are not supported: save the sheet as .xlsx or CSV');
  }
  if (BINARY_MAGIC.some((magic) => startsWith(sample, magic))) {
    throw new IngestError('binary_file', 'the file is binary, not text: expected CSV, TSV, XLSX or JSON lines');
  }
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return 'csv';
}

/** JSON lines recognized by content when the name does not say so: the first character is `{`. */
export function looksLikeJsonLines(text: string): boolean {
  return /^\s*\{/.test(text.replace(/^\uFEFF/, ''));
}

/** Control characters that never occur in exported text (all C0 except tab, LF, CR, FF). */
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F]/g;

/** Decoded text that is mostly control or replacement characters came from a binary file. */
export function assertText(text: string): void {
  const sample = text.slice(0, 16_384);
  const suspicious = (sample.match(CONTROL)?.length ?? 0) + (sample.match(/\uFFFD/g)?.length ?? 0);
  if (sample.length > 0 && suspicious / sample.length > 0.02) {
    throw new IngestError('binary_file', 'the file is binary, not text: expected CSV, TSV, XLSX or JSON lines');
  }
}

/**
 * The delimiter of CSV/TSV text: the candidate that splits the most lines into the same number
 * of fields (quoted fields ignored), preferring more fields. A title line above the header or a
 * ragged last line does not throw it off; with no candidate at all the file has one column.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .replace(/"(?:[^"]|"")*"/g, '')
    .split(/\r\n|\n|\r/)
    .slice(0, 50)
    .filter((l) => l.trim() !== '');
  // The last line of a sample may be cut off.
  if (lines.length > 2) lines.pop();
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [fields, lineCount] of counts) {
      const score = (lineCount / lines.length) * 1000 + fields;
      if (score > best.score) best = { delimiter, score };
    }
  }
  return best.delimiter;
}
