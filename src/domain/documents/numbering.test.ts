import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOCUMENT_TYPE_CODES,
  DEFAULT_NUMBER_PATTERN,
  documentTypeCode,
  formatDocumentNumber,
  InvalidNumberPattern,
  numberPatternProblems,
  validateNumberPattern,
} from './numbering';

const CHAOYANG = { province: '京', procuratorate: '朝', department: '行', type: '建', year: 2026, serial: 3 };

describe('formatDocumentNumber', () => {
  it('fills the default pattern as in DOMAIN §8', () => {
    expect(formatDocumentNumber(DEFAULT_NUMBER_PATTERN, CHAOYANG)).toBe('京朝检行建〔2026〕3号');
  });

  it('writes the serial without padding and multi-character type codes as given', () => {
    expect(formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, type: '中止', serial: 12 })).toBe('京朝检行中止〔2026〕12号');
  });

  it('leaves out tokens the pattern does not use', () => {
    expect(formatDocumentNumber('{procuratorate}检{type}〔{year}〕{serial}号', { year: 2026, serial: 1, procuratorate: '集宁', type: '意' })).toBe(
      '集宁检意〔2026〕1号',
    );
  });

  it('refuses an invalid pattern with its problems', () => {
    expect(() => formatDocumentNumber('{province}〔{year}〕', CHAOYANG)).toThrow(InvalidNumberPattern);
    try {
      formatDocumentNumber('{province}〔{year}〕', CHAOYANG);
    } catch (error) {
      expect((error as InvalidNumberPattern).problems).toContain('the pattern must contain {serial}');
    }
  });

  it('refuses a missing code, an impossible year or serial', () => {
    expect(() => formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, department: undefined })).toThrow(/department/);
    expect(() => formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, year: 26 })).toThrow(RangeError);
    expect(() => formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, serial: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, serial: 1.5 })).toThrow(RangeError);
    expect(() => formatDocumentNumber(DEFAULT_NUMBER_PATTERN, { ...CHAOYANG, type: '{建}' })).toThrow(/braces/);
  });
});

describe('validateNumberPattern', () => {
  it('accepts the default pattern', () => {
    expect(validateNumberPattern(DEFAULT_NUMBER_PATTERN)).toEqual({ valid: true, problems: [], message: null });
  });

  it('requires {year} and {serial}', () => {
    const check = validateNumberPattern('{province}{procuratorate}检{type}号');
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual(expect.arrayContaining(['the pattern must contain {year}', 'the pattern must contain {serial}']));
    expect(check.message).toMatch(/must contain \{year\}.*must contain \{serial\}/);
  });

  it('names unknown tokens and lists the known ones', () => {
    const check = validateNumberPattern('{province}{court}检{kind}〔{year}〕{serial}号');
    expect(check.valid).toBe(false);
    expect(check.message).toContain('unknown tokens {court}, {kind}');
    expect(check.message).toContain('{province}, {procuratorate}, {department}, {type}, {year}, {serial}');
  });

  it('rejects stray braces, repeated year or serial, spaces and an empty pattern', () => {
    expect(numberPatternProblems('{province〔{year}〕{serial}号')).toContain('a "{" or "}" is not part of a {token}');
    expect(numberPatternProblems('〔{year}〕{serial}号{serial}号')).toContain('{serial} appears 2 times; it may appear once');
    expect(numberPatternProblems('京 检〔{year}〕{serial}号')).toContain('the pattern contains spaces');
    expect(numberPatternProblems('  ')).toEqual(['the pattern is empty']);
  });

  it('holds the year to hexagonal brackets and the serial to 号 (GB/T 9704-2012 §7.2.5)', () => {
    for (const wrong of ['[{year}]', '({year})', '（{year}）', '【{year}】', '﹝{year}﹞', '{year}']) {
      expect(numberPatternProblems(`京检${wrong}{serial}号`).some((p) => p.includes('hexagonal brackets')), wrong).toBe(true);
    }
    expect(numberPatternProblems('京检〔{year}〕第{serial}')).toContain('the serial must be followed by 号, written {serial}号 (GB/T 9704-2012 §7.2.5)');
  });
});

describe('document type codes', () => {
  it('gives each numbered type its default code and the internal closing report none', () => {
    expect(DEFAULT_DOCUMENT_TYPE_CODES).toEqual({
      procuratorial_opinion: '意',
      procuratorial_suggestion: '建',
      follow_up_letter: '跟',
      suspension_decision: '中止',
      review_closing_report: null,
      termination_decision: '终',
      objection_review_notice: '复核',
      retrial_suggestion: '再建',
      protest: '行抗',
      protest_request_report: '提抗',
      litigation_suggestion: '监建',
      non_support_decision: '不支持',
    });
  });

  it('gives no two types the same code: serials count per type, so a shared code would repeat numbers', () => {
    const codes = Object.values(DEFAULT_DOCUMENT_TYPE_CODES).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('prefers a configured code but never numbers the closing report', () => {
    expect(documentTypeCode('procuratorial_suggestion', { procuratorial_suggestion: '建议' })).toBe('建议');
    expect(documentTypeCode('procuratorial_opinion', { procuratorial_suggestion: '建议' })).toBe('意');
    expect(documentTypeCode('review_closing_report', { review_closing_report: '报' })).toBeNull();
  });
});
