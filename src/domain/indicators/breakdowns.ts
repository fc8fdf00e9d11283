/**
 * Breakdowns (分组统计): an indicator's items grouped by one dimension. Every item falls in
 * exactly one cell — items without an agency, a procurator or a case kind fall in the cell
 * `NO_KEY` — so the cells of a dimension partition the items: the cells' numerators and
 * denominators add up to the figure, and each cell drills down to exactly its own items.
 */
import type { Localized } from './definitions';

export const BREAKDOWN_DIMENSIONS = ['agency', 'month', 'procurator', 'kind'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** The key of the cell of items that have no value for the dimension (no agency, no procurator …). */
export const NO_KEY = 'none';

export const DIMENSION_NAMES: Record<BreakdownDimension, Localized> = {
  agency: { 'zh-CN': '行政机关（文书的收件机关；线索、案件的行政机关）', 'en-US': 'Agency (the document’s recipient; the clue’s or case’s agency)' },
  month: { 'zh-CN': '月份（按该指标的统计日期）', 'en-US': 'Month (of the indicator’s period date)' },
  procurator: { 'zh-CN': '承办检察官（案件的承办人；未立案的线索、命中为“未分配”）', 'en-US': 'Procurator (the case’s; clues not filed and hits have none)' },
  kind: { 'zh-CN': '案件类型', 'en-US': 'Case kind' },
};

export function isBreakdownDimension(value: unknown): value is BreakdownDimension {
  return typeof value === 'string' && (BREAKDOWN_DIMENSIONS as readonly string[]).includes(value);
}

/** "2026-03" — the month cell a period date falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The months of a period, in order, so that a chart shows empty months too. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = monthOf(to);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
