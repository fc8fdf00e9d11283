import { describe, expect, it } from 'vitest';
import { BUILT_IN_CHARGE_RULES } from './builtInChargeRules';
import { proposeForCharge, provisionStatus } from './propose';
import type { ChargeRule } from './types';
import { chargeRuleProblems } from './validate';

const propose = (charge: string, actDate: string | null) => proposeForCharge(BUILT_IN_CHARGE_RULES, charge, actDate);

describe('proposing agencies and provisions for a charge', () => {
  it('proposes the traffic police and art. 91(2) for drunk driving, strongest match first', () => {
    const proposals = propose('涉嫌危险驾驶罪', '2025-03-01');
    expect(proposals.map((p) => p.rule.code)).toEqual(['dangerous_driving_drunk', 'dangerous_driving_operating_vehicle', 'drunk_driving_e_tricycle']);
    const [drunk] = proposals;
    expect(drunk).toMatchObject({ ruleInForce: true, needsVerification: false, versionChoice: false, match: { kind: 'exact' } });
    expect(drunk.rule.sectors).toEqual(['traffic_police']);
    expect(drunk.provisions).toEqual([expect.objectContaining({ article: '第九十一条第二款', status: 'in_force', inForce: true, flags: [] })]);
    // The e-tricycle row is one case and unconfirmed: flagged.
    expect(proposals[2].needsVerification).toBe(true);
    expect(proposals[2].provisions[0].flags).toEqual(['unconfirmed', 'article_not_pinned', 'effective_dates_not_recorded']);
  });

  it('ranks an exact match before a contained one before a fragment, whatever the rule order', () => {
    const base = BUILT_IN_CHARGE_RULES[0];
    const rules: ChargeRule[] = [
      { ...base, code: 'fragment', charge: '醉驾营运客车罪', aliases: [] },
      { ...base, code: 'contained', charge: '醉驾罪', aliases: [] },
      { ...base, code: 'exact', charge: '醉驾营运罪', aliases: [] },
    ];
    expect(proposeForCharge(rules, '涉嫌醉驾营运罪', null).map((p) => [p.rule.code, p.match.kind])).toEqual([
      ['exact', 'exact'],
      ['contained', 'contains'],
      ['fragment', 'partial'],
    ]);
    const proposals = propose('掩饰', '2025-03-01');
    expect(proposals.map((p) => [p.rule.code, p.match.kind])).toEqual([['concealing_criminal_proceeds', 'partial']]);
  });

  it('shows both 治安管理处罚法 versions for an act before 2026 and lets the reviewer choose', () => {
    const [theft] = propose('盗窃罪', '2025-12-20');
    expect(theft.versionChoice).toBe(true);
    expect(theft.needsVerification).toBe(false);
    expect(theft.provisions.map((p) => [p.lawVersion, p.article, p.status, p.flags])).toEqual([
      ['2012年修正', '第四十九条', 'in_force', ['version_choice']],
      ['2025年修订', '', 'not_yet_in_force', ['unconfirmed', 'article_not_pinned', 'version_choice']],
    ]);
  });

  it('applies the revision to an act from 2026-01-01, flagged because its number is unconfirmed', () => {
    const [theft] = propose('盗窃罪', '2026-01-01');
    expect(theft).toMatchObject({ versionChoice: false, needsVerification: true });
    expect(theft.provisions.map((p) => [p.lawVersion, p.status, p.inForce])).toEqual([
      ['2025年修订', 'in_force', true],
      ['2012年修正', 'no_longer_in_force', false],
    ]);
    // The last day of the old text is still the old text.
    expect(propose('盗窃罪', '2025-12-31')[0].provisions[0]).toMatchObject({ lawVersion: '2012年修正', status: 'in_force' });
  });

  it('flags an unconfirmed row even where its provision dates are known', () => {
    const [quarrels] = propose('寻衅滋事罪', '2024-05-01');
    expect(quarrels).toMatchObject({ needsVerification: true, versionChoice: true });
    expect(quarrels.provisions[0]).toMatchObject({ article: '第二十六条', status: 'in_force', flags: ['unconfirmed', 'version_choice'] });
  });

  it('marks provisions not yet in force on an early act date, and leaves none applicable', () => {
    const [drunk] = propose('醉驾', '2010-06-01');
    expect(drunk.provisions[0]).toMatchObject({ status: 'not_yet_in_force', inForce: false });
    expect(drunk.needsVerification).toBe(true);
  });

  it('treats an unknown act date as undecided, not as out of force', () => {
    const [theft] = propose('盗窃罪', null);
    expect(theft.provisions.map((p) => [p.status, p.inForce])).toEqual([
      ['act_date_unknown', true],
      ['act_date_unknown', true],
    ]);
    expect(theft.versionChoice).toBe(false);
    expect(provisionStatus({ effectiveFrom: null, effectiveTo: null }, '1990-01-01')).toBe('in_force');
  });

  it('respects the row’s own effective dates', () => {
    const rule: ChargeRule = { ...BUILT_IN_CHARGE_RULES[0], effectiveFrom: '2026-01-01', effectiveTo: null };
    expect(proposeForCharge([rule], '醉驾', '2025-06-01')[0].ruleInForce).toBe(false);
    expect(proposeForCharge([rule], '醉驾', '2026-06-01')[0].ruleInForce).toBe(true);
  });

  it('refuses a malformed act date and proposes nothing for an unknown charge', () => {
    expect(() => propose('盗窃罪', '2025-13-01')).toThrow(RangeError);
    expect(propose('抢劫罪', '2025-01-01')).toEqual([]);
  });
});

describe('rule validation', () => {
  const base = BUILT_IN_CHARGE_RULES.find((r) => r.code === 'theft')!;

  it('accepts the built-in rows and refuses what cannot be meant', () => {
    expect(chargeRuleProblems(base)).toEqual([]);
    const bad: ChargeRule = {
      ...base,
      code: 'Theft!',
      charge: ' ',
      sectors: ['public_security', 'police' as never],
      provisions: [
        { ...base.provisions[0], effectiveTo: '2027-01-01' },
        { ...base.provisions[1], id: base.provisions[0].id, sectors: ['tax'], sanctionKinds: [] },
        { ...base.provisions[1], id: 'dates', series: undefined, effectiveFrom: '2026-02-01', effectiveTo: '2026-01-01' },
      ],
    };
    expect(chargeRuleProblems(bad)).toEqual([
      { path: 'code', message: 'lower-case letters, digits and underscores, starting with a letter' },
      { path: 'charge', message: 'the charge is required' },
      { path: 'sectors.1', message: 'unknown sector "police"' },
      { path: 'provisions.1.id', message: 'provision id "theft-old" is used twice' },
      { path: 'provisions.1.sanctionKinds', message: 'at least one sanction kind' },
      { path: 'provisions.1.sectors.0', message: '"tax" is not one of the rule\'s sectors' },
      { path: 'provisions.2.effectiveTo', message: 'ends (2026-01-01) before it starts (2026-02-01)' },
      { path: 'provisions.1.effectiveFrom', message: 'overlaps provision 1 of the same series' },
    ]);
  });
});
