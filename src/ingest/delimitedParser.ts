/**
 * A streaming parser for delimited text (RFC 4180 CSV and TSV) that keeps physical line numbers.
 *
 * Written here rather than taken from csv-parse because the import has a budget of a few
 * microseconds per row (DATA-SPEC §1 performance target) and csv-parse alone needs about five on
 * this machine. It is lenient the way Excel and WPS are: a quote inside an unquoted field is an
 * ordinary character, and text after a closing quote is kept.
 */
import { IngestError } from './errors';

export interface DelimitedRecord {
  /** Physical line (1-based) on which the record starts. */
  line: number;
  cells: string[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Line breaks as an editor counts them: CRLF, LF or a lone CR each make one. */
export function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  for (let i = s.indexOf('\r'); i !== -1; i = s.indexOf('\r', i + 1)) if (s.charCodeAt(i + 1) !== LF) n++;
  return n;
}

/** Just after the last line break in s[from, to), or -1. A CR ending the text may be the first
 * half of a CRLF, so it does not count yet. */
function afterLastBreak(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  const lf = s.lastIndexOf('\n', to - 1);
  let cr = s.lastIndexOf('\r', to - 1);
  if (cr === s.length - 1) cr = cr > 0 ? s.lastIndexOf('\r', cr - 1) : -1;
  const last = Math.max(lf, cr);
  return last >= from ? last + 1 : -1;
}

/**
 * The length of the complete records at the start of `text` (which starts at a record start),
 * by the same quoting rules as the parser: a quote opens a quoted field only at the start of a
 * field, and "" inside one is a quote. Used to cut a file into blocks that are parsed in
 * parallel; only quotes are visited, so it costs a fraction of parsing.
 */
export function completeRecordsLength(text: string, delimiter: string): number {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let consumed = 0;
  let pos = 0;
  for (;;) {
    const q = text.indexOf('"', pos);
    const end = q === -1 ? n : q;
    const after = afterLastBreak(text, pos, end);
    if (after !== -1) consumed = after;
    if (q === -1) return consumed;
    const before = q === 0 ? -1 : text.charCodeAt(q - 1);
    if (q !== 0 && before !== d && before !== LF && before !== CR) {
      // A quote inside an unquoted field is an ordinary character.
      pos = q + 1;
      continue;
    }
    let p = q + 1;
    for (;;) {
      const close = text.indexOf('"', p);
      if (close === -1 || close + 1 === n) return consumed;
      if (text.charCodeAt(close + 1) === QUOTE) {
        p = close + 2;
        continue;
      }
      pos = close + 1;
      break;
    }
  }
}

export class DelimitedParser {
  private buffer = '';
  private line: number;
  private readonly delimiter: number;
  private readonly delimiterChar: string;

  /**
   * @param maxRecordChars a record still open after this many characters is almost always a
   * quote that was never closed, which would otherwise swallow the rest of the file.
   */
  /** @param firstLine the line number of the text's first character (parts of a file). */
  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterChar = delimiter;
  }

  /** Parses the complete records of `text` (with what was left over) into `out`. */
  push(text: string, out: DelimitedRecord[]): void {
    this.buffer = this.buffer === '' ? text : this.buffer + text;
    this.parse(false, out);
  }

  /** Parses what is left at the end of the input. */
  end(out: DelimitedRecord[]): void {
    this.parse(true, out);
  }

  private parse(final: boolean, out: DelimitedRecord[]): void {
    const s = this.buffer;
    const n = s.length;
    const d = this.delimiter;
    let pos = 0;
    // End of the last complete record: an incomplete one waits in the buffer for more text.
    let consumed = 0;
    // Positions of the next quote and carriage return at or after pos (-1: none left).
    let nextQuote = s.indexOf('"');
    let nextCr = s.indexOf('\r');
    records: while (pos < n) {
      // Fast path for the usual record: one line, no quotes, LF or CRLF. Native split is several
      // times faster than the character loop below.
      const lf = s.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = s.indexOf('\r', pos);
      if (lf !== -1 && (nextQuote === -1 || nextQuote > lf)) {
        const end = nextCr === lf - 1 ? lf - 1 : lf;
        if (nextCr === -1 || nextCr >= end) {
          out.push({ line: this.line, cells: s.slice(pos, end).split(this.delimiterChar) });
          this.line++;
          pos = consumed = lf + 1;
          continue;
        }
      }
      const cells: string[] = [];
      let breaks = 0;
      for (;;) {
        let value: string;
        if (s.charCodeAt(pos) === QUOTE) {
          value = '';
          let p = pos + 1;
          for (;;) {
            const q = s.indexOf('"', p);
            if (q === -1) {
              if (!final) break records;
              // An unclosed quote at the end of the file: keep what there is.
              value += s.slice(p);
              p = n;
              break;
            }
            value += s.slice(p, q);
            if (q + 1 === n && !final) break records;
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += '"';
              p = q + 2;
              continue;
            }
            p = q + 1;
            break;
          }
          // Text between the closing quote and the delimiter: `"abc"def` reads as abcdef.
          let e = p;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === d || c === LF || c === CR) break;
            e++;
          }
          if (e === n && !final) break records;
          if (e > p) value += s.slice(p, e);
          breaks += countLineBreaks(value);
          pos = e;
        } else {
          let e = pos;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === d || c === LF || c === CR) break;
            e++;
          }
          if (e === n && !final) break records;
          value = s.slice(pos, e);
          pos = e;
        }
        cells.push(value);
        if (pos >= n) break;
        const c = s.charCodeAt(pos);
        if (c === d) {
          pos++;
          // A delimiter as the very last character still opens an (empty) field.
          if (pos === n) {
            if (!final) break records;
            cells.push('');
            break;
          }
          continue;
        }
        if (c === CR) {
          if (pos + 1 === n && !final) break records;
          pos += s.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else {
          pos++;
        }
        break;
      }
      out.push({ line: this.line, cells });
      this.line += 1 + breaks;
      consumed = pos;
    }
    this.buffer = consumed < n ? s.slice(consumed) : '';
    if (this.buffer.length > this.maxRecordChars) {
      throw new IngestError(
        'record_too_large',
        `line ${this.line}: a record longer than ${this.maxRecordChars.toLocaleString('en')} characters — is a quote left open?`,
      );
    }
  }
}
