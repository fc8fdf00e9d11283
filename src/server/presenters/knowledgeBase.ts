import { maskIdNumber } from '../../domain/idNumber.js';
import { AGENCY_SECTORS, AGENCY_SECTOR_LABELS } from '../../domain/knowledgeBase/sectors.js';
import type { StoredRule } from '../commands/knowledgeBase.js';
import type { ReviewChecks } from '../commands/reverseConnectionChecks.js';

/** The current version of a rule: its content, and who made this version when. */
export function presentRule(s: StoredRule) {
  return { ...s.rule, version: s.version, builtIn: s.builtIn, changeNote: s.changeNote, updatedBy: s.createdBy, updatedAt: s.createdAt.toISOString() };
}

/** One version of a rule in its history (newest first). */
export function presentRuleVersion(s: StoredRule) {
  return { version: s.version, changeNote: s.changeNote, createdBy: s.createdBy, createdAt: s.createdAt.toISOString(), retiredAt: s.retiredAt?.toISOString() ?? null, rule: s.rule };
}

export function presentSectors() {
  return AGENCY_SECTORS.map((code) => ({ code, label: AGENCY_SECTOR_LABELS[code] }));
}

/** The checks as they leave the server: the person's ID number and the penalties' party numbers masked. */
export function presentReviewChecks(checks: ReviewChecks) {
  const lookup = checks.priorPenalties;
  return {
    ...checks,
    idNumber: checks.idNumber === null ? null : maskIdNumber(checks.idNumber),
    priorPenalties:
      lookup.status === 'searched'
        ? { ...lookup, result: { ...lookup.result, penalties: lookup.result.penalties.map((p) => ({ ...p, partyId: maskIdNumber(p.partyId) })) } }
        : lookup,
  };
}
