/**
 * Cell value parsers for dataset imports (DATA-SPEC §1, "Accepted input").
 *
 * Every parser takes what a CSV/XLSX/JSON reader hands over and returns either a
 * canonical value or a machine-readable failure, so that the importer can report
 * each rejected cell with its line, column and reason instead of losing it.
 * Money and decimals are kept as strings and computed digit by digit: binary
 * floating point cannot represent 0.1 or 12345.60 exactly, and amounts feed
 * thresholds and totals in the supervision models.
 */
import { toHalfWidth } from './fullWidth';

export type ValueErrorReason =
  | 'empty'
  | 'invalid_date'
  | 'impossible_date'
  | 'invalid_month'
  | 'invalid_money'
  | 'invalid_decimal'
  | 'invalid_integer'
  | 'out_of_range'
  | 'unknown_enum_value';

/** `text` is the offending input as received (trimmed), for error messages. */
export type ParseFailure = { ok: false; reason: ValueErrorReason; text: string };
export type ParseResult<T> = { ok: true; value: T } | ParseFailure;

/** What spreadsheet, CSV and JSON readers produce for a cell. */
export type CellValue = string | number | Date | null | undefined;

/** Canonical date range. 1900 matches the ID number rule and Excel's epoch; 9999-12-31 is
 * the conventional "long-term / no end" sentinel in Chinese government systems. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

function fail(reason: ValueErrorReason, raw: CellValue): ParseFailure {
  return { ok: false, reason, text: rawText(raw) };
}

function rawText(raw: CellValue): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
  return String(raw).trim();
}

/** Trimmed, half-width text of a cell; '' for a missing cell. */
function cellText(raw: CellValue): string {
  return raw === null || raw === undefined ? '' : toHalfWidth(String(raw)).trim();
}

function isEmptyCell(raw: CellValue): boolean {
  return !(raw instanceof Date) && typeof raw !== 'number' && cellText(raw) === '';
}

// ---------------------------------------------------------------------------
// Text and headers

/** Free text: trimmed, full-width folded; an empty cell becomes null. */
export function normalizeText(raw: string | number | null | undefined): string | null {
  const text = cellText(raw);
  return text === '' ? null : text;
}

/** Key for matching column headers: "身份证号 ", "身份 证号" and "身份证号" compare equal,
 * as do "用电量（千瓦时）" and "用电量(千瓦时)", and "UNIT_ID" and "unit_id". */
export function normalizeHeader(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toLowerCase();
}

// ---------------------------------------------------------------------------
// Dates

export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ymd(year: number, month: number, day: number, raw: CellValue): ParseResult<string> {
  if (!isCalendarDate(year, month, day)) return fail('impossible_date', raw);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('out_of_range', raw);
  return ok(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

const DAY_MS = 86_400_000;
/** Excel serials are accepted up to here (2119-01-11); larger numbers are not dates. */
const MAX_EXCEL_SERIAL = 80_000;
/** Excel (1900 date system) counts serial 60 as 1900-02-29, a day that never existed
 * (a bug kept for Lotus 1-2-3 compatibility). Serials 1–59 count from 1899-12-31,
 * serials from 61 on from 1899-12-30. */
const EXCEL_LOTUS_LEAP_DAY = 60;

function fromExcelSerial(serial: number, raw: CellValue): ParseResult<string> {
  // The fraction is the time of day.
  const days = Math.floor(serial);
  if (days < 1 || days > MAX_EXCEL_SERIAL) return fail('out_of_range', raw);
  if (days === EXCEL_LOTUS_LEAP_DAY) return fail('impossible_date', raw);
  const epoch = days < EXCEL_LOTUS_LEAP_DAY ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * DAY_MS);
  return ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), raw);
}

/** Optional time of day after a date ("2024-03-05 10:00:00", "2024-03-05T10:00:00.000Z").
 * The date is taken as written: shifting it by a zone offset would move the recorded day. */
const TIME_SUFFIX =
  '(?:[ T]+(?<hour>\\d{1,2}):(?<minute>\\d{2})(?::(?<second>\\d{2})(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';
