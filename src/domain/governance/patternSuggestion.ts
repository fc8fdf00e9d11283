/**
 * 诉源治理 (litigation-source governance, DOMAIN.md §2, §4 step 4): a repeated problem — one
 * agency, one matter, several supervision cases — answered by ONE class (类案) or
 * social-governance (社会治理) suggestion instead of one suggestion per case.
 *
 * Pure wording: the clue that opens the class case, the facts and problems its review form
 * carries into the 检察建议书 draft, and the annex listing the cases. The causes and the
 * corrections stay for the procurator to write: they are judgments, not counts.
 */
import { blank } from '../documents/templates';
import { documentDate } from '../documents/lines';
import type { DocumentContent } from '../documents/types';

export const PATTERN_SUGGESTION_KINDS = ['class', 'social_governance'] as const;
export type PatternSuggestionKind = (typeof PATTERN_SUGGESTION_KINDS)[number];

/** Minimum number of cases (agency × matter, in the period) that makes a pattern on its own. */
export const DEFAULT_PATTERN_MIN_CASES = 3;

/** One case of a pattern as the wording needs it. */
export interface PatternCase {
  number: string;
  title: string;
  /** YYYY-MM-DD of 立案 */
  registeredOn: string;
  notAdopted: boolean;
  followUp: boolean;
  overdue: boolean;
}

export interface Pattern {
  /** The agency's short name as people say it, e.g. 区市场监管局 */
  agencyName: string;
  /** The matter; '' when unclassified. */
  matter: string;
  from: string;
  to: string;
  cases: PatternCase[];
}

/** Whether an (agency × matter) group is a repeated problem: enough cases, or any not adopted / followed up. */
export function isPattern(counts: { cases: number; notAdopted: number; followUps: number }, minCases = DEFAULT_PATTERN_MIN_CASES): boolean {
  return counts.cases >= minCases || counts.notAdopted > 0 || counts.followUps > 0;
}

const matterWords = (matter: string) => (matter ? `“${matter}”` : '同类');

function period(p: Pattern): string {
  return `${documentDate(p.from)}至${documentDate(p.to)}`;
}

function tally(p: Pattern) {
  return {
    notAdopted: p.cases.filter((c) => c.notAdopted).length,
    followUps: p.cases.filter((c) => c.followUp).length,
    overdue: p.cases.filter((c) => c.overdue).length,
  };
}

/** 关于区市场监管局“销售过期食品”问题的类案监督线索 */
export function patternClueTitle(p: Pattern, kind: PatternSuggestionKind): string {
  return `关于${p.agencyName}${matterWords(p.matter)}问题的${kind === 'class' ? '类案监督' : '社会治理'}线索`;
}

/** How the agency answered the case, as the annex and the case lines say it. */
function caseNotes(c: PatternCase): string[] {
  return [c.notAdopted && '回复不予采纳', c.followUp && '已制发跟进监督函', c.overdue && '逾期未回复'].filter((n): n is string => !!n);
}

/** What the cases were and how the agency answered, one line per case. */
function caseLine(c: PatternCase, i: number): string {
  const notes = caseNotes(c);
  return `${i + 1}. ${c.number} ${c.title}（${documentDate(c.registeredOn)}立案${notes.length > 0 ? `，${notes.join('，')}` : ''}）`;
}

/** The counts of the pattern in one sentence: 2026年1月1日至2026年12月31日，本院共办理…监督案件4件，其中… */
function countSentence(p: Pattern, subject: string): string {
  const t = tally(p);
  const parts = [
    t.notAdopted > 0 && `${t.notAdopted}件回复不予采纳`,
    t.followUps > 0 && `${t.followUps}件制发跟进监督函`,
    t.overdue > 0 && `${t.overdue}件逾期未书面回复`,
  ].filter(Boolean);
  return `${period(p)}，本院共办理涉及${subject}${matterWords(p.matter)}问题的监督案件${p.cases.length}件${parts.length > 0 ? `，其中${parts.join('，')}` : ''}。`;
}

/** The clue's summary: the counts, then the cases. */
export function patternClueSummary(p: Pattern): string {
  return [countSentence(p, p.agencyName), ...p.cases.map(caseLine)].join('\n');
}

/**
 * The review-form fields and case facts the 检察建议书 template is filled from
 * (origin → 来源, facts → 一、基本情况, problems → 二、存在的问题).
 */
export function patternReview(p: Pattern): { facts: string; origin: string; problems: string[] } {
  const t = tally(p);
  const problems = [
    `你单位在${matterWords(p.matter)}事项上同类问题反复发生，${period(p)}共${p.cases.length}件进入本院监督`,
    ...(t.notAdopted > 0 ? [`其中${t.notAdopted}件经本院制发检察文书后，你单位回复不予采纳，问题未得到纠正`] : []),
    ...(t.followUps > 0 ? [`其中${t.followUps}件经本院制发跟进监督函继续监督`] : []),
    ...(t.overdue > 0 ? [`其中${t.overdue}件未在规定期限内书面回复本院`] : []),
  ];
  return {
    facts: `${countSentence(p, '你单位')}案件清单如下：\n${p.cases.map(caseLine).join('\n')}`,
    origin: `对${period(p)}办理的涉及${p.agencyName}${matterWords(p.matter)}问题的监督案件开展类案分析`,
    problems,
  };
}

export const PATTERN_ANNEX_TITLE = '类案情况表';
const ANNEX_COLUMNS = ['案件编号', '案件名称', '立案日期', '办理情况'];

/**
 * The draft with the pattern's cases as its annex (序号 first, as the template lays annexes
 * out) and the case count the class template leaves blank filled in.
 */
export function withPatternAnnex(content: DocumentContent, p: Pattern): DocumentContent {
  const count = blank('案件数量');
  return {
    ...content,
    paragraphs: content.paragraphs.map((para) => ({ ...para, text: para.text.split(count).join(String(p.cases.length)) })),
    annex: {
      title: PATTERN_ANNEX_TITLE,
      columns: ['序号', ...ANNEX_COLUMNS],
      rows: p.cases.map((c, i) => [String(i + 1), c.number, c.title, documentDate(c.registeredOn), caseNotes(c).join('；') || '—']),
    },
  };
}
