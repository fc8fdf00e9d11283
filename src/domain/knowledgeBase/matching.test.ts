import { describe, expect, it } from 'vitest';
import { BUILT_IN_CHARGE_RULES } from './builtInChargeRules';
import { matchCharge, matchTerms, normalizeChargeText } from './matching';

const matching = (text: string) => BUILT_IN_CHARGE_RULES.filter((r) => matchCharge(r, text)).map((r) => r.code);
const rule = (code: string) => BUILT_IN_CHARGE_RULES.find((r) => r.code === code)!;

describe('charge text normalization', () => {
  it('drops 涉嫌, the 罪 that ends a charge, punctuation and full-width forms', () => {
    expect(normalizeChargeText('涉嫌危险驾驶罪')).toBe('危险驾驶');
    expect(normalizeChargeText('盗窃罪、诈骗罪')).toBe('盗窃诈骗');
    expect(normalizeChargeText(' 危险驾驶罪（醉驾） ')).toBe('危险驾驶醉驾');
    expect(normalizeChargeText('帮助信息网络犯罪活动罪')).toBe('帮助信息网络犯罪活动');
    expect(normalizeChargeText('掩饰、隐瞒犯罪所得、犯罪所得收益罪')).toBe('掩饰隐瞒犯罪所得犯罪所得收益');
    expect(normalizeChargeText('盗窃罪；诈骗罪')).toBe('盗窃诈骗');
  });

  it('takes a rule’s charge names without their qualifier, and its aliases', () => {
    expect(matchTerms(rule('dangerous_driving_drunk'))).toEqual(['危险驾驶', '醉驾', '醉酒驾驶']);
    expect(matchTerms(rule('gambling'))).toEqual(['赌博', '开设赌场']);
    expect(matchTerms(rule('trademark_counterfeiting'))).toEqual(['假冒注册商标', '销售假冒注册商标的商品']);
  });
});

describe('matching a charge against the rules', () => {
  it('finds the drunk-driving rows for 危险驾驶罪 and for 醉驾', () => {
    expect(matching('危险驾驶罪')).toEqual(['dangerous_driving_drunk', 'dangerous_driving_operating_vehicle', 'drunk_driving_e_tricycle']);
    expect(matchCharge(rule('dangerous_driving_drunk'), '危险驾驶罪')).toEqual({ kind: 'exact', term: '危险驾驶' });
    expect(matchCharge(rule('dangerous_driving_drunk'), '醉驾')).toEqual({ kind: 'exact', term: '醉驾' });
    expect(matching('醉驾')).toEqual(['dangerous_driving_drunk']);
  });

  it('finds every charge named in a text with several', () => {
    expect(matching('涉嫌盗窃罪、诈骗罪')).toEqual(['theft', 'fraud', 'medical_insurance_fraud']);
    expect(matchCharge(rule('theft'), '涉嫌盗窃罪、诈骗罪')).toEqual({ kind: 'contains', term: '盗窃' });
  });

  it('matches the long names with their inner 犯罪 and punctuation intact', () => {
    expect(matching('帮助信息网络犯罪活动罪')).toEqual(['helping_cyber_crime']);
    expect(matching('帮信')).toEqual(['helping_cyber_crime']);
    expect(matching('掩饰、隐瞒犯罪所得、犯罪所得收益罪')).toEqual(['concealing_criminal_proceeds']);
    expect(matching('销售假冒注册商标的商品罪')).toEqual(['trademark_counterfeiting']);
    expect(matching('生产、销售有毒、有害食品罪')).toEqual(['unsafe_food']);
    expect(matching('非法采砂')).toEqual(['illegal_mining']);
  });

  it('accepts a fragment of a name as a weaker match, but not a single character', () => {
    expect(matchCharge(rule('concealing_criminal_proceeds'), '掩饰')).toEqual({ kind: 'partial', term: '掩饰隐瞒犯罪所得犯罪所得收益' });
    expect(matching('罪')).toEqual([]);
    expect(matching('驾')).toEqual([]);
    expect(matching('')).toEqual([]);
  });

  it('matches nothing for a charge the knowledge base does not hold', () => {
    expect(matching('抢劫罪')).toEqual([]);
    expect(matching('故意杀人罪')).toEqual([]);
  });
});
