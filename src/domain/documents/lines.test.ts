import { describe, expect, it } from 'vitest';
import {
  annexNote,
  copyToLine,
  documentDate,
  DRAFT_NUMBER,
  isDraft,
  numberLine,
  recipientLine,
  redHeaderPoints,
  signOffDate,
  signOffGap,
  signOffIndents,
  textParagraphs,
  visualWidth,
} from './lines';
import type { DocumentContent } from './types';

const letter: DocumentContent = {
  type: 'procuratorial_suggestion',
  issuer: '北京市朝阳区人民检察院',
  title: '检察建议书',
  number: '京朝检行建〔2026〕3号',
  recipient: '北京市朝阳区市场监督管理局',
  paragraphs: [{ text: '正文' }],
  signOff: { issuer: '北京市朝阳区人民检察院', date: '2026-03-05' },
  copyTo: ['北京市朝阳区人民代表大会常务委员会', ' 北京市人民检察院 ', ''],
  annex: { title: '涉及案件清单', columns: ['序号'], rows: [] },
  internal: false,
};

describe('document lines', () => {
  it('writes the date in Arabic numerals without padding', () => {
    expect(documentDate('2026-03-05')).toBe('2026年3月5日');
    expect(documentDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => documentDate('2026-02-30')).toThrow(RangeError);
    expect(signOffDate(letter)).toBe('2026年3月5日');
    expect(signOffDate({ ...letter, signOff: { ...letter.signOff, date: null } })).toContain('年　　月　　日');
  });

  it('shows the number, or a bracketed blank on a draft, and nothing on internal documents', () => {
    expect(numberLine(letter)).toBe('京朝检行建〔2026〕3号');
    expect(numberLine({ ...letter, number: null })).toBe(DRAFT_NUMBER);
    expect(DRAFT_NUMBER).toMatch(/^〔\s+〕号$/);
    expect(numberLine({ ...letter, internal: true })).toBeNull();
  });

  it('tells drafts: unnumbered, or undated for internal documents', () => {
    expect(isDraft(letter)).toBe(false);
    expect(isDraft({ ...letter, number: null })).toBe(true);
    expect(isDraft({ ...letter, internal: true, number: null })).toBe(false);
    expect(isDraft({ ...letter, internal: true, number: null, signOff: { ...letter.signOff, date: null } })).toBe(true);
  });

  it('ends the recipient line in one full-width colon', () => {
    expect(recipientLine(letter)).toBe('北京市朝阳区市场监督管理局：');
    expect(recipientLine({ ...letter, recipient: '某局:' })).toBe('某局：');
    expect(recipientLine({ ...letter, recipient: null })).toBeNull();
    expect(recipientLine({ ...letter, internal: true })).toBeNull();
  });

  it('joins copy-to names with full-width commas and closes with 。', () => {
    expect(copyToLine(letter)).toBe('抄送：北京市朝阳区人民代表大会常务委员会，北京市人民检察院。');
    expect(copyToLine({ ...letter, copyTo: [] })).toBeNull();
  });

  it('notes the annex under the body', () => {
    expect(annexNote(letter)).toBe('附件：涉及案件清单');
    expect(annexNote({ ...letter, annex: null })).toBeNull();
  });

  it('centres the issuer over a date four characters from the margin where sealed', () => {
    expect(visualWidth('2026年3月5日')).toBe(6);
    expect(signOffIndents('北京市朝阳区人民检察院', '2026年3月5日', true)).toEqual({ issuer: 1.5, date: 4 });
    expect(signOffIndents('某院', '2026年3月5日', false)).toEqual({ issuer: 4, date: 2 });
    // An issuer too wide to centre over the date reaches the margin; the date is centred under it.
    expect(signOffIndents('内蒙古自治区乌兰察布市集宁区人民检察院', '2026年3月5日', true)).toEqual({ issuer: 0, date: 6.5 });
  });

  it('leaves room for the seal only on sealed documents', () => {
    expect(signOffGap(letter)).toBe(3);
    expect(signOffGap({ ...letter, internal: true })).toBe(1);
  });

  it('sizes the red header to fit the 156 mm text block on one line', () => {
    expect(redHeaderPoints('北京市朝阳区人民检察院')).toBe(40);
    expect(redHeaderPoints('某县人民检察院')).toBe(42);
    expect(redHeaderPoints('内蒙古自治区乌兰察布市集宁区人民检察院')).toBe(23);
    expect(redHeaderPoints('新疆维吾尔自治区生产建设兵团第八师中级人民法院分院人民检察院')).toBe(22);
  });

  it('splits body text at line breaks', () => {
    expect(textParagraphs('（一）甲。\n\n（二）乙。\r\n')).toEqual(['（一）甲。', '（二）乙。']);
  });
});
