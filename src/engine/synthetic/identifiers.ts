/**
 * Registry numbers in the shapes agencies use: unified social credit codes with their check
 * characters, Beijing plates, property certificates, case and decision numbers, public-housing
 * units in 北京市朝阳区. Numbers that must be unique come from counters or bijections.
 */
import { Permutation, type Random } from './random.js';

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const CHAOYANG = '110105';

/** GB 11714 organization code: eight digits and a check character. */
function organizationCode(digits8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return digits8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** GB 32100 unified social credit code of an enterprise (91…) registered in Chaoyang. */
function usccFor(orgDigits8: string): string {
  const body = `91${CHAOYANG}${organizationCode(orgDigits8)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]) * USCC_WEIGHTS[i];
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Plate letters: no I or O, which read as 1 and 0. */
const PLATE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Letters after 京 that Beijing has issued. */
const PLATE_PREFIXES = 'ABCEFGHJKLMNPQY';

const PROJECTS = [
  ['BZW', '百子湾家园'],
  ['CYJY', '常营公租房'],
  ['SQJY', '双桥佳苑'],
  ['DBJY', '东坝家园'],
  ['DGZ', '豆各庄嘉园'],
  ['HZH', '黑庄户馨园'],
  ['SBLD', '十八里店公寓'],
  ['FTCC', '垡头翠城'],
  ['GZGY', '高家园公寓'],
  ['WJXY', '望京新苑'],
  ['JSLY', '金盏乐园'],
  ['CYXC', '朝阳新城'],
] as const;

const ROADS = ['建国路', '望京西路', '朝阳北路', '东三环中路', '安立路', '北苑路', '双桥东路', '劲松南路', '广渠路', '朝阳路', '姚家园路', '来广营西路', '大望路', '酒仙桥路', '十里河北路'];
const TRADE_NAMES = ['恒达', '鑫源', '华泰', '博远', '瑞丰', '金诚', '中科', '盛世', '永信', '天成', '汇通', '新锐', '德润', '宏图', '启明', '嘉禾', '安泰', '众合', '同创', '远洋'];
const INDUSTRIES = ['商贸', '科技', '餐饮管理', '建筑工程', '文化传媒', '物业管理', '信息技术', '医药', '物流', '投资管理', '装饰工程', '教育咨询'];

export interface Unit {
  id: string;
  address: string;
}

export class Identifiers {
  private readonly orgCodes: Permutation;
  private readonly plates: Permutation;
  private companies = 0;
  private vehicles = 0;
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: Random) {
    this.orgCodes = new Permutation(100_000_000, rng.fork('org-codes'));
    this.plates = new Permutation(PLATE_PREFIXES.length * PLATE_CHARS.length ** 2 * 1000, rng.fork('plates'));
  }

  /** 1, 2, 3 … per series (a year's certificates, a court's cases of one year …). */
  private count(series: string): number {
    const n = (this.counters.get(series) ?? 0) + 1;
    this.counters.set(series, n);
    return n;
  }

  uscc(): string {
    return usccFor(String(this.orgCodes.at(this.companies++)).padStart(8, '0'));
  }

  companyName(): string {
    const first = this.rng.int(TRADE_NAMES.length);
    // A different second half: no 北京天成天成…
    const second = (first + 1 + this.rng.int(TRADE_NAMES.length - 1)) % TRADE_NAMES.length;
    return `北京${TRADE_NAMES[first]}${TRADE_NAMES[second]}${this.rng.pick(INDUSTRIES)}有限公司`;
  }

  plate(): string {
    let x = this.plates.at(this.vehicles++);
    const prefix = PLATE_PREFIXES[x % PLATE_PREFIXES.length];
    x = Math.floor(x / PLATE_PREFIXES.length);
    const first = PLATE_CHARS[x % PLATE_CHARS.length];
    x = Math.floor(x / PLATE_CHARS.length);
    const second = PLATE_CHARS[x % PLATE_CHARS.length];
    return `京${prefix}${first}${second}${String(Math.floor(x / PLATE_CHARS.length)).padStart(3, '0')}`;
  }

  /** The n-th public-housing unit (0-based): distinct for every n. */
  unit(n: number): Unit {
    const [code, project] = PROJECTS[n % PROJECTS.length];
    const r = Math.floor(n / PROJECTS.length);
    const room = (r % 4) + 1;
    const floor = (Math.floor(r / 4) % 28) + 1;
    const building = Math.floor(r / 112) + 1;
    const roomNo = `${floor}${String(room).padStart(2, '0')}`;
    return { id: `CY-${code}-${building}-${roomNo}`, address: `北京市朝阳区${project}${building}号楼${roomNo}室` };
  }

  contractNo(year: number, n: number): string {
    return `GZF-${year}-${String(n).padStart(6, '0')}`;
  }

  address(): string {
    return `北京市朝阳区${this.rng.pick(ROADS)}${this.rng.between(1, 199)}号院${this.rng.between(1, 30)}号楼${this.rng.between(1, 6)}单元${this.rng.between(1, 28)}${String(this.rng.between(1, 4)).padStart(2, '0')}`;
  }

  certificateNo(year: number): string {
    return `京（${year}）朝阳区不动产权第${String(this.count(`cert:${year}`)).padStart(7, '0')}号`;
  }

  caseNo(year: number): string {
    return `（${year}）京0105刑初${this.count(`case:${year}`)}号`;
  }

  nonProsecutionNo(year: number): string {
    return `京朝检刑不诉〔${year}〕${this.count(`np:${year}`)}号`;
  }

  /** （2026）京0105行审12号: the district court's register of non-litigation enforcement reviews. */
  enforcementFilingNo(year: number): string {
    return `（${year}）京0105行审${this.count(`enforcement:${year}`)}号`;
  }

  /** 京朝市监罚〔2026〕12号: the agency's abbreviation, the year, a running number. */
  penaltyNo(prefix: string, year: number): string {
    return `${prefix}〔${year}〕${this.count(`penalty:${prefix}:${year}`)}号`;
  }
}
