import 'i18next';
import type zhCN from './locales/zh-CN.json';
import type zhCNDocuments from './locales/zh-CN/documents.json';
import type zhCNKnowledge from './locales/zh-CN/knowledge.json';
import type zhCNMeetings from './locales/zh-CN/meetings.json';
import type zhCNCases from './locales/zh-CN/cases.json';
import type zhCNIndicators from './locales/zh-CN/indicators.json';
import type zhCNAssessment from './locales/zh-CN/assessment.json';
import type zhCNDatasets from './locales/zh-CN/datasets.json';
import type zhCNGovernance from './locales/zh-CN/governance.json';
import type zhCNLinkage from './locales/zh-CN/linkage.json';

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
      assessment: typeof zhCNAssessment;
      datasets: typeof zhCNDatasets;
      governance: typeof zhCNGovernance;
      linkage: typeof zhCNLinkage;
    };
  }
}
