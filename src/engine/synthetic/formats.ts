/**
 * How each dataset kind is handed over in the demo data: the file format and encoding an agency
 * would plausibly use (DATA-SPEC §1 "Accepted input"), its headers (Chinese aliases, varied), and
 * how dates, months, amounts and enum values are written. The presenter turns a row of canonical
 * values into the cells of such a file, adding identity noise on the way.
 */
import type { ColumnDefinition, KindDefinition } from '../../domain/datasetKinds.js';
import { chooseIdNoise, emptyNoiseCounts, noisyId, noisyName, type IdNoise, type NoiseCounts } from './noise.js';
import type { Random } from './random.js';

export type FileFormat = 'csv' | 'tsv' | 'xlsx' | 'jsonl';
export type FileEncoding = 'utf8' | 'utf8-bom' | 'gbk' | 'utf16le';
export type DateStyle = 'iso' | 'slash' | 'dot' | 'compact' | 'chinese' | 'iso_time' | 'excel';
export type MonthStyle = 'iso' | 'slash' | 'compact' | 'chinese';
export type MoneyStyle = 'plain' | 'grouped' | 'yuan' | 'wan' | 'number';

export interface FileSpec {
  format: FileFormat;
  /** null for XLSX. */
  encoding: FileEncoding | null;
  /** Chinese aliases (varied per column) or the canonical snake_case names, as an API export. */
  headers: 'aliases' | 'names';
  /** Lines above the header, as exports put a title there. */
  title?: (asOf: string) => string[];
  /** The file's usual style first; the others turn up now and then, as in hand-kept sheets. */
  dates: DateStyle[];
  months?: MonthStyle[];
  money?: MoneyStyle[];
  enums: 'labels' | 'values';
  /** Columns the kind does not know: the importer keeps them as raw attributes. */
  extras?: { header: string; value: (rng: Random, values: Record<string, string | null>) => string | null }[];
}

const FACTS: Record<string, string[]> = {
  counterfeit_goods: ['销售不符合国家标准的电器', '销售以假充真的白酒', '销售不合格建材'],
  illegal_business: ['无证经营成品油', '销售无合法来源的卷烟', '经营非法出版物'],
  trademark_counterfeiting: ['销售假冒注册商标的箱包', '销售假冒注册商标的运动鞋'],
  tax_evasion: ['隐匿收入进行虚假纳税申报', '伪造记账凭证少缴税款'],
  other: ['超范围经营', '未按规定公示年度报告', '占道经营', '未按规定明码标价'],
};

const CO_OWNERSHIP: [string, number][] = [['单独所有', 6], ['共同共有', 3], ['按份共有', 1]];

const MASKED_PHONE = (rng: Random) => `1${rng.pick(['38', '39', '86', '58', '35', '52'])}****${String(rng.int(10000)).padStart(4, '0')}`;