const SEPARATED_DATE = new RegExp(
  `^(?<year>\\d{4})(?<sep>[-/.])(?<month>\\d{1,2})\\k<sep>(?<day>\\d{1,2})${TIME_SUFFIX}$`,
);
const COMPACT_DATE = new RegExp(`^(?<year>\\d{4})(?<month>\\d{2})(?<day>\\d{2})${TIME_SUFFIX}$`);
const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
/** Legal documents (judgments, decisions) write dates in Chinese numerals: 二〇二四年三月五日. */
const CHINESE_NUMERAL_DATE =
  /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[日号]$/;
/** A digits-only string is read as an Excel serial only with five digits (1927-05-18 onwards):
 * shorter ones ("2024", "61") are far more likely a year or a typo than a serial date. */
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

const CHINESE_DIGITS: Record<string, number> = {
  '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** 一 … 九十九 as written in dates: 五, 十, 十二, 二十, 三十一. */
function chineseNumber(s: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m) return null;
  const [, tens, ten, units] = m;
  if (!ten) return tens && !units ? CHINESE_DIGITS[tens] : null;
  return (tens ? CHINESE_DIGITS[tens] : 1) * 10 + (units ? CHINESE_DIGITS[units] : 0);
}

function isValidTime({ hour, minute, second }: Record<string, string | undefined>): boolean {
  if (hour === undefined) return true;
  return Number(hour) < 24 && Number(minute) < 60 && (second === undefined || Number(second) < 60);
}

const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/** The number written by the one or two ASCII digits at s[i] (the second only when it is a
 * digit), times 4 plus the count of digits read; -1 when s[i] is not a digit. */
function oneOrTwoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i);
  if (!isDigitCode(a)) return -1;
  const b = s.charCodeAt(i + 1);
  return isDigitCode(b) ? ((a - 48) * 10 + b - 48) * 4 + 2 : (a - 48) * 4 + 1;
}

const YEAR_CHAR = 0x5e74; // 年
const MONTH_CHAR = 0x6708; // 月
const DAY_CHARS = [0x65e5, 0x53f7]; // 日, 号

/**
 * The shapes nearly every date cell of an export has, read from character codes without the
 * regular expressions: 2024-03-05 (or with / or .; one- or two-digit month and day), 20240305
 * and 2024年3月5日, with nothing before or after. Gives exactly what parseDate's general path
 * gives for them; undefined for anything else (spaces, full-width digits, times …), which that
 * path reads. An import parses a million of these.
 */
function plainDate(s: string): ParseResult<string> | undefined {
  const n = s.length;
  if (n < 8 || n > 11) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (!isDigitCode(c)) return undefined;
    year = year * 10 + c - 48;
  }
  const c4 = s.charCodeAt(4);
  let month: number;
  let day: number;
  if (isDigitCode(c4)) {
    if (n !== 8) return undefined;
    for (let i = 5; i < 8; i++) if (!isDigitCode(s.charCodeAt(i))) return undefined;
    month = (c4 - 48) * 10 + s.charCodeAt(5) - 48;
    day = (s.charCodeAt(6) - 48) * 10 + s.charCodeAt(7) - 48;
  } else {
    const chinese = c4 === YEAR_CHAR;
    if (!chinese && c4 !== 0x2d && c4 !== 0x2f && c4 !== 0x2e) return undefined; // - / .
    const m = oneOrTwoDigits(s, 5);
    if (m < 0) return undefined;
    let i = 5 + (m & 3);
    if (s.charCodeAt(i) !== (chinese ? MONTH_CHAR : c4)) return undefined;
    const d = oneOrTwoDigits(s, i + 1);
    if (d < 0) return undefined;
    i += 1 + (d & 3);
    if (chinese && i === n - 1 && DAY_CHARS.includes(s.charCodeAt(i))) i++;
    if (i !== n) return undefined;
    month = m >> 2;
    day = d >> 2;
  }
  return ymd(year, month, day, s);
}

