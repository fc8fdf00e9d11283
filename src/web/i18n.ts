import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import enUS from './locales/en-US.json';
import zhCN from './locales/zh-CN.json';
import enUSDocuments from './locales/en-US/documents.json';
import zhCNDocuments from './locales/zh-CN/documents.json';
import enUSKnowledge from './locales/en-US/knowledge.json';
import zhCNKnowledge from './locales/zh-CN/knowledge.json';
import enUSMeetings from './locales/en-US/meetings.json';
import zhCNMeetings from './locales/zh-CN/meetings.json';
import enUSCases from './locales/en-US/cases.json';
import zhCNCases from './locales/zh-CN/cases.json';
import enUSIndicators from './locales/en-US/indicators.json';
import zhCNIndicators from './locales/zh-CN/indicators.json';
import enUSAssessment from './locales/en-US/assessment.json';
import zhCNAssessment from './locales/zh-CN/assessment.json';
import enUSDatasets from './locales/en-US/datasets.json';
import zhCNDatasets from './locales/zh-CN/datasets.json';
import enUSGovernance from './locales/en-US/governance.json';
import zhCNGovernance from './locales/zh-CN/governance.json';
import enUSLinkage from './locales/en-US/linkage.json';
import zhCNLinkage from './locales/zh-CN/linkage.json';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Present only once the user picked a language in this browser; that choice then wins. */
const STORAGE_KEY = 'jx.locale';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function locallyChosenLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** An explicit choice by the user: remembered in this browser and applied at once. */
export function chooseLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
  void i18n.changeLanguage(locale);
}

/** The server's preference applies only where the user never chose in this browser. */
export function adoptServerLocale(locale: Locale): void {
  if (!locallyChosenLocale() && locale !== currentLocale()) void i18n.changeLanguage(locale);
}

function followLanguage(locale: string): void {
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

i18n.on('languageChanged', followLanguage);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: locallyChosenLocale() ?? DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  initAsync: false,
});

// Feature namespaces (src/web/locales/{zh-CN,en-US}/<namespace>.json): two lines each.
i18n.addResourceBundle('zh-CN', 'documents', zhCNDocuments);
i18n.addResourceBundle('en-US', 'documents', enUSDocuments);
i18n.addResourceBundle('zh-CN', 'knowledge', zhCNKnowledge);
i18n.addResourceBundle('en-US', 'knowledge', enUSKnowledge);
i18n.addResourceBundle('zh-CN', 'meetings', zhCNMeetings);
i18n.addResourceBundle('en-US', 'meetings', enUSMeetings);
i18n.addResourceBundle('zh-CN', 'cases', zhCNCases);
i18n.addResourceBundle('en-US', 'cases', enUSCases);
i18n.addResourceBundle('zh-CN', 'indicators', zhCNIndicators);
i18n.addResourceBundle('en-US', 'indicators', enUSIndicators);
i18n.addResourceBundle('zh-CN', 'assessment', zhCNAssessment);
i18n.addResourceBundle('en-US', 'assessment', enUSAssessment);
i18n.addResourceBundle('zh-CN', 'datasets', zhCNDatasets);
i18n.addResourceBundle('en-US', 'datasets', enUSDatasets);
i18n.addResourceBundle('zh-CN', 'governance', zhCNGovernance);
i18n.addResourceBundle('en-US', 'governance', enUSGovernance);
i18n.addResourceBundle('zh-CN', 'linkage', zhCNLinkage);
i18n.addResourceBundle('en-US', 'linkage', enUSLinkage);

export default i18n;

/** The current language, for content written in both (model titles and descriptions). */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
}
