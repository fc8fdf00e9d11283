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

describe('CsvEncoder on generated rows', () => {
  /** The encoding written out plainly, one row at a time. */
  const reference = (row: StoredValue[]) =>
    `${row.map((v) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""').replace(/\0/g, '')}"` : String(v))).join(',')}\n`;

  it('writes the same bytes as the plain encoding, whatever the chunk size', () => {
    let state = 11;
    const pick = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const pieces = ['', 'a', '"', ',', '\n', '\r\n', '\0', '京', '张三', '𠀋', '\uD800', ' ', '""', '12.50'];
    const value = (): StoredValue => {
      switch (pick(5)) {
        case 0:
          return null;
        case 1:
          return pick(1000) - 500 + (pick(2) ? 0.25 : 0);
        case 2:
          return pick(2) === 0;
        default:
          return Array.from({ length: pick(6) }, () => pieces[pick(pieces.length)]).join('').repeat(1 + pick(3));
      }
    };
    const rows = Array.from({ length: 3000 }, () => Array.from({ length: 1 + pick(8) }, value));
    const expected = Buffer.from(rows.map(reference).join(''), 'utf8');
    for (const chunkBytes of [64, 1000, 1 << 20]) {
      const chunks = encode(rows, chunkBytes);
      for (const chunk of chunks) expect(chunk.at(-1)).toBe(0x0a);
      expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    }
  });
});