/**
 * A calendar date as `YYYY-MM-DD`. Accepts 2024-03-05, 2024/3/5, 2024.03.05, 20240305,
 * 2024年3月5日, 二〇二四年三月五日, the numeric forms followed by a time of day, Excel serial
 * numbers, and Date objects from spreadsheet readers (read in UTC: exceljs and SheetJS build
 * them at UTC midnight).
 */
export function parseDate(raw: CellValue): ParseResult<string> {
  if (typeof raw === 'string') {
    const plain = plainDate(raw);
    if (plain !== undefined) return plain;
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail('invalid_date', raw);
    return ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw);
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('invalid_date', raw);
    // A numeric cell holding 20240305 is a date typed without separators, not a serial.
    if (Number.isInteger(raw) && raw >= 10_000_000 && raw <= 99_999_999) return parseDate(String(raw));
    return fromExcelSerial(raw, raw);
  }
  if (isEmptyCell(raw)) return fail('empty', raw);
  const text = cellText(raw);
  const groups = (SEPARATED_DATE.exec(text) ?? COMPACT_DATE.exec(text))?.groups;
  if (groups) {
    if (!isValidTime(groups)) return fail('invalid_date', raw);
    return ymd(Number(groups.year), Number(groups.month), Number(groups.day), raw);
  }
  const cn = CHINESE_DATE.exec(text);
  if (cn) return ymd(Number(cn[1]), Number(cn[2]), Number(cn[3]), raw);
  const cnNum = CHINESE_NUMERAL_DATE.exec(text);
  if (cnNum) {
    const year = Number([...cnNum[1]].map((ch) => CHINESE_DIGITS[ch]).join(''));
    const month = chineseNumber(cnNum[2]);
    const day = chineseNumber(cnNum[3]);
    if (month === null || day === null) return fail('invalid_date', raw);
    return ymd(year, month, day, raw);
  }
  if (SERIAL_TEXT.test(text)) return fromExcelSerial(Number(text), raw);
  return fail('invalid_date', raw);
}

const SEPARATED_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;
const CHINESE_MONTH = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$/;

/**
 * A month as `YYYY-MM`. Accepts 2024-03, 2024/03, 2024/3, 2024.03, 202403, 2024年3月, and
 * any full date accepted by parseDate: spreadsheets often store a month as its first day.
 */
export function parseMonth(raw: CellValue): ParseResult<string> {
  if (isEmptyCell(raw)) return fail('empty', raw);
  // Of numeric cells only whole numbers (202403) can be months: 2024.10 arrives as 2024.1.
  const text =
    typeof raw === 'string' || (typeof raw === 'number' && Number.isInteger(raw)) ? cellText(raw) : '';
  const m = SEPARATED_MONTH.exec(text) ?? COMPACT_MONTH.exec(text) ?? CHINESE_MONTH.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return fail('invalid_month', raw);
    if (year < MIN_YEAR || year > MAX_YEAR) return fail('out_of_range', raw);
    return ok(`${pad(year, 4)}-${pad(month, 2)}`);
  }
  // A number is read like its text, so only five-digit serials count as dates: a small
  // number such as 2024 would otherwise become a month of 1905.
  const date = parseDate(typeof raw === 'number' ? String(raw) : raw);
  if (date.ok) return ok(date.value.slice(0, 7));
  return date.reason === 'invalid_date' ? fail('invalid_month', raw) : date;
}

// ---------------------------------------------------------------------------
// Decimal numbers, done on digit strings

/** |value| = int.frac; `int` has no leading zeros ('' for zero), `frac` may be ''. */
interface DecimalDigits {
  negative: boolean;
  int: string;
  frac: string;
}

/** Optional sign, an integer part that is either plain or grouped by thousands ("1,234,567"),
 * optional fraction. "12.3.4", "1,23,456" and "1,2345" are rejected. */
const DECIMAL_TEXT = /^([+-])?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?$/;

function decimalFromText(text: string): DecimalDigits | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return null;
  const [, sign, grouped, frac = ''] = m;
  const int = grouped.replace(/,/g, '');
  if (int === '' && frac === '') return null;
  return { negative: sign === '-', int: int.replace(/^0+/, ''), frac };
}