export const FILE_SPECS: Record<string, FileSpec> = {
  public_housing_tenants: {
    format: 'csv',
    encoding: 'gbk',
    headers: 'aliases',
    title: (asOf) => ['北京市朝阳区公共租赁住房承租人台账', `导出日期：${asOf}`],
    dates: ['slash', 'chinese'],
    enums: 'labels',
    extras: [
      { header: '联系电话', value: MASKED_PHONE },
      { header: '备注', value: (rng) => (rng.chance(0.1) ? rng.pick(['已续签', '家庭人口3人', '申请调换', '租金减免']) : null) },
    ],
  },
  property_registrations: {
    format: 'csv',
    encoding: 'utf8-bom',
    headers: 'aliases',
    dates: ['iso', 'compact'],
    enums: 'labels',
    extras: [{ header: '共有情况', value: (rng) => rng.weighted(CO_OWNERSHIP) }],
  },
  vehicle_registrations: {
    format: 'tsv',
    encoding: 'utf16le',
    headers: 'aliases',
    dates: ['dot', 'iso'],
    money: ['grouped', 'plain'],
    enums: 'labels',
    extras: [{ header: '品牌型号', value: (rng) => rng.pick(['大众牌FV7152', '丰田牌GTM7250', '比亚迪牌BYD7006', '本田牌HG7150', '别克牌SGM7151', '特斯拉TSL7000']) }],
  },
  business_registrations: {
    format: 'jsonl',
    encoding: 'utf8',
    headers: 'names',
    dates: ['iso_time', 'iso'],
    money: ['number', 'wan'],
    enums: 'values',
    extras: [{ header: 'business_scope', value: (rng) => rng.pick(['技术开发、技术咨询', '销售日用品', '餐饮服务', '企业管理咨询', '货物进出口']) }],
  },
  death_records: { format: 'csv', encoding: 'gbk', headers: 'aliases', dates: ['compact', 'chinese'], enums: 'labels' },
  detention_records: {
    format: 'xlsx',
    encoding: null,
    headers: 'aliases',
    title: () => ['羁押、服刑人员信息'],
    dates: ['excel', 'iso'],
    enums: 'labels',
  },
  utility_usage: { format: 'csv', encoding: 'utf8', headers: 'aliases', dates: ['iso'], months: ['compact', 'iso'], enums: 'labels' },
  practitioners: {
    format: 'xlsx',
    encoding: null,
    headers: 'aliases',
    title: () => ['重点行业从业人员信息登记表'],
    dates: ['excel'],
    enums: 'labels',
    extras: [{ header: '联系电话', value: MASKED_PHONE }],
  },
  criminal_judgments: { format: 'xlsx', encoding: null, headers: 'aliases', dates: ['excel', 'chinese'], enums: 'labels' },
  social_benefit_payments: {
    format: 'csv',
    encoding: 'gbk',
    headers: 'aliases',
    dates: ['iso'],
    months: ['chinese', 'slash'],
    money: ['yuan', 'plain'],
    enums: 'labels',
  },
  driver_licenses: { format: 'jsonl', encoding: 'utf8', headers: 'aliases', dates: ['chinese', 'iso'], enums: 'labels' },
  non_prosecution_decisions: { format: 'xlsx', encoding: null, headers: 'aliases', dates: ['excel'], enums: 'labels' },
  admin_penalties: {
    format: 'csv',
    encoding: 'utf8-bom',
    headers: 'aliases',
    dates: ['chinese', 'iso'],
    money: ['yuan', 'grouped'],
    enums: 'labels',
    extras: [{ header: '违法事实', value: (rng, values) => rng.pick(FACTS[values.violation_code ?? 'other'] ?? FACTS.other) }],
  },
  court_enforcement_filings: {
    format: 'xlsx',
    encoding: null,
    headers: 'aliases',
    title: (asOf) => ['北京市朝阳区人民法院非诉行政执行审查案件收案登记表', `统计截止：${asOf}`],
    dates: ['excel', 'chinese'],
    enums: 'labels',
    extras: [{ header: '承办庭室', value: (rng) => rng.pick(['行政审判庭', '执行局']) }],
  },
};

export const FILE_EXTENSIONS: Record<FileFormat, string> = { csv: 'csv', tsv: 'tsv', xlsx: 'xlsx', jsonl: 'jsonl' };

/** What a writer puts in one cell: text, a number or an Excel date (XLSX), or nothing. */
export type Cell = string | number | Date | null;

/** A row of canonical values: ISO dates, YYYY-MM months, plain decimals, canonical enum values,
 * canonical 18-character IDs and simplified names. */
export interface SynthRow {
  values: Record<string, string | null>;
  /** One cell written verbatim instead of its value, which the importer must reject for `reason`. */
  defect?: { column: string; raw: string | null; reason: string };
  /** ID columns holding a deliberately invalid ID: the row is imported, flagged, and warned about. */
  invalidIds?: string[];
  /** Noise for the row's ID cells where it applies, so that planted links carry every kind. */
  idNoise?: IdNoise;
}

function formatDate(iso: string, style: DateStyle): Cell {
  const [y, m, d] = iso.split('-');
  switch (style) {
    case 'iso':
      return iso;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'dot':
      return `${y}.${m}.${d}`;
    case 'compact':
      return `${y}${m}${d}`;
    case 'chinese':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'iso_time':
      return `${iso} 00:00:00`;
    case 'excel':
      // ExcelJS stores a Date as its serial day; read back at UTC midnight.
      return new Date(`${iso}T00:00:00Z`);
  }
}

