/**
 * Proposing the agency and provision for a dropped charge (DOMAIN §3 item 10): the rules whose
 * charge matches, each provision marked as in force on the act date or not. A proposal is a
 * starting point the procurator edits, never a decision: unconfirmed rows are flagged, and where
 * a norm changed after the act (治安管理处罚法 2026) both versions are shown and the reviewer chooses.
 */
import { isIsoDate, type IsoDate } from '../calendar/isoDate';
import { matchCharge, matchStrength, type ChargeMatch } from './matching';
import type { ChargeRule, Provision } from './types';

export type ProvisionStatus = 'in_force' | 'not_yet_in_force' | 'no_longer_in_force' | 'act_date_unknown';

export type ProvisionFlag =
  | 'unconfirmed'
  | 'partly_confirmed'
  /** No article recorded: cite only after looking it up. */
  | 'article_not_pinned'
  /** No effective dates recorded: treated as in force. */
  | 'effective_dates_not_recorded'
  /**
   * Another version of the same norm governs another period around the act: the one in force at
   * the act and a later one. 行政处罚法 art. 37 applies the act-time rule unless the new one is
   * lighter when the decision is made — a legal call for the reviewer.
   */
  | 'version_choice';

export interface ProposedProvision extends Provision {
  status: ProvisionStatus;
  /** In force on the act date (or the act date is unknown and the dates allow it). */
  inForce: boolean;
  flags: ProvisionFlag[];
}

export interface RuleProposal {
  rule: ChargeRule;
  match: ChargeMatch;
  /** Whether the row itself applies on the act date (its own effective dates). */
  ruleInForce: boolean;
  /** In force first, then the others, each in the rule's order. */
  provisions: ProposedProvision[];
  /** The row or a provision that would apply is not confirmed: verify before use. */
  needsVerification: boolean;
  /** Some provision comes in versions around the act date: the reviewer chooses. */
  versionChoice: boolean;
}

function within(from: IsoDate | null, to: IsoDate | null, date: IsoDate): 'in_force' | 'not_yet_in_force' | 'no_longer_in_force' {
  if (from !== null && date < from) return 'not_yet_in_force';
  if (to !== null && date > to) return 'no_longer_in_force';
  return 'in_force';
}

export function provisionStatus(provision: Pick<Provision, 'effectiveFrom' | 'effectiveTo'>, actDate: IsoDate | null): ProvisionStatus {
  if (actDate === null) return 'act_date_unknown';
  return within(provision.effectiveFrom, provision.effectiveTo, actDate);
}

const STATUS_ORDER: Record<ProvisionStatus, number> = { in_force: 0, act_date_unknown: 1, not_yet_in_force: 2, no_longer_in_force: 3 };

/** The rule's provisions as they stand on the act date. */
export function provisionsOnActDate(rule: ChargeRule, actDate: IsoDate | null): ProposedProvision[] {
  const statuses = rule.provisions.map((p) => provisionStatus(p, actDate));
  // A series is a choice when the act falls under one version and a later version exists.
  const choiceSeries = new Set(
    rule.provisions
      .filter((p, i) => p.series && statuses[i] === 'in_force')
      .filter((p) => rule.provisions.some((q, j) => q !== p && q.series === p.series && statuses[j] === 'not_yet_in_force'))
      .map((p) => p.series),
  );
  const proposed = rule.provisions.map((p, i): ProposedProvision => {
    const flags: ProvisionFlag[] = [];
    if (p.confidence !== 'confirmed') flags.push(p.confidence);
    if (p.article.trim() === '') flags.push('article_not_pinned');
    if (p.effectiveFrom === null && p.effectiveTo === null) flags.push('effective_dates_not_recorded');
    if (p.series && choiceSeries.has(p.series)) flags.push('version_choice');
    return { ...p, status: statuses[i], inForce: statuses[i] === 'in_force' || statuses[i] === 'act_date_unknown', flags };
  });
  return proposed
    .map((p, i) => ({ p, i }))
    .sort((a, b) => STATUS_ORDER[a.p.status] - STATUS_ORDER[b.p.status] || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * The rules matching a charge text, strongest match first, with their provisions on the act date.
 * `actDate` null (not known yet) marks every dated provision `act_date_unknown`.
 */
export function proposeForCharge(rules: readonly ChargeRule[], chargeText: string, actDate: IsoDate | null): RuleProposal[] {
  if (actDate !== null && !isIsoDate(actDate)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(actDate)}`);
  const proposals: { proposal: RuleProposal; order: number }[] = [];
  rules.forEach((rule, order) => {
    const match = matchCharge(rule, chargeText);
    if (!match) return;
    const provisions = provisionsOnActDate(rule, actDate);
    const applicable = provisions.filter((p) => p.inForce);
    proposals.push({
      order,
      proposal: {
        rule,
        match,
        ruleInForce: actDate === null || within(rule.effectiveFrom, rule.effectiveTo, actDate) === 'in_force',
        provisions,
        needsVerification: rule.confidence !== 'confirmed' || applicable.length === 0 || applicable.some((p) => p.flags.includes('unconfirmed') || p.flags.includes('partly_confirmed') || p.flags.includes('article_not_pinned')),
        versionChoice: provisions.some((p) => p.flags.includes('version_choice')),
      },
    });
  });
  return proposals.sort((a, b) => matchStrength(b.proposal.match.kind) - matchStrength(a.proposal.match.kind) || a.order - b.order).map((p) => p.proposal);
}
