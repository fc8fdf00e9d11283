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
/** Most names are only common CJK ideographs: nothing to fold, trim or unify but characters. */
const PLAIN_HAN_NAME = /^[\u4E00-\u9FFF]+$/;
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

/** Of every dictionary entry that changes its text, its text, by its first character. */
type Triggers = Map<number, string[]>;
let triggers: Triggers | undefined;
/** The Basic Multilingual Plane as a table (a lookup is cheaper than a Map's): 0 no entry starts
 * with the character, 1 an entry of that one character changes it, 2 only longer entries start
 * with it (王 starts entries such as 王后 but is itself unchanged). */
let bmpTriggers: Uint8Array | undefined;

/** OpenCC dictionaries as opencc-js ships them: "from to|from to" strings, [from, to] pairs,
 * and nested groups of these. */
type Dictionary = string | readonly unknown[];

/** Adds every dictionary entry that changes its text. */
function addTriggers(map: Triggers, dictionary: Dictionary | undefined): void {
  const add = (from: string, to: string) => {
    if (!from || from === to) return;
    const first = from.codePointAt(0)!;
    const entries = map.get(first);
    if (entries) entries.push(from);
    else map.set(first, [from]);
  };
  if (dictionary === undefined) return;
  if (typeof dictionary === 'string') {
    for (const entry of dictionary.split('|')) add(...(entry.split(' ') as [string, string]));
    return;
  }
  // A [from, to] pair, unlike a group of two dictionary strings, holds no spaces.
  const [from, to] = dictionary;
  if (dictionary.length === 2 && typeof from === 'string' && typeof to === 'string' && !from.includes(' ') && !to.includes(' ')) add(from, to);
  else for (const item of dictionary) addTriggers(map, item as Dictionary);
}

function loadTriggers(): Triggers {
  const map: Triggers = new Map();
  for (const config of [OpenCC.Locale.configs.tw2s, OpenCC.Locale.configs.hk2s]) {
    const { normalizationChain } = config as { normalizationChain?: Dictionary };
    for (const dictionary of [normalizationChain, config.segmentation, config.conversionChain] as Dictionary[]) addTriggers(map, dictionary);
  }
  bmpTriggers = new Uint8Array(0x10000);
  for (const [code, entries] of map) {
    // The same entries come from both configurations.
    map.set(code, [...new Set(entries)]);
    if (code >= 0x10000) continue;
    bmpTriggers[code] = entries.some((e) => e.length === 1) ? 1 : 2;
    for (const entry of entries) if (entry.length > 1) bmpPairs.add(code * 0x10000 + entry.charCodeAt(1));
  }
  return map;
}

/** The first two characters (as code units) of the longer entries, to rule most names out
 * without looking at the entries (沈 alone starts over a hundred). */
const bmpPairs = new Set<number>();

/** Whether an entry of `entries` (changing entries starting with the character at i) occurs at i. */
function entryAt(s: string, i: number, entries: string[] | undefined): boolean {
  if (!entries) return false;
  for (const entry of entries) if (s.startsWith(entry, i)) return true;
  return false;
}

/**
 * Whether the converters below could change the text at all. A converter only rewrites text
 * where a dictionary entry matches, and the text can change only where an entry that changes
 * something occurs in it; most names hold none, and looking costs a fraction of a conversion,
 * which matters when a million rows are imported. (Common characters such as 王, 李 or 明 start
 * entries like 王后 and are themselves unchanged, so the entries are looked at whole.)
 */
function mayNeedSimplifying(s: string): boolean {
  triggers ??= loadTriggers();
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      if (entryAt(s, i, triggers.get(s.codePointAt(i)!))) return true;
      i++;
    } else {
      const kind = bmpTriggers![code];
      if (kind === 1 || (kind === 2 && bmpPairs.has(code * 0x10000 + s.charCodeAt(i + 1)) && entryAt(s, i, triggers.get(code)))) return true;
    }
  }
  return false;
}

/**
 * Traditional → simplified, character variants only. OpenCC's 'twp' locale also swaps
 * Taiwanese vocabulary for mainland words (晶片→芯片, 埠→端口), which would corrupt a name, so
 * 'tw' is used instead; 'hk' adds Hong Kong variants such as 衞. The converters build large
 * lookup tries, so they are created on first use only.
 */
function toSimplified(s: string): string {
  if (!mayNeedSimplifying(s)) return s;
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
  if (raw && PLAIN_HAN_NAME.test(raw)) return toSimplified(raw);
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
  return name === null ? null : normalizedNamePinyin(name);
}

/** namePinyin of a name that normalizePersonName already gave. */
export function normalizedNamePinyin(name: string): string {
  if (name.length >= 2 && PLAIN_HAN_NAME.test(name)) {
    const surname = singleSurnameReading(name);
    if (surname !== null) return `${surname} ${givenNamePinyin(name)}`;
  }
  return syllables(name, true);
}

/** pinyin-pro's toneless syllables, lowercase, without punctuation, joined by single spaces. */
function syllables(text: string, surname: boolean): string {
  return pinyin(text, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off', nonZh: 'consecutive' })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /[\p{L}\p{N}]/u.test(s))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/**
 * pinyin-pro reads a name by splitting off its surname and reading the rest as ordinary text,
 * which costs about 14 µs a name: too slow for an import of millions of rows, most with a name
 * never seen before. The same readings come from two small memories instead: the surname reading
 * of each first character (per two-character prefix, so compound surnames such as 单于 chan yu or
 * 万俟 mo qi, whose prefix reads differently from its characters alone, go the slow way) and the
 * reading of each given name. Both are bounded; names other than plain hanzi go the slow way.
 */
const MEMO_LIMIT = 100_000;
/** Keyed by a number computed from the characters (cheaper than slicing strings to key by):
 * the memories below only see characters of U+4E00–U+9FFF (PLAIN_HAN_NAME). */
const surnameMemo = new Map<number, string | null>();
const givenMemo = new Map<number | string, string>();
/** The surname reading of a first character alone (a few hundred surnames start most names). */
const firstCharMemo = new Map<number, string>();
const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0xa000 - HAN_FIRST;

/** A key for the two characters at i, distinct for every pair and a small integer. */
const pairKey = (s: string, i: number) => (s.charCodeAt(i) - HAN_FIRST) * HAN_COUNT + (s.charCodeAt(i + 1) - HAN_FIRST);

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** The surname reading of the name's first character when the name splits after it, else null. */
function singleSurnameReading(name: string): string | null {
  const key = pairKey(name, 0);
  const known = surnameMemo.get(key);
  if (known !== undefined) return known;
  const code = name.charCodeAt(0);
  const first = firstCharMemo.get(code) ?? remember(firstCharMemo, code, syllables(name[0], true));
  const together = syllables(name.slice(0, 2), true);
  return remember(surnameMemo, key, together === `${first} ${givenNamePinyin(name[0] + name[1])}` ? first : null);
}

/** The reading of the name after its first character. */
function givenNamePinyin(name: string): string {
  // One and two characters (nearly every given name) by number, longer ones by their text.
  const key = name.length === 2 ? -1 - (name.charCodeAt(1) - HAN_FIRST) : name.length === 3 ? pairKey(name, 1) : name.slice(1);
  return givenMemo.get(key) ?? remember(givenMemo, key, syllables(name.slice(1), false));
}
