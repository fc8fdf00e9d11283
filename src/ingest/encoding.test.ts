import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, detectEncoding } from './encoding';

const TEXT = '合同编号,承租人身份证号,承租人姓名\nGZF-001,110105199001011237,张三\n';

describe('detectEncoding', () => {
  it('recognizes UTF-8 with and without BOM, and plain ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from(TEXT))).toBe('utf8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toBe('utf8');
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'))).toBe('utf8');
  });

  it('reads GBK (what Excel and WPS write on Chinese Windows) as GB18030', () => {
    expect(detectEncoding(iconv.encode(TEXT, 'gbk'))).toBe('gb18030');
    expect(detectEncoding(iconv.encode(`${TEXT}䶮,𠀀\n`, 'gb18030'))).toBe('gb18030');
  });

  it('does not mistake UTF-8 cut in the middle of a character', () => {
    const bytes = Buffer.from(TEXT);
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2))).toBe('utf8');
  });

  it('recognizes UTF-16LE with a BOM (Excel "Unicode text") and without', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))).toBe('utf16le');
    expect(detectEncoding(Buffer.from('unit_id\tmonth\tkwh\nA-1\t2024-03\t12.5\n', 'utf16le'))).toBe('utf16le');
  });

  it('refuses binary data and UTF-16BE with one clear message', () => {
    expect(() => detectEncoding(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x13, 0x00, 0x00]))).toThrow(expect.objectContaining({ code: 'binary_file' }));
    expect(() => detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x41]))).toThrow(expect.objectContaining({ code: 'unknown_encoding', message: expect.stringContaining('UTF-16BE') }));
  });
});

describe('createDecoder', () => {
  it('joins characters split across chunks and drops the BOM', () => {
    for (const [encoding, bytes] of [
      ['gb18030', iconv.encode(TEXT, 'gbk')],
      ['utf8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
      ['utf16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ] as const) {
      const decoder = createDecoder(encoding);
      let text = '';
      for (let i = 0; i < bytes.length; i += 3) text += decoder.write(bytes.subarray(i, i + 3));
      text += decoder.end();
      expect(text, encoding).toBe(TEXT);
    }
  });
});
