/**
 * The rule-of-law assessment table (法治政府建设考核, DOMAIN.md §11): its columns as exact
 * definitions, its rates, and the periods the monthly report covers. Pure: no I/O, so the SQL
 * (assessment.ts), the XLSX, the DOCX and the web page all read the same words.
 */
import { addDays, isIsoDate, type IsoDate } from '../../domain/calendar/index.js';

export const ASSESSMENT_COLUMNS = ['received', 'replied', 'on_time', 'adopted', 'rectified', 'overdue'] as const;
export type AssessmentColumn = (typeof ASSESSMENT_COLUMNS)[number];

export interface ColumnDefinition {
  id: AssessmentColumn;
  zh: string;
  en: string;
  /** The exact rule, in Chinese (the report is an official Chinese document) and English. */
  formulaZh: string;
  formulaEn: string;
}

/**
 * Items: 检察意见书 and 检察建议书 served on the agency (state served, or withdrawn after an upheld
 * objection) whose receipt date lies in the period. Every other column is a subset of them,
 * judged on the as-of date: a reply or evaluation recorded later does not count yet.
 */
export const COLUMN_DEFINITIONS: readonly ColumnDefinition[] = [
  {
    id: 'received',
    zh: '收到件数',
    en: 'Items received',
    formulaZh: '统计期间内收到（签收）的检察意见书、检察建议书件数（已送达，含送达后因异议成立撤回的）',
    formulaEn: 'Procuratorial opinions and suggestions received in the period (served; including those withdrawn after an upheld objection)',
  },
  {
    id: 'replied',
    zh: '已回复',
    en: 'Replied',
    formulaZh: '收到件数中，截至统计日已书面回复的件数',
    formulaEn: 'Items received with a written reply dated on or before the as-of date',
  },
  {
    id: 'on_time',
    zh: '按期回复',
    en: 'Replied on time',
    formulaZh: '已回复件数中，首次回复日不晚于回复期限届满日的件数',
    formulaEn: 'Replied items whose first reply is dated on or before the reply due date',
  },
  {
    id: 'adopted',
    zh: '采纳',
    en: 'Adopted',
    formulaZh: '已回复件数中，检察机关截至统计日评价为“采纳”的件数（部分采纳不计入）',
    formulaEn: 'Replied items the procuratorate evaluated “adopted” on or before the as-of date (partial adoption not counted)',
  },
  {
    id: 'rectified',
    zh: '整改落实',
    en: 'Rectified',
    formulaZh:
      '已回复件数中，截至统计日评价为“采纳”或“部分采纳”，且：检察意见书的回复记载了处罚决定（处罚决定书文号或处罚种类）；检察建议书的回复即为整改情况报告',
    formulaEn:
      'Replied items evaluated “adopted” or “partially adopted” on or before the as-of date where, for an opinion, the reply records a penalty (decision number or type); for a suggestion the evaluated reply is the rectification report',
  },
  {
    id: 'overdue',
    zh: '超期未回复',
    en: 'Overdue',
    formulaZh: '收到件数中，回复期限届满日早于统计日、截至统计日仍未回复的件数（已撤回的不计）',
    formulaEn: 'Items received whose reply due date is before the as-of date and that have no reply by then (withdrawn items excluded)',
  },
];

export type AssessmentCounts = Record<AssessmentColumn, number>;

export const RATES = ['reply_rate', 'on_time_rate', 'adoption_rate', 'rectification_rate'] as const;
export type AssessmentRate = (typeof RATES)[number];

export interface RateDefinition {
  id: AssessmentRate;
  zh: string;
  en: string;
  numerator: AssessmentColumn;
  /** Columns summed into the denominator. */
  denominator: AssessmentColumn[];
  formulaZh: string;
  formulaEn: string;
}

/**
 * Rates over the items that owed an answer by the as-of date — replied or overdue — so items
 * received late in the period and not yet due do not count against an agency.
 */
export const RATE_DEFINITIONS: readonly RateDefinition[] = [
  { id: 'reply_rate', zh: '回复率', en: 'Reply rate', numerator: 'replied', denominator: ['replied', 'overdue'], formulaZh: '已回复 ÷（已回复 + 超期未回复）', formulaEn: 'replied ÷ (replied + overdue)' },
  { id: 'on_time_rate', zh: '按期回复率', en: 'On-time reply rate', numerator: 'on_time', denominator: ['replied', 'overdue'], formulaZh: '按期回复 ÷（已回复 + 超期未回复）', formulaEn: 'on time ÷ (replied + overdue)' },
  { id: 'adoption_rate', zh: '采纳率', en: 'Adoption rate', numerator: 'adopted', denominator: ['replied'], formulaZh: '采纳 ÷ 已回复', formulaEn: 'adopted ÷ replied' },
  { id: 'rectification_rate', zh: '整改落实率', en: 'Rectification rate', numerator: 'rectified', denominator: ['replied'], formulaZh: '整改落实 ÷ 已回复', formulaEn: 'rectified ÷ replied' },
];

/** A rate of the counts; null when its denominator is 0 (no figure, not 0 %). */
export function assessmentRate(counts: AssessmentCounts, rate: RateDefinition): number | null {
  const denominator = rate.denominator.reduce((sum, column) => sum + counts[column], 0);
  return denominator === 0 ? null : counts[rate.numerator] / denominator;
}

export function assessmentRates(counts: AssessmentCounts): Record<AssessmentRate, number | null> {
  return Object.fromEntries(RATE_DEFINITIONS.map((r) => [r.id, assessmentRate(counts, r)])) as Record<AssessmentRate, number | null>;
}

/** A rate as the Chinese report writes it: 81.8%, or — without a denominator. */
export function percentZh(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

export interface MonthlyPeriod {
  /** The month reported, YYYY-MM. */
  month: string;
  /** Year to date: 1 January of the month's year to the month's last day. */
  from: IsoDate;
  to: IsoDate;
  /** Figures are as at the month's last day. */
  asOf: IsoDate;
}

/** The report due on `today` (China date): the previous month's, year to date as at its last day. */
export function previousMonthPeriod(today: IsoDate): MonthlyPeriod {
  if (!isIsoDate(today)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(today)}`);
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const last = addDays(firstOfThisMonth, -1);
  return { month: last.slice(0, 7), from: `${last.slice(0, 4)}-01-01`, to: last, asOf: last };
}

/** The period's name in a Chinese title: 2026年1月—10月, 2026年3月, 2025年12月—2026年2月. */
export function periodTitleZh(from: IsoDate, to: IsoDate): string {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const wholeMonths = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  if (!wholeMonths) return `${dateZh(from)}—${dateZh(to)}`;
  if (fy === ty && fm === tm) return `${fy}年${fm}月`;
  if (fy === ty) return `${fy}年${fm}月—${tm}月`;
  return `${fy}年${fm}月—${ty}年${tm}月`;
}

export function dateZh(iso: IsoDate): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

