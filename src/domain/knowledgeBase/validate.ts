/**
 * What makes an edited rule unusable, as {path, message} pairs for a form. The server refuses to
 * store a rule with problems; the shape of each field is checked by its request schema.
 */
import { isIsoDate } from '../calendar/isoDate';
import { isAgencySector } from './sectors';
import { CONFIDENCE_LEVELS, RULE_TRIGGERS, SANCTION_KINDS, type ChargeRule } from './types';

export interface RuleProblem {
  path: string;
  message: string;
}

export const RULE_CODE = /^[a-z][a-z0-9_]{1,62}$/;
const PROVISION_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function datesProblems(path: string, from: unknown, to: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (from !== null && !isIsoDate(from)) problems.push({ path: `${path}effectiveFrom`, message: 'not a YYYY-MM-DD date' });
  if (to !== null && !isIsoDate(to)) problems.push({ path: `${path}effectiveTo`, message: 'not a YYYY-MM-DD date' });
  if (problems.length === 0 && typeof from === 'string' && typeof to === 'string' && to < from) {
    problems.push({ path: `${path}effectiveTo`, message: `ends (${to}) before it starts (${from})` });
  }
  return problems;
}

export function chargeRuleProblems(rule: ChargeRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!RULE_CODE.test(rule.code)) problem('code', 'lower-case letters, digits and underscores, starting with a letter');
  if (rule.charge.trim() === '') problem('charge', 'the charge is required');
  if (rule.sectors.length === 0) problem('sectors', 'at least one agency sector');
  rule.sectors.forEach((s, i) => isAgencySector(s) || problem(`sectors.${i}`, `unknown sector "${s}"`));
  if (new Set(rule.sectors).size !== rule.sectors.length) problem('sectors', 'a sector is listed twice');
  if (rule.appliesAfter.length === 0) problem('appliesAfter', 'at least one of non_prosecution, conviction');
  rule.appliesAfter.forEach((t, i) => RULE_TRIGGERS.includes(t) || problem(`appliesAfter.${i}`, `unknown trigger "${t}"`));
  if (!CONFIDENCE_LEVELS.includes(rule.confidence)) problem('confidence', `unknown confidence "${rule.confidence}"`);
  problems.push(...datesProblems('', rule.effectiveFrom, rule.effectiveTo));
  if (rule.provisions.length === 0) problem('provisions', 'at least one provision');
  const ids = new Set<string>();
  rule.provisions.forEach((p, i) => {
    const at = `provisions.${i}.`;
    if (!PROVISION_ID.test(p.id)) problem(`${at}id`, 'lower-case letters, digits, - and _');
    else if (ids.has(p.id)) problem(`${at}id`, `provision id "${p.id}" is used twice`);
    ids.add(p.id);
    if (p.law.trim() === '') problem(`${at}law`, 'the law is required');
    if (p.summary.trim() === '') problem(`${at}summary`, 'a summary is required');
    if (p.sanctionKinds.length === 0) problem(`${at}sanctionKinds`, 'at least one sanction kind');
    p.sanctionKinds.forEach((k, j) => SANCTION_KINDS.includes(k) || problem(`${at}sanctionKinds.${j}`, `unknown sanction kind "${k}"`));
    if (!CONFIDENCE_LEVELS.includes(p.confidence)) problem(`${at}confidence`, `unknown confidence "${p.confidence}"`);
    (p.sectors ?? []).forEach((s, j) => rule.sectors.includes(s) || problem(`${at}sectors.${j}`, `"${s}" is not one of the rule's sectors`));
    problems.push(...datesProblems(at, p.effectiveFrom, p.effectiveTo));
  });
  // Versions of one norm must not overlap, or an act would fall under two texts at once.
  const bySeries = new Map<string, { i: number; from: string; to: string }[]>();
  rule.provisions.forEach((p, i) => {
    if (!p.series) return;
    bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), { i, from: p.effectiveFrom ?? '0000-01-01', to: p.effectiveTo ?? '9999-12-31' }]);
  });
  for (const versions of bySeries.values()) {
    const sorted = [...versions].sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].from <= sorted[k - 1].to) problem(`provisions.${sorted[k].i}.effectiveFrom`, `overlaps provision ${sorted[k - 1].i + 1} of the same series`);
    }
  }
  return problems;
}
