/**
 * What the case list's search box (`q`) matches: the case number, the title and the subject's
 * name. A case number is `<organ and type>〔<year>〕<serial>号` (京朝检行反受〔2026〕12号), and what
 * people type is a piece of it; each kind of piece has an index of migration 0012_case_search:
 *
 * - a serial alone (`12`, `12号`): the cases with that serial, of any year and type;
 * - a piece holding the year in brackets (`京朝检行反受〔2026〕12`, `〔2026〕12号`, `2026〕1`,
 *   `(2026)12`): the numbers with that year whose serial starts with the digits typed (is them,
 *   when 号 ends the piece), and which contain the text typed before the bracket;
 * - anything else (`反受`, `监立`): the number contains it.
 *
 * The title and the subject's name match when they contain the text typed, in every case.
 * Brackets (〔〕 () （） [] 【】) and full-width digits are read alike. The text is always a bound
 * value.
 */
import { sql, type RawBuilder } from 'kysely';

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Full-width digits to ASCII; every kind of bracket around the year to 〔〕. */
export function normalizeNumberFragment(q: string): string {
  return q
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\[(（【［]/g, '〔')
    .replace(/[\])）】］]/g, '〕')
    .replace(/\s+/g, '');
}

export type NumberFragment =
  | { kind: 'serial'; serial: number }
  | { kind: 'year'; lead: string; year: string; serial: string; whole: boolean }
  | { kind: 'text'; text: string };

export function numberFragment(q: string): NumberFragment {
  const s = normalizeNumberFragment(q);
  const serial = /^(\d{1,9})号?$/.exec(s);
  if (serial) return { kind: 'serial', serial: Number(serial[1]) };
  const year = /^(.*?)(〔?)(\d{4})(?:〕(\d{0,9})(号?))?$/.exec(s);
  if (year && (year[2] || year[4] !== undefined)) {
    return { kind: 'year', lead: year[1], year: year[3], serial: year[4] ?? '', whole: year[5] === '号' && year[4] !== '' };
  }
  return { kind: 'text', text: s };
}

/** The WHERE condition on `cases` for a search text. */
export function caseSearchCondition(q: string): RawBuilder<boolean> {
  const words = `%${escapeLike(q.trim())}%`;
  const inText = sql<boolean>`cases.title ILIKE ${words} OR cases.subject_name ILIKE ${words}`;
  const f = numberFragment(q);
  let inNumber: RawBuilder<boolean>;
  if (f.kind === 'serial') {
    inNumber = sql<boolean>`case_number_serial(cases.number) = ${f.serial}`;
  } else if (f.kind === 'year') {
    const key = `${f.year}-${f.serial}`;
    const keyMatches = f.whole ? sql`case_number_key(cases.number) = ${key}` : sql`case_number_key(cases.number) LIKE ${`${key}%`}`;
    inNumber = f.lead ? sql<boolean>`(${keyMatches} AND cases.number ILIKE ${`%${escapeLike(f.lead)}%`})` : sql<boolean>`${keyMatches}`;
  } else {
    inNumber = sql<boolean>`cases.number ILIKE ${`%${escapeLike(f.text)}%`}`;
  }
  return sql<boolean>`(${inNumber} OR ${inText})`;
}
