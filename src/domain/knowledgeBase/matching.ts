/**
 * Matching a charge as written in a decision (涉嫌危险驾驶罪, 盗窃罪、诈骗罪, 帮信) against the
 * knowledge base. Charge texts differ in punctuation, the 涉嫌 prefix and the 罪 suffix, so both
 * sides are reduced to their words before comparing.
 */
import { toHalfWidth } from '../fullWidth';
import type { ChargeRule } from './types';

/** Separators and brackets that carry no meaning in a charge name. */
const PUNCTUATION = /[\s、，,。.;；:：·•\-—_/\\|()（）〔〕[\]【】《》〈〉"'“”‘’]/g;

/**
 * The words of a charge text: full-width folded, 涉嫌 dropped, 罪 dropped where it ends a charge
 * name (before a separator or at the end, so 犯罪 inside 帮助信息网络犯罪活动 stays), punctuation removed.
 */
export function normalizeChargeText(text: string): string {
  return toHalfWidth(text)
    .replace(/涉嫌/g, '')
    .replace(/罪(?=[\s、，,。;；()（）]|$)/g, '')
    .replace(PUNCTUATION, '');
}

/** The charge names of a rule's charge: qualifiers in brackets removed, one per 罪 listed. */
function chargeNames(charge: string): string[] {
  return toHalfWidth(charge)
    .replace(/[(（][^)）]*[)）]/g, '')
    .split(/[;；]|罪[、，,]/)
    .map(normalizeChargeText)
    .filter((name) => name !== '');
}

/** exact: the text is the term; contains: the text names the term among others; partial: the
 * text is a fragment of the term (e.g. someone typed 掩饰). */
export type MatchKind = 'exact' | 'contains' | 'partial';
const STRENGTH: Record<MatchKind, number> = { exact: 3, contains: 2, partial: 1 };

export interface ChargeMatch {
  kind: MatchKind;
  /** The rule's name or alias that matched, normalized. */
  term: string;
}

/** The terms a rule matches by: its charge names and aliases, normalized, without repeats. */
export function matchTerms(rule: Pick<ChargeRule, 'charge' | 'aliases'>): string[] {
  return [...new Set([...chargeNames(rule.charge), ...rule.aliases.map(normalizeChargeText)].filter((t) => t !== ''))];
}

/** The strongest match of the text against the rule, or null. A fragment must be two characters
 * at least, so a lone 罪 or 驾 matches nothing. */
export function matchCharge(rule: Pick<ChargeRule, 'charge' | 'aliases'>, chargeText: string): ChargeMatch | null {
  const text = normalizeChargeText(chargeText);
  if (text.length < 2) return null;
  let best: ChargeMatch | null = null;
  for (const term of matchTerms(rule)) {
    const kind: MatchKind | null = text === term ? 'exact' : text.includes(term) ? 'contains' : term.includes(text) ? 'partial' : null;
    if (kind && (!best || STRENGTH[kind] > STRENGTH[best.kind])) best = { kind, term };
  }
  return best;
}

export function matchStrength(kind: MatchKind): number {
  return STRENGTH[kind];
}
