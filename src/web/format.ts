import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A calendar date without a time ("2026-06-30"): the same day wherever the browser is. */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CALENDAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Dates and numbers shown the way `locale` writes them. */
export function createFormat(locale: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // Calendar dates are read as UTC midnight; formatting them in UTC keeps the day they name.
  const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
    date: (iso: string | null | undefined) =>
      iso ? (CALENDAR_DATE.test(iso) ? calendarDate : date).format(new Date(iso)) : '',
    /** "2026-06" as the language writes a month. */
    month: (yearMonth: string | null | undefined) => {
      const match = yearMonth ? CALENDAR_MONTH.exec(yearMonth) : null;
      return match ? month.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))) : (yearMonth ?? '');
    },
    number: (value: number) => number.format(value),
    /** An amount in yuan. */
    money: (value: number) => money.format(value),
    /** A ratio 0…1 as a percentage. */
    percent: (ratio: number) => percent.format(ratio),
    /** A duration given in milliseconds, in seconds. */
    duration: (ms: number) => seconds.format(ms / 1000),
  };
}

export type Format = ReturnType<typeof createFormat>;

/** Dates and numbers shown the way the current language writes them. */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => createFormat(locale), [locale]);
}
