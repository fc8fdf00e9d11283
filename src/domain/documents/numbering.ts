/**
 * Document numbers (发文字号, DOMAIN.md §8): a pattern configured per procuratorate, filled with
 * the procuratorate's codes, the document type's code, the year and a serial, e.g.
 * 京朝检行建〔2026〕3号. GB/T 9704-2012 §7.2.5 fixes the parts the pattern may not change: the
 * full year in hexagonal brackets 〔〕, then the serial in Arabic numerals without padding
 * (不编虚位) followed by 号. Serials are allocated by the server; this module only formats.
 */
import type { DocumentType } from './types';

export const NUMBER_PATTERN_TOKENS = ['province', 'procuratorate', 'department', 'type', 'year', 'serial'] as const;
export type NumberPatternToken = (typeof NUMBER_PATTERN_TOKENS)[number];

/** 省简称 + 院简称 + 检 + 部门代码 + 文书类型代码 〔年〕 序号 号. */
export const DEFAULT_NUMBER_PATTERN = '{province}{procuratorate}检{department}{type}〔{year}〕{serial}号';

/**
 * 文书类型代码 defaults. The closing report is internal and never numbered (null). Procuratorates
 * may configure their own codes; these are the ones the brief of the numbering rules names.
 */
export const DEFAULT_DOCUMENT_TYPE_CODES: Readonly<Record<DocumentType, string | null>> = {
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
};

/** The code of a document type, a configured one first; null for types that take no number. */
export function documentTypeCode(type: DocumentType, configured: Partial<Record<DocumentType, string>> = {}): string | null {
  if (DEFAULT_DOCUMENT_TYPE_CODES[type] === null) return null;
  return configured[type] ?? DEFAULT_DOCUMENT_TYPE_CODES[type];
}

export interface NumberParts {
  /** 省简称, e.g. 京 */
  province?: string;
  /** 院简称, e.g. 朝 */
  procuratorate?: string;
  /** 部门代码, e.g. 行 */
  department?: string;
  /** 文书类型代码, e.g. 建 */
  type?: string;
  year: number;
  serial: number;
}

export type NumberPatternCheck = { valid: true; problems: []; message: null } | { valid: false; problems: string[]; message: string };

export class InvalidNumberPattern extends Error {
  constructor(
    readonly pattern: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid document number pattern "${pattern}": ${problems.join('; ')}`);
    this.name = 'InvalidNumberPattern';
  }
}

const TOKEN = /\{([^{}]*)\}/g;
const KNOWN = new Set<string>(NUMBER_PATTERN_TOKENS);
const MAX_PATTERN_LENGTH = 100;

function tokensOf(pattern: string): string[] {
  return [...pattern.matchAll(TOKEN)].map((m) => m[1]);
}

/** What is wrong with a pattern, one sentence per problem; empty when it is usable. */
export function numberPatternProblems(pattern: string): string[] {
  if (typeof pattern !== 'string' || pattern.trim() === '') return ['the pattern is empty'];
  const problems: string[] = [];
  if (pattern.length > MAX_PATTERN_LENGTH) problems.push(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  if (/\s/.test(pattern)) problems.push('the pattern contains spaces');
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) problems.push('a "{" or "}" is not part of a {token}');

  const tokens = tokensOf(pattern);
  const unknown = [...new Set(tokens.filter((t) => !KNOWN.has(t)))];
  if (unknown.length > 0) {
    problems.push(
      `unknown token${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `{${t}}`).join(', ')}; known tokens are ${NUMBER_PATTERN_TOKENS.map((t) => `{${t}}`).join(', ')}`,
    );
  }
  for (const required of ['year', 'serial'] as const) {
    const count = tokens.filter((t) => t === required).length;
    if (count === 0) problems.push(`the pattern must contain {${required}}`);
    if (count > 1) problems.push(`{${required}} appears ${count} times; it may appear once`);
  }
  if (tokens.includes('year') && !pattern.includes('〔{year}〕')) {
    problems.push('the year must stand in hexagonal brackets, written 〔{year}〕 (GB/T 9704-2012 §7.2.5)');
  }
  if (tokens.includes('serial') && !pattern.includes('{serial}号')) {
    problems.push('the serial must be followed by 号, written {serial}号 (GB/T 9704-2012 §7.2.5)');
  }
  return problems;
}

export function validateNumberPattern(pattern: string): NumberPatternCheck {
  const problems = numberPatternProblems(pattern);
  if (problems.length === 0) return { valid: true, problems: [], message: null };
  return { valid: false, problems, message: `Invalid document number pattern: ${problems.join('; ')}.` };
}

/**
 * The number for the given parts, e.g. 京朝检行建〔2026〕3号. Throws `InvalidNumberPattern` for a
 * pattern `validateNumberPattern` rejects, and `RangeError` for a missing or impossible part.
 */
export function formatDocumentNumber(pattern: string, parts: NumberParts): string {
  const problems = numberPatternProblems(pattern);
  if (problems.length > 0) throw new InvalidNumberPattern(pattern, problems);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new RangeError(`the year must be a four-digit whole number, got ${parts.year}`);
  }
  if (!Number.isSafeInteger(parts.serial) || parts.serial < 1) {
    throw new RangeError(`the serial must be a whole number from 1, got ${parts.serial}`);
  }
  return pattern.replace(TOKEN, (_, token: NumberPatternToken) => {
    if (token === 'year' || token === 'serial') return String(parts[token]);
    const value = parts[token];
    if (typeof value !== 'string') throw new RangeError(`the pattern uses {${token}} but no ${token} code was given`);
    if (/[\s{}]/.test(value)) throw new RangeError(`the ${token} code "${value}" contains spaces or braces`);
    return value;
  });
}
