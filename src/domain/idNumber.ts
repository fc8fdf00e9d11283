/**
 * PRC resident ID numbers (居民身份证号码, GB 11643-1999), normalized per DATA-SPEC §2.
 *
 * Layout of the 18-character form: 6-digit region code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence, check character (ISO 7064 MOD 11-2). The first-generation 15-digit form
 * has a 2-digit year (always 19xx) and no check character.
 */
import { toHalfWidth } from './fullWidth';
import { isCalendarDate } from './values';

export type IdInvalidReason = 'empty' | 'length' | 'characters' | 'checksum' | 'birth_date';

export interface NormalizedId {
  /** The 18-character ID when valid; otherwise the cleaned input (for display and flagging),
   * or null when nothing is left. */
  value: string | null;
  valid: boolean;
  reason?: IdInvalidReason;
  /** Set when a valid 15-digit first-generation number was upgraded to 18 characters. */
  converted15?: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MIN_BIRTH_YEAR = 1900;

/**
 * What people and spreadsheets put around the 18 characters: spaces (incl. NBSP, U+3000 and
 * zero-width ones), hyphens and dashes, dots, slashes, underscores, commas, and the quote,
 * apostrophe and `=` of the `'110105…` / `="110105…"` tricks that stop Excel from turning
 * the number into 1.10105E+17.
 */
const SEPARATORS =
  /[\s\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212\uFE63._\u00B7\u2022\u2027\u30FB\uFF65\u2219\u22C5/\\|,'"`\u2018\u2019\u201C\u201D=]/g;

/** Separators removed, full-width folded, `x` → `X`; no validation. */
function cleanIdText(raw: string | number | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  return toHalfWidth(String(raw)).replace(SEPARATORS, '').toUpperCase();
}

/** The MOD 11-2 check character of the first 17 characters, which must be digits. Imports
 * call this for every row, hence character codes rather than Number() per digit. */
function checkCharOf(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`Expected 17 digits, got "${first17}"`);
  return checkCharOf(first17);
}

const digitsAt = (s: string, start: number, end: number) => {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/** Whether characters 7–14 of an 18-character ID are a real date from 1900 on. */
function hasBirthDate(id18: string): boolean {
  const year = digitsAt(id18, 6, 10);
  return year >= MIN_BIRTH_YEAR && isCalendarDate(year, digitsAt(id18, 10, 12), digitsAt(id18, 12, 14));
}

/** YYYY-MM-DD from characters 7–14 of an 18-character ID, or null if they are no real date
 * from 1900 on. */
function embeddedBirthDate(id18: string): string | null {
  if (!hasBirthDate(id18)) return null;
  return `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
}

function invalid(value: string, reason: IdInvalidReason): NormalizedId {
  return { value, valid: false, reason };
}

const CHECK_CODES = Array.from(CHECK_CHARS, (c) => c.charCodeAt(0));
const X_CODE = 0x58;

/**
 * normalizeIdNumber of a string already in canonical form (17 ASCII digits and a digit or X:
 * most cells of an agency export), checked in one pass over the character codes; undefined
 * for anything else, which needs cleaning first. An import checks a million of these.
 */
function canonical18(raw: string): NormalizedId | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = raw.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    sum += digit * WEIGHTS[i];
  }
  const last = raw.charCodeAt(17);
  if ((last < 48 || last > 57) && last !== X_CODE) return undefined;
  if (CHECK_CODES[sum % 11] !== last) return invalid(raw, 'checksum');
  if (!hasBirthDate(raw)) return invalid(raw, 'birth_date');
  return { value: raw, valid: true };
}

export function normalizeIdNumber(raw: string | number | null | undefined): NormalizedId {
  if (typeof raw === 'string' && raw.length === 18) {
    const canonical = canonical18(raw);
    if (canonical !== undefined) return canonical;
  }
  const id = cleanIdText(raw);
  if (id === '') return { value: null, valid: false, reason: 'empty' };
  if (!/^[0-9X]+$/.test(id)) return invalid(id, 'characters');
  if (id.length === 15) {
    // First-generation numbers are all digits: an X here is a typo, not a check character.
    if (id.includes('X')) return invalid(id, 'characters');
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    // No check character to verify, so the birth date is the only test.
    if (!hasBirthDate(first17)) return invalid(id, 'birth_date');
    return { value: first17 + checkCharOf(first17), valid: true, converted15: true };
  }
  if (id.length !== 18) return invalid(id, 'length');
  const x = id.indexOf('X');
  if (x !== -1 && x < 17) return invalid(id, 'characters');
  if (checkCharOf(id) !== id[17]) return invalid(id, 'checksum');
  if (!hasBirthDate(id)) return invalid(id, 'birth_date');
  return { value: id, valid: true };
}

/** Birth date (YYYY-MM-DD) carried by a valid ID number (15 or 18 digits, any notation);
 * null for an invalid one, whose digits cannot be trusted (DATA-SPEC §2, name_birth). */
export function birthDateFromId(id: string | null | undefined): string | null {
  const normalized = normalizeIdNumber(id);
  return normalized.valid && normalized.value ? embeddedBirthDate(normalized.value) : null;
}

/**
 * Keeps `head` leading and `tail` trailing characters and stars the rest, one star per hidden
 * character. When that would hide fewer than `minHidden` characters, at most a quarter of the
 * string is shown at each end instead, so short or truncated values never leak whole.
 */
function maskMiddle(s: string, head: number, tail: number, minHidden: number): string {
  const chars = [...s];
  const n = chars.length;
  if (n < head + tail + minHidden) head = tail = Math.floor(n / 4);
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}

/** 110105********1234 — region code and last four shown, as on official printouts. */
export function maskIdNumber(s: string | null | undefined): string {
  return maskMiddle(cleanIdText(s), 6, 4, 4);
}

/** 138****5678. Spaces and hyphens are dropped first so "138 1234 5678" masks the same. */
export function maskPhone(s: string | null | undefined): string {
  const compact = toHalfWidth(s ?? '').replace(/[\s\-\u2010-\u2015]/g, '');
  return maskMiddle(compact, 3, 4, 4);
}
