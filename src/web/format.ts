import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dates and numbers shown the way the current language writes them. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    return {
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
      date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
      number: (value: number) => number.format(value),
    };
  }, [locale]);
}
