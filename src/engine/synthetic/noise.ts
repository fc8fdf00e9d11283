/**
 * Identity noise (DATA-SPEC §2): the spellings of one ID number or name that different agencies'
 * exports produce. Applied to the files only; every form here normalizes back to the canonical
 * value, which is what the ground truth uses.
 */
import { normalizeIdNumber } from '../../domain/idNumber.js';
import type { Random } from './random.js';

export const ID_NOISES = ['first_generation', 'lowercase_x', 'full_width', 'separators', 'whitespace'] as const;
export type IdNoise = (typeof ID_NOISES)[number];
export const NAME_NOISES = ['traditional', 'inner_space', 'name_whitespace', 'middle_dot'] as const;
export type NameNoise = (typeof NAME_NOISES)[number];
export type NoiseCounts = Record<IdNoise | NameNoise, number>;

export const emptyNoiseCounts = (): NoiseCounts =>
  Object.fromEntries([...ID_NOISES, ...NAME_NOISES].map((n) => [n, 0])) as NoiseCounts;

/** Simplified → traditional for characters common in names. Each pair is checked to come back
 * unchanged through normalizePersonName (see the tests). */
const TRADITIONAL = new Map(
  [
    '张張', '陈陳', '刘劉', '黄黃', '赵趙', '孙孫', '吴吳', '郑鄭', '杨楊', '马馬', '冯馮', '邓鄧', '许許', '韩韓', '罗羅', '叶葉', '钟鍾',
    '卢盧', '蒋蔣', '贾賈', '谭譚', '陆陸', '汤湯', '龙龍', '邹鄒', '顾顧', '龚龔', '苏蘇', '钱錢', '严嚴', '伟偉', '国國', '华華', '丽麗',
    '军軍', '红紅', '东東', '凤鳳', '兰蘭', '云雲', '刚剛', '强強', '杰傑', '涛濤', '鹏鵬', '辉輝', '飞飛', '宁寧', '静靜', '艳艷', '凯凱',
    '颖穎', '庆慶', '荣榮', '宝寶', '贵貴', '阳陽', '晓曉', '梦夢', '莲蓮', '洁潔', '诗詩',
  ].map((pair) => [pair[0], pair[1]]),
);

export const TRADITIONAL_PAIRS: readonly [string, string][] = [...TRADITIONAL];

const FULL_WIDTH_OFFSET = 0xfee0;
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));

function applies(id: string, noise: IdNoise): boolean {
  if (noise === 'lowercase_x') return id.endsWith('X');
  // Only people born in the 1900s had first-generation numbers, and the 15-digit form drops the
  // check character, which would silently repair a mistyped one.
  if (noise === 'first_generation') return id.slice(6, 8) === '19' && normalizeIdNumber(id).valid;
  return true;
}

/** The noise for one ID cell: the hint when it applies, otherwise drawn at random (or none). */
export function chooseIdNoise(id: string, rng: Random, hint?: IdNoise): IdNoise | null {
  if (hint && applies(id, hint)) return hint;
  if (id.endsWith('X') && rng.chance(0.5)) return 'lowercase_x';
  const r = rng.next();
  const noise: IdNoise | null = r < 0.05 ? 'first_generation' : r < 0.1 ? 'full_width' : r < 0.16 ? 'separators' : r < 0.2 ? 'whitespace' : null;
  return noise && applies(id, noise) ? noise : null;
}

export function noisyId(id: string, noise: IdNoise, rng: Random): string {
  switch (noise) {
    case 'first_generation':
      return id.slice(0, 6) + id.slice(8, 17);
    case 'lowercase_x':
      return id.toLowerCase();
    case 'full_width':
      return fullWidth(id);
    case 'separators': {
      const sep = rng.pick([' ', '-']);
      return `${id.slice(0, 6)}${sep}${id.slice(6, 14)}${sep}${id.slice(14)}`;
    }
    case 'whitespace':
      return rng.pick([` ${id}`, `${id} `, `${id}\u3000`, `  ${id} `]);
  }
}

/** Middle-dot spellings that survive each encoding (GBK has no • or ・). */
const DOTS = { unicode: ['•', '.', '・', '．'], gbk: ['.', '．'] };

export function noisyName(name: string, rng: Random, charset: 'unicode' | 'gbk'): { text: string; noise: NameNoise | null } {
  if (name.includes('·')) {
    return rng.chance(0.6) ? { text: name.replace('·', rng.pick(DOTS[charset])), noise: 'middle_dot' } : { text: name, noise: null };
  }
  const r = rng.next();
  if (r < 0.05) {
    const traditional = [...name].map((c) => TRADITIONAL.get(c) ?? c).join('');
    if (traditional !== name) return { text: traditional, noise: 'traditional' };
  } else if (r < 0.08) {
    const cut = name.length > 2 && rng.chance(0.3) ? 2 : 1;
    return { text: `${name.slice(0, cut)}${rng.pick([' ', '\u3000'])}${name.slice(cut)}`, noise: 'inner_space' };
  } else if (r < 0.11) {
    return { text: rng.pick([` ${name}`, `${name} `, `${name}\u3000`]), noise: 'name_whitespace' };
  }
  return { text: name, noise: null };
}
