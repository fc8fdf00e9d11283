import type { ModelFixture } from './fixture.js';

const penalty = (n: number, violation_code: string, amount_involved: number | null, extra: Record<string, string> = {}) => ({
  decision_no: `京朝市监罚〔2026〕${n}号`,
  agency: '北京市朝阳区市场监督管理局',
  party_id: `91110105MA0000000${n}`,
  party_name: `某商贸公司${n}`,
  violation_code,
  amount_involved,
  fine: 10000,
  decided_on: '2026-03-01',
  transferred: 'no',
  ...extra,
});

/** DATA-SPEC §3.5: thresholds per violation type, met exactly and just missed; transferred cases and "other" never fire. */
export const penaltyNotTransferredFixture: ModelFixture = {
  model: 'penalty-not-transferred',
  asOf: '2026-06-30',
  subjects: 7,
  data: {
    admin_penalties: [
      penalty(1, 'counterfeit_goods', 50000),
      penalty(2, 'counterfeit_goods', 49999.99),
      penalty(3, 'tax_evasion', 100000),
      penalty(4, 'tax_evasion', 99999),
      penalty(5, 'other', 9000000),
      penalty(6, 'illegal_business', 80000, { transferred: 'yes' }),
      penalty(7, 'trademark_counterfeiting', 60000, { decided_on: '2026-07-01' }),
      penalty(8, 'illegal_business', null),
      penalty(9, 'trademark_counterfeiting', 250000),
    ],
  },
  expected: {
    '京朝市监罚〔2026〕1号': ['over-threshold'],
    '京朝市监罚〔2026〕3号': ['over-threshold'],
    '京朝市监罚〔2026〕9号': ['over-threshold'],
  },
};
