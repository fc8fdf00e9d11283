import { describe, expect, it } from 'vitest';
import { assertText, detectDelimiter, detectFormat, looksLikeJsonLines } from './sniff';

describe('detectFormat', () => {
  it('refuses an empty file', () => {
    expect(() => detectFormat(Buffer.alloc(0), 'a.csv')).toThrow(expect.objectContaining({ code: 'empty_file', message: 'the file is empty' }));
  });

  it('knows XLSX by its ZIP signature, whatever the name', () => {
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]), 'export.csv')).toBe('xlsx');
  });

  it('refuses legacy .xls and common binary files', () => {
    expect(() => detectFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), 'a.xls')).toThrow(expect.objectContaining({ code: 'unsupported_format' }));
    expect(() => detectFormat(Buffer.from('%PDF-1.7\n'), 'a.csv')).toThrow(expect.objectContaining({ code: 'binary_file' }));
    expect(() => detectFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]), 'a.png')).toThrow(expect.objectContaining({ code: 'binary_file' }));
  });

  it('takes JSON lines from the name, and from content starting with {', () => {
    expect(detectFormat(Buffer.from('{"a":1}\n'), 'data.jsonl')).toBe('jsonl');
    expect(detectFormat(Buffer.from('a,b\n'), 'data.txt')).toBe('csv');
    expect(looksLikeJsonLines('\uFEFF  {"a":1}')).toBe(true);
    expect(looksLikeJsonLines('a,b')).toBe(false);
  });
});

describe('assertText', () => {
  it('accepts text with tabs and line breaks, refuses control characters', () => {
    expect(() => assertText('a\tb\r\nc,d\n')).not.toThrow();
    expect(() => assertText('\x01\x02\x03abc\x04\x05')).toThrow(expect.objectContaining({ code: 'binary_file' }));
  });
});

describe('detectDelimiter', () => {
  it.each([
    [',', '合同编号,身份证号,姓名\nA,1,张三\nB,2,李四\n'],
    ['\t', '合同编号\t身份证号\t姓名\nA\t1\t张三\nB\t2\t李四\n'],
    [';', 'a;b;c\n1;2;3\n4;5;6\n'],
    ['|', 'a|b|c\n1|2|3\n4|5|6\n'],
  ])('finds %j', (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('is not misled by commas inside quoted fields or a title line', () => {
    expect(detectDelimiter('2024年公租房承租人名单\nA\tB\tC\n"x,y,z"\t2\t3\n"p,q"\t5\t6\n')).toBe('\t');
  });

  it('falls back to the comma for a single column', () => {
    expect(detectDelimiter('身份证号\n110105199001011237\n')).toBe(',');
  });
});
