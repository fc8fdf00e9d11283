import { describe, expect, it } from 'vitest';
import { draftDocument, unfilledBlanks } from '../documents/templates';
import { isPattern, patternClueSummary, patternClueTitle, patternReview, withPatternAnnex, type Pattern } from './patternSuggestion';

const pattern: Pattern = {
  agencyName: '区市场监管局',
  matter: '销售过期食品',
  from: '2025-01-01',
  to: '2025-12-31',
  cases: [
    { number: '京朝检行违〔2025〕1号', title: '甲超市销售过期食品案', registeredOn: '2025-03-02', notAdopted: true, followUp: false, overdue: false },
    { number: '京朝检行违〔2025〕2号', title: '乙超市销售过期食品案', registeredOn: '2025-04-10', notAdopted: false, followUp: true, overdue: true },
    { number: '京朝检行违〔2025〕3号', title: '丙超市销售过期食品案', registeredOn: '2025-05-20', notAdopted: false, followUp: false, overdue: false },
  ],
};

describe('litigation-source governance patterns', () => {
  it('is a pattern with enough cases, or with any not-adopted reply or follow-up', () => {
    expect(isPattern({ cases: 2, notAdopted: 0, followUps: 0 })).toBe(false);
    expect(isPattern({ cases: 3, notAdopted: 0, followUps: 0 })).toBe(true);
    expect(isPattern({ cases: 1, notAdopted: 1, followUps: 0 })).toBe(true);
    expect(isPattern({ cases: 1, notAdopted: 0, followUps: 1 })).toBe(true);
    expect(isPattern({ cases: 4, notAdopted: 0, followUps: 0 }, 5)).toBe(false);
  });

  it('titles the clue by agency, matter and kind', () => {
    expect(patternClueTitle(pattern, 'class')).toBe('关于区市场监管局“销售过期食品”问题的类案监督线索');
    expect(patternClueTitle(pattern, 'social_governance')).toBe('关于区市场监管局“销售过期食品”问题的社会治理线索');
    expect(patternClueTitle({ ...pattern, matter: '' }, 'class')).toBe('关于区市场监管局同类问题的类案监督线索');
  });

  it('summarises the counts and lists every case', () => {
    const summary = patternClueSummary(pattern).split('\n');
    expect(summary[0]).toBe('2025年1月1日至2025年12月31日，本院共办理涉及区市场监管局“销售过期食品”问题的监督案件3件，其中1件回复不予采纳，1件制发跟进监督函，1件逾期未书面回复。');
    expect(summary.slice(1)).toEqual([
      '1. 京朝检行违〔2025〕1号 甲超市销售过期食品案（2025年3月2日立案，回复不予采纳）',
      '2. 京朝检行违〔2025〕2号 乙超市销售过期食品案（2025年4月10日立案，已制发跟进监督函，逾期未回复）',
      '3. 京朝检行违〔2025〕3号 丙超市销售过期食品案（2025年5月20日立案）',
    ]);
  });

  it('fills the suggestion draft from the pattern: facts, problems, count and annex of the cases', () => {
    const review = patternReview(pattern);
    expect(review.problems).toHaveLength(4);
    const draft = draftDocument('procuratorial_suggestion', {
      procuratorate: '北京市朝阳区人民检察院',
      agency: '北京市朝阳区市场监督管理局',
      suggestionKind: 'class',
      caseName: patternClueTitle(pattern, 'class'),
      factsFound: review.facts,
      origin: review.origin,
      problems: review.problems,
    });
    // Without annex rows the class template leaves the count blank; the pattern fills it.
    expect(unfilledBlanks(draft)).toContain('案件数量');
    const filled = withPatternAnnex(draft, pattern);
    expect(unfilledBlanks(filled)).not.toContain('案件数量');
    expect(filled.paragraphs.map((p) => p.text).join('\n')).toContain('共涉及3件案件');
    expect(filled.paragraphs[0].text).toContain('开展类案分析中发现');
    expect(filled.annex?.columns).toEqual(['序号', '案件编号', '案件名称', '立案日期', '办理情况']);
    expect(filled.annex?.rows.map((r) => r[1])).toEqual(pattern.cases.map((c) => c.number));
    expect(filled.annex?.rows[1]).toEqual(['2', '京朝检行违〔2025〕2号', '乙超市销售过期食品案', '2025年4月10日', '已制发跟进监督函；逾期未回复']);
    expect(filled.annex?.rows[2][4]).toBe('—');
  });

  it('gives a social-governance draft the same annex', () => {
    const draft = draftDocument('procuratorial_suggestion', { procuratorate: '北京市朝阳区人民检察院', suggestionKind: 'social_governance' });
    expect(draft.annex).toBeNull();
    expect(withPatternAnnex(draft, pattern).annex?.rows).toHaveLength(3);
  });
});
