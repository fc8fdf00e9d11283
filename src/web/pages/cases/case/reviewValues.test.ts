import { describe, expect, it } from 'vitest';
import type { ReviewForm } from '../../../../domain/cases/reviewForm';
import { reviewFormOf, reviewValuesOf } from './reviewValues';

const stored: ReviewForm = {
  actDate: '2026-01-10',
  severeHarm: false,
  checklist: { penalty_norm: { answer: 'yes', reason: '醉驾应吊销驾驶证' } },
  criminalDepartmentView: '建议给予吊销驾驶证处罚',
  proposedSanction: '吊销机动车驾驶证',
  sanctionProvisions: ['《中华人民共和国道路交通安全法》第九十一条第二款'],
  opinionsHeard: [{ who: '被不起诉人张三', date: '2026-03-05', form: '当面听取', summary: '无异议' }],
  evidence: ['不起诉决定书', '血液酒精含量检验报告'],
};

describe('the review form as the page edits it', () => {
  it('comes back unchanged through the form values', () => {
    const back = reviewFormOf(reviewValuesOf('事实', stored), 'reverse_connection');
    expect(back).toMatchObject(stored);
    expect(back.checklist).toEqual(stored.checklist);
  });

  it('reads lists from lines, dropping blank ones, and empty text as null', () => {
    const values = { ...reviewValuesOf('', {}), sanctionProvisions: '  第一条 \n\n第二条\n', proposedSanction: '  ' };
    const form = reviewFormOf(values, 'reverse_connection');
    expect(form.sanctionProvisions).toEqual(['第一条', '第二条']);
    expect(form.proposedSanction).toBeNull();
    expect(form.checklist).toEqual({});
  });

  it('says "nobody was heard" only when the reviewer said so', () => {
    expect(reviewFormOf(reviewValuesOf('', {}), 'reverse_connection').opinionsHeard).toBeUndefined();
    const none = reviewValuesOf('', { opinionsHeard: [] });
    expect(none.noOpinionsHeard).toBe(true);
    expect(reviewFormOf(none, 'reverse_connection').opinionsHeard).toEqual([]);
  });

  it('writes the investigation fields for an illegal-act case and leaves the checklist alone', () => {
    const values = { ...reviewValuesOf('', {}), problems: '未依法查处\n超期未结', corrections: '依法查处', origin: '群众举报' };
    const form = reviewFormOf(values, 'illegal_act');
    expect(form).toMatchObject({ problems: ['未依法查处', '超期未结'], corrections: ['依法查处'], origin: '群众举报' });
    expect(form).not.toHaveProperty('checklist');
    expect(form).not.toHaveProperty('criminalDepartmentView');
  });

  it('keeps the address and conclusion of a reverse-connection review, and a suggestion’s objection period', () => {
    const review = reviewFormOf(reviewValuesOf('', { subjectAddress: ' 北京市朝阳区某街道1号 ', conclusion: 'opinion' }), 'reverse_connection');
    expect(review).toMatchObject({ subjectAddress: '北京市朝阳区某街道1号', conclusion: 'opinion' });
    expect(review).not.toHaveProperty('objectionDays');
    const suggestion = reviewFormOf({ ...reviewValuesOf('', {}), objectionDays: 5 }, 'illegal_act');
    expect(suggestion.objectionDays).toBe(5);
    expect(suggestion).not.toHaveProperty('conclusion');
  });

  it('writes the problems found for a litigation-supervision case, without a checklist or objection period', () => {
    const form = reviewFormOf({ ...reviewValuesOf('', {}), problems: '原判决认定事实的主要证据不足\n适用法律确有错误', objectionDays: 5 }, 'litigation');
    expect(form.problems).toEqual(['原判决认定事实的主要证据不足', '适用法律确有错误']);
    expect(form).not.toHaveProperty('checklist');
    expect(form).not.toHaveProperty('objectionDays');
  });
});
