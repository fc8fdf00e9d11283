import { id, type ModelFixture } from './fixture.js';

const decisionNo = (n: number) => `京朝市监罚〔2025〕${n}号`;

const penalty = (n: number, decided_on: string, extra: Record<string, string | number | null> = {}) => ({
  decision_no: decisionNo(n),
  agency: '北京市朝阳区市场监督管理局',
  party_id: n % 2 ? id(`11010519800101${String(100 + n).slice(-3)}`) : `91110105MA0000000${n % 10}`,
  party_name: n % 2 ? `当事人${n}` : `某商贸公司${n}`,
  violation_code: 'other',
  amount_involved: 20000,
  fine: 5000,
  decided_on,
  transferred: 'no',
  performed: 'no',
  ...extra,
});

const filing = (n: number, decision: string, filed_on: string, extra: Record<string, string | null> = {}) => ({
  filing_no: `（2026）京0105行审${n}号`,
  court: '北京市朝阳区人民法院',
  applicant_agency: '北京市朝阳区市场监督管理局',
  penalty_decision_no: decision,
  respondent_id: null,
  respondent_name: null,
  filed_on,
  ruling: 'granted',
  ruled_on: null,
  ...extra,
});

/**
 * docs/models.md, 行政非诉执行监督, as_of 2026-06-30 with 6 + 3 months: the last day to apply is
 * decided_on + 6 months, then + 3 months (a day the month lacks becomes its last day).
 * Decided 2025-08-31 → suit period ends 2026-02-28 → last day to apply 2026-05-28 (not 05-31).
 */
export const nonLitigationEnforcementFixture: ModelFixture = {
  model: 'non-litigation-enforcement',
  asOf: '2026-06-30',
  subjects: 10,
  data: {
    admin_penalties: [
      // Filed on the last day of the window: in time.
      penalty(1, '2025-08-31'),
      // Filed the day after: late (a 9-month shift would have said 05-31, still in time).
      penalty(2, '2025-08-31'),
      // Window closes exactly on as_of: not yet closed, not a subject.
      penalty(3, '2025-09-30'),
      // Window closed the day before as_of, nothing filed.
      penalty(4, '2025-09-29'),
      // The party paid; unpaid but no fine; performance not recorded.
      penalty(5, '2025-01-10', { performed: 'yes' }),
      penalty(6, '2025-01-10', { fine: 0 }),
      penalty(7, '2025-01-10', { fine: null }),
      penalty(8, '2025-01-10', { performed: null }),
      // The only filing names another decision (and one nobody has): it does not count.
      penalty(9, '2025-01-10'),
      // Filed in time; filed while the suit period still ran (a matter for the court, no rule).
      penalty(10, '2025-03-01'),
      penalty(11, '2025-06-01'),
      // A recent decision: its window is open.
      penalty(12, '2026-06-01'),
      // One filing in time and a second, late one: the late one is still a finding.
      penalty(13, '2025-01-15'),
      // Its only filing is dated after as_of: at as_of the agency had not applied.
      penalty(14, '2025-01-10'),
      // The court wrote the year in other brackets (and a space): the same decision — filed in time / late.
      penalty(15, '2025-08-31'),
      penalty(16, '2025-08-31'),
    ],
    court_enforcement_filings: [
      filing(1, decisionNo(1), '2026-05-28'),
      filing(2, decisionNo(2), '2026-05-29', { ruling: 'refused', ruled_on: '2026-06-20' }),
      filing(3, '京朝市监罚〔2025〕99号', '2025-09-01'),
      filing(4, decisionNo(10), '2025-10-15'),
      filing(5, decisionNo(11), '2025-09-01', { ruling: 'pending' }),
      filing(6, decisionNo(13), '2025-10-15', { ruling: 'withdrawn' }),
      filing(7, decisionNo(13), '2026-01-20'),
      filing(8, decisionNo(14), '2026-07-02', { ruling: 'pending' }),
      filing(9, '京朝市监罚[2025]15号', '2026-05-28'),
      filing(10, '京朝市监罚 (2025) 16号', '2026-05-29'),
    ],
  },
  expected: {
    [decisionNo(2)]: ['applied-late'],
    [decisionNo(4)]: ['never-applied'],
    [decisionNo(9)]: ['never-applied'],
    [decisionNo(13)]: ['applied-late'],
    [decisionNo(14)]: ['never-applied'],
    [decisionNo(16)]: ['applied-late'],
  },
};
