import { describe, expect, it } from 'vitest';
import { BUILT_IN_CHARGE_RULES } from './builtInChargeRules';
import { AGENCY_SECTORS } from './sectors';
import { chargeRuleProblems } from './validate';

const byCode = (code: string) => BUILT_IN_CHARGE_RULES.find((r) => r.code === code)!;

describe('built-in charge rules (DOMAIN §9)', () => {
  it('are the 24 rows of the table, in order, each usable as it ships', () => {
    expect(BUILT_IN_CHARGE_RULES).toHaveLength(24);
    expect(BUILT_IN_CHARGE_RULES.map((r) => r.source)).toEqual(Array.from({ length: 24 }, (_, i) => `DOMAIN §9 row ${i + 1}`));
    expect(new Set(BUILT_IN_CHARGE_RULES.map((r) => r.code)).size).toBe(24);
    for (const rule of BUILT_IN_CHARGE_RULES) expect(chargeRuleProblems(rule), rule.code).toEqual([]);
  });

  it('carry the confidence of the table', () => {
    const confidence = Object.fromEntries(BUILT_IN_CHARGE_RULES.map((r) => [r.source!.replace('DOMAIN §9 row ', ''), r.confidence]));
    expect(confidence).toEqual({
      1: 'confirmed', 2: 'confirmed', 3: 'partly_confirmed', 4: 'confirmed', 5: 'confirmed', 6: 'confirmed',
      7: 'unconfirmed', 8: 'unconfirmed', 9: 'unconfirmed', 10: 'unconfirmed', 11: 'confirmed', 12: 'confirmed',
      13: 'partly_confirmed', 14: 'confirmed', 15: 'partly_confirmed', 16: 'partly_confirmed', 17: 'confirmed',
      18: 'unconfirmed', 19: 'unconfirmed', 20: 'unconfirmed', 21: 'unconfirmed', 22: 'confirmed', 23: 'partly_confirmed', 24: 'unconfirmed',
    });
  });

  it('send each row to the agencies of the table', () => {
    expect(byCode('dangerous_driving_drunk').sectors).toEqual(['traffic_police']);
    expect(byCode('dangerous_driving_operating_vehicle').sectors).toEqual(['traffic_police', 'transport']);
    expect(byCode('illegal_fishing').sectors).toEqual(['agriculture']);
    expect(byCode('illegal_occupation_of_farmland').sectors).toEqual(['natural_resources', 'forestry']);
    expect(byCode('illegal_mining').sectors).toEqual(['natural_resources', 'water']);
    expect(byCode('teacher_intentional_crime')).toMatchObject({ sectors: ['education'], appliesAfter: ['conviction'] });
    for (const rule of BUILT_IN_CHARGE_RULES) for (const s of rule.sectors) expect(AGENCY_SECTORS).toContain(s);
  });

  it('cite the provisions DOMAIN names, with their confidence', () => {
    expect(byCode('dangerous_driving_drunk').provisions[0]).toMatchObject({ law: '中华人民共和国道路交通安全法', article: '第九十一条第二款', sanctionKinds: ['licence_revocation', 'licence_bar'], confidence: 'confirmed' });
    expect(byCode('dangerous_driving_operating_vehicle').provisions[0]).toMatchObject({ article: '第九十一条第四款', sectors: ['traffic_police'] });
    const cyber = byCode('helping_cyber_crime').provisions;
    expect(cyber.map((p) => [p.article, p.confidence])).toEqual([
      ['第三十八条第二款', 'confirmed'],
      ['第四十四条（结合第三十一条）', 'unconfirmed'],
    ]);
    expect(byCode('unsafe_food').provisions.map((p) => [p.article, p.confidence])).toEqual([
      ['第一百三十五条', 'confirmed'],
      ['第一百二十三条、第一百二十四条', 'unconfirmed'],
    ]);
    // No article where DOMAIN names none: those provisions are unconfirmed.
    for (const code of ['counterfeit_products', 'environmental_pollution', 'refusing_to_pay_wages', 'medical_insurance_fraud', 'illegal_mining']) {
      for (const p of byCode(code).provisions) expect(p, code).toMatchObject({ article: '', confidence: 'unconfirmed' });
    }
  });

  it('keep the old 治安管理处罚法 numbering until 2025-12-31 and the unconfirmed 2026 revision after it', () => {
    const rows: [string, string, string][] = [
      ['theft', '第四十九条', 'confirmed'],
      ['fraud', '第四十九条', 'confirmed'],
      ['intentional_injury', '第四十三条', 'confirmed'],
      ['concealing_criminal_proceeds', '第六十条', 'unconfirmed'],
      ['picking_quarrels', '第二十六条', 'unconfirmed'],
      ['gambling', '第七十条', 'unconfirmed'],
      ['forging_company_seals', '第五十二条', 'unconfirmed'],
    ];
    for (const [code, article, confidence] of rows) {
      const [old, revised] = byCode(code).provisions;
      expect(old, code).toMatchObject({ law: '中华人民共和国治安管理处罚法', lawVersion: '2012年修正', article, confidence, effectiveFrom: '2006-03-01', effectiveTo: '2025-12-31' });
      expect(revised, code).toMatchObject({ law: '中华人民共和国治安管理处罚法', lawVersion: '2025年修订', article: '', confidence: 'unconfirmed', effectiveFrom: '2026-01-01', effectiveTo: null });
      expect(revised.series, code).toBe(old.series);
    }
  });
});
