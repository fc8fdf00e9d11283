/** An indicator's value from its numerator and denominator, and how it is written. */
import type { IndicatorUnit } from './definitions';

/** numerator / denominator; null when nothing was counted (0 / 0 is no figure, not 0 %). */
export function indicatorValue(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`numerator and denominator must be counts ≥ 0, got ${numerator} / ${denominator}`);
  }
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * The value of a figure of any unit: a rate or a mean for percent and days; for a sum (money,
 * count) the numerator itself — a sum over nothing is 0, not "no figure".
 */
export function figureValue(unit: IndicatorUnit, numerator: number, denominator: number): number | null {
  if (unit === 'money' || unit === 'count') {
    if (!Number.isFinite(numerator) || numerator < 0) throw new RangeError(`a sum must be ≥ 0, got ${numerator}`);
    return numerator;
  }
  return indicatorValue(numerator, denominator);
}

const DAYS: Record<string, (n: string) => string> = { 'zh-CN': (n) => `${n} 天`, 'en-US': (n) => `${n} days` };
const UNITS: Record<string, (n: string) => string> = { 'zh-CN': (n) => `${n} 套`, 'en-US': (n) => `${n} units` };

/** The value as the user reads it: a percent with at most one decimal, days with one, yuan, or units. */
export function formatIndicatorValue(value: number | null, unit: IndicatorUnit, locale: 'zh-CN' | 'en-US'): string {
  if (value === null) return '—';
  if (unit === 'percent') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (unit === 'money') return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(value);
  if (unit === 'count') return UNITS[locale](new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value));
  return DAYS[locale](new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value));
}
