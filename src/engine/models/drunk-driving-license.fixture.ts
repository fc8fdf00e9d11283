import { id, type ModelFixture } from './fixture.js';

const V = (n: number) => id(`11010519880101${String(n).padStart(3, '0')}`);
const license = (idNumber: string, status = 'valid') => ({ id_number: idNumber, name: '驾驶人', license_class: 'C1', status, issued_on: '2010-01-01' });

/** DATA-SPEC §3.4: judgments and non-prosecutions, the grace period met exactly and just missed. */
export const drunkDrivingFixture: ModelFixture = {
  model: 'drunk-driving-license',
  asOf: '2026-06-30',
  subjects: 4,
  data: {
    criminal_judgments: [
      { case_no: '(2026)京0105刑初1号', court: '朝阳法院', defendant_id_number: V(1), defendant_name: '醉驾甲', charge: '危险驾驶罪', judgment_date: '2026-05-31', sentence_type: 'criminal_detention', sentence_months: 2, ban_sector: null, ban_until: null },
      { case_no: '(2026)京0105刑初2号', court: '朝阳法院', defendant_id_number: V(2), defendant_name: '醉驾乙', charge: '危险驾驶罪', judgment_date: '2026-06-01', sentence_type: 'criminal_detention', sentence_months: 2, ban_sector: null, ban_until: null },
      { case_no: '(2025)京0105刑初3号', court: '朝阳法院', defendant_id_number: V(3), defendant_name: '醉驾丙', charge: '危险驾驶罪', judgment_date: '2025-01-01', sentence_type: 'criminal_detention', sentence_months: 1, ban_sector: null, ban_until: null },
      { case_no: '(2025)京0105刑初4号', court: '朝阳法院', defendant_id_number: V(4), defendant_name: '盗窃丁', charge: '盗窃罪', judgment_date: '2025-01-01', sentence_type: 'fixed_term', sentence_months: 6, ban_sector: null, ban_until: null },
    ],
    non_prosecution_decisions: [
      { decision_no: '京朝检刑不诉〔2026〕1号', procuratorate: '朝阳区检察院', id_number: V(5), name: '醉驾戊', charge: '危险驾驶罪', kind: 'discretionary', decided_on: '2026-01-05', facts: '醉酒驾驶' },
      // the same person also convicted: one subject, both documents as its rows
      { decision_no: '京朝检刑不诉〔2024〕9号', procuratorate: '朝阳区检察院', id_number: V(1), name: '醉驾甲', charge: '危险驾驶罪', kind: 'discretionary', decided_on: '2024-02-01', facts: '醉酒驾驶' },
      { decision_no: '京朝检刑不诉〔2026〕2号', procuratorate: '朝阳区检察院', id_number: V(6), name: '醉驾己', charge: '危险驾驶罪', kind: 'discretionary', decided_on: '2026-02-01', facts: '醉酒驾驶' },
    ],
    driver_licenses: [license(V(1)), license(V(2)), license(V(3), 'revoked'), license(V(4)), license(V(5)), license(V(6), 'cancelled')],
  },
  expected: {
    [V(1)]: ['license-still-valid'],
    [V(5)]: ['license-still-valid'],
  },
};
