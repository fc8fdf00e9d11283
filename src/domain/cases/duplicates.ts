/**
 * Duplicate clues: the same person (or unit) and the same matter reported twice — e.g. a
 * non-prosecution decision imported from the criminal department's export and also entered by
 * hand, or a model hit that an agency transferred as well. The register compares keys, never
 * free text: the subject's normalized ID number (or normalized name when there is none) and the
 * matter reduced to its core words.
 */
import { normalizeIdNumber } from '../idNumber';
import { normalizePersonName } from '../personName';
import { toHalfWidth } from '../fullWidth';

/** "涉嫌危险驾驶罪" / "危险驾驶 罪" / "危险驾驶" → "危险驾驶". */
export function matterKey(matter: string | null | undefined): string {
  if (!matter) return '';
  return toHalfWidth(matter)
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/^涉嫌/, '')
    .replace(/罪$/, '')
    .toLowerCase();
}

/** The subject's key: the ID number as normalized (a 15-digit one converted; an invalid one at least
 * cleaned of spaces, full-width digits and a lowercase x), otherwise "name:" + normalized name. */
export function subjectKey(idNumber: string | null | undefined, name: string | null | undefined): string | null {
  const id = normalizeIdNumber(idNumber ?? null);
  if (id.value) return id.value;
  const n = normalizePersonName(name ?? null);
  return n ? `name:${n}` : null;
}
