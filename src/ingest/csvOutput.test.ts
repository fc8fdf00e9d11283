import { describe, expect, it } from 'vitest';
import { CsvEncoder } from './csvOutput';
import { DelimitedParser, type DelimitedRecord } from './delimitedParser';
import type { StoredValue } from './normalizeRow';

function encode(rows: StoredValue[][], chunkBytes?: number): Buffer[] {
  const encoder = new CsvEncoder(chunkBytes);
  const chunks: Buffer[] = [];
  for (const row of rows) {
    encoder.add(row);
    chunks.push(...encoder.takeFull());
  }
  return [...chunks, ...encoder.flush()];
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('CsvEncoder', () => {
  it('quotes strings, leaves numbers, booleans and NULLs bare', () => {
    expect(text(encode([[2, 'a', null, true, 12.5]]))).toBe('2,"a",,true,12.5\n');
  });

  it('escapes quotes, keeps delimiters and line breaks inside quotes, drops NUL', () => {
    expect(text(encode([[1, 'say "hi", then\nleave', 'a\0b']]))).toBe('1,"say ""hi"", then\nleave","ab"\n');
  });

  it('reads back to the same values', () => {
    const rows = [
      [2, '京(2021)朝阳区不动产权第0000001号', '110105199001011237', true, null],
      [3, '{"备注":"含,逗号"}', 'x"y', false, '2024-03-05'],
    ];
    const parser = new DelimitedParser(',', 1000);
    const out: DelimitedRecord[] = [];
    parser.push(text(encode(rows)), out);
    parser.end(out);
    expect(out.map((r) => r.cells)).toEqual(rows.map((r) => r.map((v) => (v === null ? '' : String(v)))));
  });

  it('hands out chunks that end with whole rows, and makes room for a row larger than a chunk', () => {
    const rows: StoredValue[][] = Array.from({ length: 50 }, (_, i) => [i, '不动产'.repeat(i % 7), i % 2 === 0]);
    rows.push([50, '长'.repeat(500), null]);
    const chunks = encode(rows, 256);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.at(-1)).toBe(0x0a);
    expect(chunks.some((c) => c.length > 256)).toBe(true);
    expect(text(chunks)).toBe(text(encode(rows)));
  });
});