/** Exact decimal digits of a JS number, expanding exponent notation (1e-7, 1.5e+21)
 * that String() uses for very small and very large values. */
function decimalFromNumber(n: number): DecimalDigits | null {
  if (!Number.isFinite(n)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) return null;
  const [, sign, int, frac = '', exp = '0'] = m;
  return shiftPoint({ negative: sign === '-', int, frac }, Number(exp));
}

/** Multiply by 10^places (negative places divide), exactly. */
function shiftPoint(d: DecimalDigits, places: number): DecimalDigits {
  const digits = d.int + d.frac;
  let point = d.int.length + places;
  let padded = digits;
  if (point < 0) {
    padded = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    padded = digits + '0'.repeat(point - digits.length);
  }
  return {
    negative: d.negative,
    int: padded.slice(0, point).replace(/^0+/, ''),
    frac: padded.slice(point).replace(/0+$/, ''),
  };
}

/** Round to `scale` fraction digits, halves away from zero (四舍五入, as in accounting). */
function roundHalfUp(d: DecimalDigits, scale: number): DecimalDigits {
  if (d.frac.length <= scale) return { ...d, frac: d.frac.padEnd(scale, '0') };
  const kept = d.int + d.frac.slice(0, scale);
  if (d.frac[scale] < '5') return { ...d, frac: d.frac.slice(0, scale) };
  const incremented = incrementDigits(kept.padStart(scale + 1, '0'));
  const point = incremented.length - scale;
  return {
    negative: d.negative,
    int: incremented.slice(0, point).replace(/^0+/, ''),
    frac: incremented.slice(point),
  };
}

function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return '1' + out.join('');
}

function formatDecimal(d: DecimalDigits): string {
  const isZero = /^0*$/.test(d.int + d.frac);
  const body = (d.int || '0') + (d.frac ? `.${d.frac}` : '');
  // "-0.00" is not a meaningful amount.
  return d.negative && !isZero ? `-${body}` : body;
}

function decimalFromCell(raw: CellValue): DecimalDigits | null {
  if (typeof raw === 'number') return decimalFromNumber(raw);
  if (raw instanceof Date) return null;
  return decimalFromText(cellText(raw));
}

/**
 * parseDecimal of the usual cell, ASCII digits with an optional fraction ("123.40", "0075"),
 * read from character codes; undefined for anything else (signs, thousands separators, spaces,
 * full-width digits …), which the general path reads.
 */
