/**
 * The fixed lines of a document as both renderers (DOCX on the server, HTML preview in the
 * browser) print them, so that the two never disagree on wording or placement.
 */
import { isIsoDate } from '../calendar/isoDate';
import type { DocumentContent } from './types';

/** What a draft shows where the number will go: brackets and 号 with room to write in. */
export const DRAFT_NUMBER = '〔　　〕号';

/** Still a draft: not numbered yet (internal documents are never numbered: not dated yet). */
export function isDraft(content: DocumentContent): boolean {
  return content.internal ? content.signOff.date === null : content.number === null;
}

/** The number line, or null for internal documents, which carry none. */
export function numberLine(content: DocumentContent): string | null {
  if (content.internal) return null;
  return content.number ?? DRAFT_NUMBER;
}

/** 成文日期 in Arabic numerals, year in full, no padding (GB/T 9704-2012 §7.3.5): 2026年3月5日. */
export function documentDate(iso: string): string {
  if (!isIsoDate(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** The date under the issuer: the real one, or a blank to fill in on a draft. */
export function signOffDate(content: DocumentContent): string {
  return content.signOff.date ? documentDate(content.signOff.date) : '　　　　年　　月　　日';
}

/** 主送 line, flush left and ending in a full-width colon; null where there is no recipient. */
export function recipientLine(content: DocumentContent): string | null {
  if (content.internal || !content.recipient?.trim()) return null;
  return `${content.recipient.trim().replace(/[：:]$/, '')}：`;
}

/** 抄送 line (GB/T 9704-2012 §7.4.2): names separated by full-width commas, closed by 。 */
export function copyToLine(content: DocumentContent): string | null {
  const names = content.copyTo.map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) return null;
  return `抄送：${names.join('，')}。`;
}

/** 附件说明 under the body (GB/T 9704-2012 §7.3.4), pointing to the annex page. */
export function annexNote(content: DocumentContent): string | null {
  return content.annex ? `附件：${content.annex.title}` : null;
}

/** Width in full-width characters: ASCII letters and digits take half a character. */
export function visualWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return width;
}

/**
 * Right indents, in characters, of the issuer line and the date line (GB/T 9704-2012 §7.3.5):
 * the date stands four characters from the right margin where a seal is pressed on it (two
 * without a seal), and the issuer is centred over the date; an issuer wider than that reaches
 * the margin and the date is centred under it instead.
 */
export function signOffIndents(issuer: string, date: string, sealed: boolean): { issuer: number; date: number } {
  const dateIndent = sealed ? 4 : 2;
  const issuerWidth = visualWidth(issuer);
  const dateWidth = visualWidth(date);
  const issuerIndent = dateIndent + (dateWidth - issuerWidth) / 2;
  if (issuerIndent >= 0) return { issuer: issuerIndent, date: dateIndent };
  return { issuer: 0, date: Math.max(0, (issuerWidth - dateWidth) / 2) };
}

/** Empty lines between the body and the issuer: room for the seal, or one line without. */
export function signOffGap(content: DocumentContent): number {
  return content.internal ? 1 : 3;
}

/** Width of the GB/T 9704 text block, 156 mm, in points. */
export const TEXT_BLOCK_WIDTH_PT = (156 / 25.4) * 72;

/** 发文机关标志 size in points: as large as fits the text block on one line, 22 to 42 pt. */
export function redHeaderPoints(text: string): number {
  return Math.max(22, Math.min(42, Math.floor(TEXT_BLOCK_WIDTH_PT / Math.max(1, visualWidth(text)))));
}

/** Body text split into paragraphs at line breaks, empty lines dropped. */
export function textParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
