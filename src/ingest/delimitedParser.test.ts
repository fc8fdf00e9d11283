import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  completeRecordsLength,
  completeRecordsLengthOfBytes,
  countLineBreaks,
  countLineBreaksOfBytes,
  cutsBytes,
  DelimitedParser,
  type DelimitedRecord,
} from './delimitedParser';

function parse(text: string | string[], delimiter = ',', maxRecordChars = 1_000_000): DelimitedRecord[] {
  const parser = new DelimitedParser(delimiter, maxRecordChars);
  const out: DelimitedRecord[] = [];
  for (const chunk of [text].flat()) parser.push(chunk, out);
  parser.end(out);
  return out;
}

const cells = (records: DelimitedRecord[]) => records.map((r) => r.cells);

describe('DelimitedParser', () => {
  it('splits records and fields with LF, CRLF and CR line ends', () => {
    expect(parse('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
      { line: 4, cells: ['5', '6'] },
    ]);
  });

  it('does not invent a record after the final line break', () => {
    expect(cells(parse('a,b\n1,2\n'))).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads an empty line at the start of the text, and of a piece, as an empty record', () => {
    // Once read as one record running to the end of the text, when no CR was left in it.
    expect(parse('\na,b\nc\n')).toEqual([
      { line: 1, cells: [''] },
      { line: 2, cells: ['a', 'b'] },
      { line: 3, cells: ['c'] },
    ]);
    expect(cells(parse(['a,b\n', '\nc,d\ne']))).toEqual([['a', 'b'], [''], ['c', 'd'], ['e']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(cells(parse(',a,,\n'))).toEqual([['', 'a', '', '']]);
    expect(cells(parse('a,'))).toEqual([['a', '']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts lines', () => {
    const records = parse('h1,h2\n"a,b","say ""hi"""\n"two\nlines\r\nhere",x\nlast,y\n');
    expect(records).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a,b', 'say "hi"'] },
      { line: 3, cells: ['two\nlines\r\nhere', 'x'] },
      { line: 6, cells: ['last', 'y'] },
    ]);
  });

  it('is lenient like Excel: stray quotes in unquoted fields, text after a closing quote', () => {
    expect(cells(parse('5" pipe,"ab"cd,x'))).toEqual([['5" pipe', 'abcd', 'x']]);
  });

  it('keeps the rest of the file in an unclosed quote at the end', () => {
    expect(cells(parse('a,"open\nstill'))).toEqual([['a', 'open\nstill']]);
  });

  it('uses the given delimiter only', () => {
    expect(cells(parse('a\tb,c\t"d\te"', '\t'))).toEqual([['a', 'b,c', 'd\te']]);
    expect(cells(parse('a|b;c', '|'))).toEqual([['a', 'b;c']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1,h2,h3\r\n"q,1","x""y",z\r\n\r\nplain,"multi\r\nline",\r\n"",end,"tail"\r\n';
    const whole = parse(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 3) {
        expect(parse([text.slice(0, i), text.slice(i, j), text.slice(j)]), `cut at ${i}/${j}`).toEqual(whole);
      }
    }
    expect(parse(text.split(''))).toEqual(whole);
  });

  it('reports a record that never ends as an unclosed quote, with its line', () => {
    const parser = new DelimitedParser(',', 100);
    const out: DelimitedRecord[] = [];
    parser.push('a,b\n1,2\n"open', out);
    expect(() => parser.push('x'.repeat(200), out)).toThrow(
      expect.objectContaining({ code: 'record_too_large', message: expect.stringMatching(/^line 3: a record longer than 100 characters/) }),
    );
    expect(cells(out)).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('completeRecordsLength', () => {
  const texts = [
    'h1,h2\n1,2\n3,4\n',
    'h1,h2\r\n"a\r\nb",2\r\n"x""y",3\r\nlast,4',
    'a,5" pipe,c\n"q,1",""\n"open\nstill open',
    'a;b\r"c\rd";e\rf;g',
    '"",""\n"ab"cd,e\n',
  ];

  it('ends where the parser ends its last complete record, whatever the cut', () => {
    for (const [i, text] of texts.entries()) {
      const delimiter = i === 3 ? ';' : ',';
      for (let cut = 0; cut <= text.length; cut++) {
        const prefix = text.slice(0, cut);
        const complete = new DelimitedParser(delimiter, 1_000_000);
        const expected: DelimitedRecord[] = [];
        complete.push(prefix, expected);
        const length = completeRecordsLength(prefix, delimiter);
        const cut1 = new DelimitedParser(delimiter, 1_000_000);
        const got: DelimitedRecord[] = [];
        cut1.push(prefix.slice(0, length), got);
        cut1.end(got);
        expect(got, `text ${i} cut at ${cut}`).toEqual(expected);
      }
    }
  });

  it('counts lines like the parser', () => {
    expect(countLineBreaks('a\r\nb\nc\rd')).toBe(3);
    expect(countLineBreaks('no break')).toBe(0);
  });

  it('continues line numbers from where a block starts', () => {
    expect(parse('x\ny').map((r) => r.line)).toEqual([1, 2]);
    const parser = new DelimitedParser(',', 100, 41);
    const out: DelimitedRecord[] = [];
    parser.push('x\n"y\nz"\nw', out);
    parser.end(out);
    expect(out.map((r) => r.line)).toEqual([41, 42, 44]);
  });
});

describe('DelimitedParser against a plain reading of its rules', () => {
  /**
   * The rules written out character by character, independently of the parser's fast path:
   * LF, CRLF and a lone CR end a record; a field that starts with a quote is quoted ("" is a
   * quote, line breaks are data, text after the closing quote is kept); a quote elsewhere is an
   * ordinary character; a quote left open runs to the end of the text.
   */
  function reference(text: string, d: string): DelimitedRecord[] {
    const records: DelimitedRecord[] = [];
    let line = 1;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const start = line;
      const cells: string[] = [];
      for (;;) {
        let value = '';
        if (text[i] === '"') {
          i++;
          for (;;) {
            if (i >= n) break;
            if (text[i] === '"') {
              if (text[i + 1] === '"') {
                value += '"';
                i += 2;
                continue;
              }
              i++;
              break;
            }
            if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
            value += text[i++];
          }
        }
        while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
        cells.push(value);
        if (i < n && text[i] === d) {
          i++;
          if (i === n) {
            cells.push('');
            break;
          }
          continue;
        }
        if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
        else if (text[i] === '\n') i++;
        break;
      }
      records.push({ line: start, cells });
      line++;
    }
    return records;
  }

  it('reads 3,000 generated texts, in random pieces, as the rules say', () => {
    let state = 5;
    const pick = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const pieces = ['a', '张三', '12.5', '', ' ', '"', '""', '"x,y"', '"两\n行"', '"a""b"', '\r\n', '\n', '\r', ',', '\t', '\uFEFF', 'x"y', '"q"tail'];
    for (let t = 0; t < 3_000; t++) {
      const d = pick(4) === 0 ? '\t' : ',';
      const lines: string[] = [];
      for (let l = 0; l < 1 + pick(12); l++) {
        // Mostly plain records (the fast path), with every oddity mixed in now and then.
        const fields = Array.from({ length: 1 + pick(5) }, () =>
          pick(3) ? ['京(2021)第1号', '110105199001011237', '张三', '', '2024-03-05'][pick(5)] : Array.from({ length: 1 + pick(3) }, () => pieces[pick(pieces.length)]).join(''),
        );
        lines.push(fields.join(d));
      }
      const text = lines.join(['\n', '\r\n', '\r'][pick(3)]) + ['', '\n', '\r\n', d][pick(4)];
      const expected = reference(text, d);
      expect(parse(text, d), JSON.stringify(text)).toEqual(expected);
      // Streamed in random pieces, as the reader hands it over.
      const cuts = [0, ...Array.from({ length: pick(4) }, () => pick(text.length + 1)).sort((a, b) => a - b), text.length];
      expect(parse(cuts.slice(1).map((c, k) => text.slice(cuts[k], c)), d), JSON.stringify(text)).toEqual(expected);
    }
  });
});

describe('cutting encoded bytes into whole records', () => {
  it('cuts GBK and UTF-8 bytes where the text versions cut the text, and counts the same lines', () => {
    let state = 17;
    const pick = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const pieces = ['张三', '京(2021)第1号', '"', '""', '"x,y"', '"两\n行"', '\r\n', '\n', '\r', ',', ';', '\t', 'a', '\uFEFF', '110105199001011237'];
    for (let t = 0; t < 2_000; t++) {
      const text = Array.from({ length: 1 + pick(40) }, () => pieces[pick(pieces.length)]).join('');
      for (const delimiter of [',', '\t', ';']) {
        const length = completeRecordsLength(text, delimiter);
        for (const encoding of ['utf8', 'gbk'] as const) {
          expect(cutsBytes(encoding === 'gbk' ? 'gb18030' : encoding, delimiter)).toBe(true);
          const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
          const cut = completeRecordsLengthOfBytes(bytes, delimiter);
          const expectedBytes = encoding === 'gbk' ? iconv.encode(text.slice(0, length), 'gbk').length : Buffer.byteLength(text.slice(0, length));
          expect(cut, JSON.stringify(text)).toBe(expectedBytes);
          expect(countLineBreaksOfBytes(bytes.subarray(0, cut))).toBe(countLineBreaks(text.slice(0, length)));
        }
      }
    }
  });

  it('leaves "|" in GBK and UTF-16 to the text versions', () => {
    // 0x7C is also the second byte of GBK characters such as 亅 (0x81 0x7C).
    expect(iconv.encode('亅', 'gbk')[1]).toBe(0x7c);
    expect(cutsBytes('gbk', '|')).toBe(false);
    expect(cutsBytes('gb18030', '|')).toBe(false);
    expect(cutsBytes('utf8', '|')).toBe(true);
    expect(cutsBytes('utf16le', ',')).toBe(false);
  });
});
