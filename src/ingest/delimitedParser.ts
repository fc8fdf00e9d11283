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

/** A record still open after this many characters is a quote left open, not data. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;
/** Decoded text is parsed (and its records handed on) this many characters at a time: the
 * records of much more text alive at once would survive the young generation's collections and
 * be copied and promoted, most of the garbage collector's work in an import. */
export const PARSE_SLICE_CHARS = 64 * 1024;

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

/** afterLastBreak over bytes. */
function afterLastBreakOfBytes(b: Buffer, from: number, to: number): number {
  if (to <= from) return -1;
  const lf = b.lastIndexOf(LF, to - 1);
  let cr = b.lastIndexOf(CR, to - 1);
  if (cr === b.length - 1) cr = cr > 0 ? b.lastIndexOf(CR, cr - 1) : -1;
  const last = Math.max(lf, cr);
  return last >= from ? last + 1 : -1;
}

/**
 * Whether completeRecordsLengthOfBytes and countLineBreaksOfBytes read text in this encoding
 * exactly as their text versions: in UTF-8, GBK and GB18030 the bytes of quotes, line breaks
 * and of the delimiters , ; and tab stand only for themselves (later bytes of a character are
 * 0x30–0x39 or 0x40 and up in GB18030, 0x80 and up in UTF-8) — unlike '|' (0x7C), which can be
 * the second byte of a GBK character.
 */
export function cutsBytes(encoding: string, delimiter: string): boolean {
  if (encoding === 'utf8') return true;
  const d = delimiter.charCodeAt(0);
  return (encoding === 'gbk' || encoding === 'gb18030') && (d < 0x30 || (d > 0x39 && d < 0x40));
}

/** completeRecordsLength read from the encoded bytes (see cutsBytes), in bytes. */
export function completeRecordsLengthOfBytes(bytes: Buffer, delimiter: string): number {
  const n = bytes.length;
  const d = delimiter.charCodeAt(0);
  let consumed = 0;
  let pos = 0;
  for (;;) {
    const q = bytes.indexOf(QUOTE, pos);
    const end = q === -1 ? n : q;
    const after = afterLastBreakOfBytes(bytes, pos, end);
    if (after !== -1) consumed = after;
    if (q === -1) return consumed;
    const before = q === 0 ? -1 : bytes[q - 1];
    if (q !== 0 && before !== d && before !== LF && before !== CR) {
      pos = q + 1;
      continue;
    }
    let p = q + 1;
    for (;;) {
      const close = bytes.indexOf(QUOTE, p);
      if (close === -1 || close + 1 === n) return consumed;
      if (bytes[close + 1] === QUOTE) {
        p = close + 2;
        continue;
      }
      pos = close + 1;
      break;
    }
  }
}

/** countLineBreaks read from the encoded bytes (see cutsBytes). */
export function countLineBreaksOfBytes(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) n++;
  for (let i = b.indexOf(CR); i !== -1; i = b.indexOf(CR, i + 1)) if (b[i + 1] !== LF) n++;
  return n;
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
    // Positions of the next quote, carriage return and delimiter at or after pos (-1: none left).
    let nextQuote = s.indexOf('"');
    let nextCr = s.indexOf('\r');
    let nextDelimiter = s.indexOf(this.delimiterChar);
    records: while (pos < n) {
      // Fast path for the usual record: one line, no quotes, LF or CRLF. Native indexOf and
      // slice are several times faster than the character loop below (and than split, which
      // first copies the line).
      const lf = s.indexOf('\n', pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = s.indexOf('\r', pos);
      if (lf !== -1 && (nextQuote === -1 || nextQuote > lf)) {
        // (nextCr is -1 when no CR is left, which must not read as a CR just before an LF at 0.)
        const end = nextCr !== -1 && nextCr === lf - 1 ? lf - 1 : lf;
        if (nextCr === -1 || nextCr >= end) {
          const cells: string[] = [];
          let from = pos;
          if (nextDelimiter !== -1 && nextDelimiter < pos) nextDelimiter = s.indexOf(this.delimiterChar, pos);
          while (nextDelimiter !== -1 && nextDelimiter < end) {
            cells.push(s.slice(from, nextDelimiter));
            from = nextDelimiter + 1;
            nextDelimiter = s.indexOf(this.delimiterChar, from);
          }
          cells.push(s.slice(from, end));
          out.push({ line: this.line, cells });
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
