/**
 * Synthetic residents: realistic Chinese names and valid 18-digit resident ID numbers
 * (region code, birth date, sequence with the sex in its last digit, MOD 11-2 check character).
 * Every ID is unique: the (region, birth date, sequence) triple is the image of a counter under
 * a pseudo-random bijection, so nothing has to remember the IDs already handed out.
 */
import { idCheckChar } from '../../domain/idNumber.js';
import { dayNumber, fromDayNumber } from '../../domain/calendar/isoDate.js';
import { Permutation, type Random } from './random.js';

export interface Person {
  /** Canonical 18-character ID. */
  id: string;
  /** Canonical (simplified) name. */
  name: string;
  birth: string;
  male: boolean;
}

/** Region codes of the ID's first six digits: Beijing's districts (most residents here) and
 * districts of the provinces most Beijing residents come from. */
const REGIONS = [
  '110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115',
  '120101', '130102', '130602', '140105', '210102', '230102', '320102', '340102', '370102', '410102', '420102', '430102', '510104', '610103', '650102',
];

/** Surnames with their approximate share of the population (per mille). */
const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 26], ['赵', 23], ['吴', 21], ['周', 21],
  ['徐', 17], ['孙', 15], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11], ['高', 11], ['罗', 11],
  ['郑', 10], ['梁', 10], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 7],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 6], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 5], ['杜', 5], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['沈', 4],
  ['姚', 4], ['卢', 4], ['姜', 4], ['崔', 4], ['钟', 4], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 3], ['方', 3], ['白', 3], ['邹', 3], ['孟', 3], ['熊', 3],
  ['秦', 3], ['邱', 3], ['江', 3], ['尹', 3], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2],
  ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2], ['万', 2],
  ['钱', 2], ['严', 2], ['武', 2], ['戴', 2], ['孔', 2], ['汤', 2], ['欧阳', 0.5], ['司马', 0.1], ['诸葛', 0.1], ['上官', 0.1],
];
const MALE_GIVEN = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林国建志文东海峰亮成庆荣宝贵阳坤晨博昊轩睿天嘉泽铭立新春'];
const FEMALE_GIVEN = [...'芳娜敏静丽艳娟霞秀英兰玲燕萍红桂梅琳婷雪慧颖晶欣怡佳璐倩洁丹云凤莲美琴蓉悦涵萱雨诗梦晓思月'];
/** Names of Uyghur residents, written with the middle dot that other registries spell differently. */
const MINORITY_NAMES = ['阿依古丽·买买提', '迪丽娜尔·艾合买提', '买买提·吐尔逊', '古丽娜·阿不都', '热依拉·吐尔洪', '艾力·托合提'];

class NameMaker {
  constructor(private readonly rng: Random) {}

  make(male: boolean): string {
    if (this.rng.chance(0.004)) return this.rng.pick(MINORITY_NAMES);
    const pool = male ? MALE_GIVEN : FEMALE_GIVEN;
    const surname = this.rng.weighted(SURNAMES);
    const given = this.rng.chance(0.3) ? this.rng.pick(pool) : this.rng.pick(pool) + this.rng.pick(pool);
    return surname + given;
  }
}

/** A slice of the ID space: birth dates and sequence numbers, disjoint from the other pools. */
interface PoolSpec {
  born: [string, string];
  /** Sequence numbers (digits 15–17) reserved for the pool, so pools never share an ID. */
  seq: [number, number];
}

const POOLS = {
  /** Working-age and older adults: tenants, owners, practitioners, drivers. */
  adult: { born: ['1952-01-01', '2003-12-31'], seq: [0, 799] },
  /** Pensioners. */
  elder: { born: ['1928-01-01', '1961-12-31'], seq: [800, 999] },
} satisfies Record<string, PoolSpec>;
type PoolName = keyof typeof POOLS;

class Pool {
  private readonly firstDay: number;
  private readonly days: number;
  private readonly seqCount: number;
  private readonly permutation: Permutation;
  private drawn = 0;

  constructor(
    private readonly spec: PoolSpec,
    rng: Random,
  ) {
    this.firstDay = dayNumber(spec.born[0]);
    this.days = dayNumber(spec.born[1]) - this.firstDay + 1;
    this.seqCount = spec.seq[1] - spec.seq[0] + 1;
    this.permutation = new Permutation(REGIONS.length * this.days * this.seqCount, rng);
  }

  /** Region, birth date and sequence of the next unused ID. */
  next(): { region: string; birth: string; seq: number } {
    const x = this.permutation.at(this.drawn++);
    const region = REGIONS[x % REGIONS.length];
    const rest = Math.floor(x / REGIONS.length);
    const birth = fromDayNumber(this.firstDay + (rest % this.days));
    return { region, birth, seq: this.spec.seq[0] + Math.floor(rest / this.days) };
  }
}

export class People {
  private readonly pools: Record<PoolName, Pool>;
  private readonly names: NameMaker;

  constructor(rng: Random) {
    this.pools = { adult: new Pool(POOLS.adult, rng.fork('pool:adult')), elder: new Pool(POOLS.elder, rng.fork('pool:elder')) };
    this.names = new NameMaker(rng.fork('names'));
  }

  next(pool: PoolName = 'adult'): Person {
    const { region, birth, seq } = this.pools[pool].next();
    const body = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    // GB 11643: an odd sequence number is a man.
    const male = seq % 2 === 1;
    return { id: body + idCheckChar(body), name: this.names.make(male), birth, male };
  }

  /** Someone else with the same name: a different, valid ID. */
  namesake(of: Person, pool: PoolName = 'adult'): Person {
    return { ...this.next(pool), name: of.name };
  }
}

/** The same ID with a wrong check character, as a typing slip produces: never valid. */
export function mistypedId(id: string, rng: Random): string {
  const others = [...'0123456789X'].filter((c) => c !== id[17]);
  return id.slice(0, 17) + rng.pick(others);
}