function plainDecimal(s: string): string | undefined {
  const n = s.length;
  let i = 0;
  while (i < n && isDigitCode(s.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === 0) return undefined;
  let fracStart = n;
  if (i < n) {
    if (s.charCodeAt(i) !== 0x2e) return undefined;
    fracStart = ++i;
    while (i < n && isDigitCode(s.charCodeAt(i))) i++;
    if (i !== n || fracStart === n) return undefined;
  }
  let intStart = 0;
  while (intStart < intEnd && s.charCodeAt(intStart) === 0x30) intStart++;
  let fracEnd = n;
  while (fracEnd > fracStart && s.charCodeAt(fracEnd - 1) === 0x30) fracEnd--;
  const int = intStart === intEnd ? '0' : intStart === 0 && intEnd === n ? s : s.slice(intStart, intEnd);
  return fracEnd > fracStart ? `${int}.${s.slice(fracStart, fracEnd)}` : int;
}

/** A decimal number as a plain string: no thousands separators, no leading zeros,
 * no trailing fraction zeros ("1,234.500" → "1234.5", "-0.0" → "0"). */
export function parseDecimal(raw: CellValue): ParseResult<string> {
  if (typeof raw === 'string') {
    const plain = plainDecimal(raw);
    if (plain !== undefined) return ok(plain);
  }
  if (isEmptyCell(raw)) return fail('empty', raw);
  const d = decimalFromCell(raw);
  if (!d) return fail('invalid_decimal', raw);
  return ok(formatDecimal({ ...d, frac: d.frac.replace(/0+$/, '') }));
}

/** Amount notation used in Chinese exports: "¥12,345.60", "￥12345", "RMB 100", "12345元",
 * "100万元人民币" (registered capital is usually stated in 万元), "-12.30", "¥-12.30".
 * ￥ (U+FFE5) lies outside the U+FF01–FF5E block, so it is matched explicitly. */
const MONEY_TEXT =
  /^([+-]?)\s*(?:人民币|RMB|CNY)?\s*[¥￥]?\s*([+-]?[\d,.]+)\s*(万|亿)?\s*(?:元|圆)?\s*(?:整)?\s*(?:人民币|RMB|CNY)?$/i;
const MULTIPLIER_PLACES: Record<string, number> = { 万: 4, 亿: 8 };

function moneyFromText(text: string): DecimalDigits | null {
  const m = MONEY_TEXT.exec(text);
  if (!m) return null;
  const [, outerSign, body, multiplier] = m;
  // "-¥12.30" and "¥-12.30" are fine, "-¥-12.30" is not.
  if (outerSign && /^[+-]/.test(body)) return null;
  const d = decimalFromText(body);
  if (!d) return null;
  const scaled = shiftPoint(d, multiplier ? MULTIPLIER_PLACES[multiplier] : 0);
  return { ...scaled, negative: d.negative || outerSign === '-' };
}

/** An amount in CNY as a string with exactly two decimals ("12345.60"); more decimals are
 * rounded half away from zero. */
export function parseMoney(raw: CellValue): ParseResult<string> {
  if (isEmptyCell(raw)) return fail('empty', raw);
  const d = typeof raw === 'string' ? moneyFromText(cellText(raw)) : decimalFromCell(raw);
  if (!d) return fail('invalid_money', raw);
  return ok(formatDecimal(roundHalfUp(d, 2)));
}

/** A whole number. "1,234" and "12.00" are accepted; "12.5" is not; values beyond
 * Number.MAX_SAFE_INTEGER are rejected rather than silently rounded. */
export function parseInteger(raw: CellValue): ParseResult<number> {
  if (isEmptyCell(raw)) return fail('empty', raw);
  const d = decimalFromCell(raw);
  if (!d || /[^0]/.test(d.frac)) return fail('invalid_integer', raw);
  const value = Number(d.int || '0');
  if (!Number.isSafeInteger(value)) return fail('out_of_range', raw);
  return ok(d.negative && value !== 0 ? -value : value);
}

// ---------------------------------------------------------------------------
// Enumerations

export interface EnumSpec<V extends string = string> {
  readonly values: readonly { readonly value: V; readonly labels?: readonly string[] }[];
}

/** Lookup tables are built once per spec object: parseEnum runs for every cell of a column. */
const enumIndexes = new WeakMap<EnumSpec, Map<string, string>>();

function enumIndex(spec: EnumSpec): Map<string, string> {
  let index = enumIndexes.get(spec);
  if (index) return index;
  index = new Map();
  for (const { value, labels = [] } of spec.values) {
    for (const label of [value, ...labels]) {
      const key = normalizeHeader(label);
      const existing = index.get(key);
      // A label that names two values would make imports depend on declaration order.
      if (existing !== undefined && existing !== value) {
        throw new Error(`Ambiguous enum label "${label}": maps to both "${existing}" and "${value}"`);
      }
      index.set(key, value);
    }
  }
  enumIndexes.set(spec, index);
  return index;
}

/** The canonical value for a cell holding either that value (any case) or one of its labels.
 * Whitespace, width and case are ignored, so "在 租" and "ACTIVE" match too. */
export function parseEnum<V extends string>(raw: CellValue, spec: EnumSpec<V>): ParseResult<V> {
  if (isEmptyCell(raw)) return fail('empty', raw);
  const value = raw instanceof Date ? undefined : enumIndex(spec).get(normalizeHeader(String(raw)));
  return value === undefined ? fail('unknown_enum_value', raw) : ok(value as V);
}