function formatMonth(month: string, style: MonthStyle): string {
  const [y, m] = month.split('-');
  switch (style) {
    case 'iso':
      return month;
    case 'slash':
      return `${y}/${m}`;
    case 'compact':
      return `${y}${m}`;
    case 'chinese':
      return `${y}年${Number(m)}月`;
  }
}

const grouped = (amount: string) => {
  const [int, frac] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
};

function formatMoney(amount: string, style: MoneyStyle, yuanSign: string): Cell {
  switch (style) {
    case 'plain':
      return amount;
    case 'grouped':
      return grouped(amount);
    case 'yuan':
      return `${yuanSign}${grouped(amount)}`;
    case 'number':
      return Number(amount);
    case 'wan':
      // Registered capital is stated in 万元 when it is a round number of them.
      return /^\d+0000\.00$/.test(amount) ? `${Number(amount) / 10000}万元` : grouped(amount);
  }
}

export class Presenter {
  readonly headers: string[];
  readonly noise: NoiseCounts = emptyNoiseCounts();
  private readonly charset: 'unicode' | 'gbk';
  private readonly numeric: boolean;

  constructor(
    private readonly kind: KindDefinition,
    private readonly spec: FileSpec,
    private readonly rng: Random,
  ) {
    this.charset = spec.encoding === 'gbk' ? 'gbk' : 'unicode';
    this.numeric = spec.format === 'xlsx' || spec.format === 'jsonl';
    this.headers = [
      ...kind.columns.map((c) => (spec.headers === 'names' ? c.name : rng.pick(c.aliases))),
      ...(spec.extras ?? []).map((e) => e.header),
    ];
  }

  /** The style for one cell: mostly the file's own, sometimes another. */
  private style<T>(styles: readonly T[]): T {
    return styles.length > 1 && this.rng.chance(0.1) ? this.rng.pick(styles.slice(1)) : styles[0];
  }

  cells(row: SynthRow): Cell[] {
    const cells = this.kind.columns.map((column) => {
      if (row.defect?.column === column.name) return row.defect.raw;
      const value = row.values[column.name] ?? null;
      return value === null ? null : this.present(column, value, row);
    });
    for (const extra of this.spec.extras ?? []) cells.push(extra.value(this.rng, row.values));
    return cells;
  }

  private present(column: ColumnDefinition, value: string, row: SynthRow): Cell {
    switch (column.type) {
      case 'id': {
        const noise = chooseIdNoise(value, this.rng, row.idNoise);
        if (!noise) return value;
        this.noise[noise]++;
        const text = noisyId(value, noise, this.rng);
        // Excel turns a 15-digit number typed into a cell into a number; 18 digits would lose precision.
        return noise === 'first_generation' && this.spec.format === 'xlsx' && this.rng.chance(0.5) ? Number(text) : text;
      }
      case 'name': {
        const { text, noise } = noisyName(value, this.rng, this.charset);
        if (noise) this.noise[noise]++;
        return text;
      }
      case 'date':
        return formatDate(value, this.style(this.spec.dates.filter((s) => s !== 'excel' || this.spec.format === 'xlsx')));
      case 'month':
        return formatMonth(value, this.style(this.spec.months ?? ['iso']));
      case 'money':
        return formatMoney(value, this.style(this.spec.money ?? ['plain']), this.charset === 'gbk' ? '￥' : '¥');
      case 'decimal':
      case 'int':
        return this.numeric ? Number(value) : value;
      case 'enum': {
        if (this.spec.enums === 'values') return value;
        const option = column.values?.find((v) => v.value === value);
        if (!option) throw new Error(`${this.kind.kind}.${column.name}: no enum value "${value}"`);
        const labels = option.labels;
        return labels.length > 1 && this.rng.chance(0.3) ? this.rng.pick(labels.slice(1)) : labels[0];
      }
      case 'text':
        return this.rng.chance(0.02) ? ` ${value} ` : value;
    }
  }
}
