/**
 * Person names, normalized per DATA-SPEC §2 so that the same person's name compares equal
 * across agencies' exports: whitespace, middle-dot variants and traditional characters are
 * the usual differences between two registries' spellings.
 */
// The t2cn build carries only the traditional→simplified dictionaries (about a tenth of the
// full build), which matters because this module is also bundled for the browser.
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { toHalfWidth } from './fullWidth';

const HAN = /\p{Script=Han}/u;
/** Whitespace, including zero-width characters pasted along with names from web pages. */
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;
/** Middle-dot look-alikes used between the parts of ethnic-minority names (阿依古丽·买买提):
 * `.` (also from ．), U+00B7 ·, U+2022 •, U+2027 ‧, U+2219 ∙, U+22C5 ⋅, U+30FB ・, U+FF65 ･.
 * A run of them between two Han characters becomes one U+00B7. */
const DOTS_BETWEEN_HAN = /(?<=\p{Script=Han})[.\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65]+(?=\p{Script=Han})/gu;
const MIDDLE_DOT = '\u00B7';

/**
 * GB 2312 characters that OpenCC's traditional→simplified tables would still rewrite
 * (乾→干, 於→于, 著→着, 後→后, 徵→征 …). Mainland registries record names in simplified
 * characters, and in a name these are usually the character itself (乾 qián, the surname 於,
 * 著 zhù), not a traditional spelling, so they are kept. The list was obtained by running the
 * converters below over all 6,763 GB 2312 hanzi; the unit tests re-check that every GB 2312
 * hanzi passes through unchanged.
 */
const KEEP_AS_IS = '乾菸薹拚捱摺吒後徵夥榘於袷麴醣麽么著';
const CONVERTIBLE_RUN = new RegExp(`[^${KEEP_AS_IS}]+`, 'gu');

let simplify: ((s: string) => string) | undefined;

/**
 * Traditional → simplified, character variants only. OpenCC's 'twp' locale also swaps
 * Taiwanese vocabulary for mainland words (晶片→芯片, 埠→端口), which would corrupt a name, so
 * 'tw' is used instead; 'hk' adds Hong Kong variants such as 衞. The converters build large
 * lookup tries, so they are created on first use only.
 */
function toSimplified(s: string): string {
  if (!simplify) {
    const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
    simplify = (text) => fromTaiwan(fromHongKong(text));
  }
  return s.replace(CONVERTIBLE_RUN, simplify);
}

/**
 * The comparable form of a person's name, or null for an empty one.
 * Names with Chinese characters lose all whitespace, get one kind of middle dot and simplified
 * characters; Latin names keep single spaces between words. Letter case is left as written.
 */
export function normalizePersonName(raw: string | null | undefined): string | null {
  const name = toHalfWidth(raw ?? '').replace(ALL_SPACE, ' ').trim();
  if (name === '') return null;
  if (!HAN.test(name)) return name;
  return toSimplified(name.replace(/ /g, '').replace(DOTS_BETWEEN_HAN, MIDDLE_DOT));
}

/**
 * Toneless lowercase pinyin of a normalized name, syllables separated by spaces ("zhang san"),
 * for display and fuzzy matching. Surname readings are used for the first character (单 shan,
 * 曾 zeng, 解 xie), the middle dot is dropped, and runs of Latin letters or digits stay whole.
 */
export function namePinyin(raw: string | null | undefined): string | null {
  const name = normalizePersonName(raw);
  if (name === null) return null;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  return syllables
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
    .join(' ')
    .replace(/\s+/g, ' ');
}
