import { describe, expect, it } from 'vitest';
import { completeRecordsLength, countLineBreaks, DelimitedParser, type DelimitedRecord } from './delimitedParser';

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
