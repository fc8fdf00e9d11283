import { describe, expect, it } from 'vitest';
import { builtInModel } from './builtins.js';
import { explainModel } from './explain.js';

describe('explainModel', () => {
  it('states the rules, parameters and reference data in the reader’s language', () => {
    const zh = explainModel(builtInModel('public-housing-misuse')!, 'zh-CN', { vehicle_price_threshold: 200000 });
    expect(zh).toContain('公租房违规使用 (public-housing-misuse v1)');
    expect(zh).toContain('车辆购置价格门槛（元） (vehicle_price_threshold) = 200000');
    expect(zh).toContain('[vacant] 房屋长期空置 — utility_usage, 汇总比较');
    const en = explainModel(builtInModel('penalty-not-transferred')!, 'en-US');
    expect(en).toContain('Prosecution thresholds (amount involved, CNY) (transfer_thresholds): counterfeit_goods=50000');
    expect(en).toContain('[over-threshold] Amount reaches the prosecution threshold — admin_penalties, a matching row exists');
    // Conditions in words, with shifted dates.
    expect(en).toContain('Condition: amount_involved ≥ reference table transfer_thresholds[violation_code]');
    expect(zh).toContain('对象条件 (public_housing_tenants): status = "active" 且 lease_start ≤ 基准日');
    expect(zh).toContain('month ≥ 基准日 减 11 个月 的月份');
  });
});
