import 'i18next';
import type zhCN from './locales/zh-CN.json';
import type zhCNDocuments from './locales/zh-CN/documents.json';
import type zhCNKnowledge from './locales/zh-CN/knowledge.json';
import type zhCNMeetings from './locales/zh-CN/meetings.json';
import type zhCNCases from './locales/zh-CN/cases.json';
import type zhCNIndicators from './locales/zh-CN/indicators.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof zhCN;
      documents: typeof zhCNDocuments;
      knowledge: typeof zhCNKnowledge;
      meetings: typeof zhCNMeetings;
      cases: typeof zhCNCases;
      indicators: typeof zhCNIndicators;
    };
  }
}
