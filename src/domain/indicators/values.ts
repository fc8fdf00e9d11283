/** An indicator's value from its numerator and denominator, and how it is written. */
import type { IndicatorDefinition } from './definitions';

/** numerator / denominator; null when nothing was counted (0 / 0 is no figure, not 0 %). */
export function indicatorValue(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`numerator and denominator must be counts ≥ 0, got ${numerator} / ${denominator}`);
  }
  return denominator === 0 ? null : numerator / denominator;
}

const DAYS: Record<string, (n: string) => string> = { 'zh-CN': (n) => `${n} 天`, 'en-US': (n) => `${n} days` };

/** The value as the user reads it: a percent with at most one decimal, or days with one. */
export function formatIndicatorValue(value: number | null, unit: IndicatorDefinition['unit'], locale: 'zh-CN' | 'en-US'): string {
  if (value === null) return '—';
  if (unit === 'percent') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  return DAYS[locale](new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value));
}
