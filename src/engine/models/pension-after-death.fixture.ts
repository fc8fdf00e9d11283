import { id, type ModelFixture } from './fixture.js';

const D = (n: number) => id(`11010519400101${String(n).padStart(3, '0')}`);
const pension = (idNumber: string, month: string, amount = 3200, benefit_type = 'pension') => ({ benefit_type, id_number: idNumber, name: '某某', month, amount });

/** DATA-SPEC §3.3: months strictly after the death month and not after the as_of month; pension only. */
export const pensionAfterDeathFixture: ModelFixture = {
  model: 'pension-after-death',
  asOf: '2026-06-30',
  subjects: 5,
  data: {
    death_records: [
      { id_number: D(1), name: '死者甲', death_date: '2025-12-15' },
      { id_number: D(2), name: '死者乙', death_date: '2026-03-31' },
      { id_number: D(3), name: '死者丙', death_date: '2026-01-10' },
      { id_number: D(4), name: '死者丁', death_date: '2026-05-20' },
      { id_number: D(5), name: '死者戊', death_date: '2026-07-01' }, // after as_of: not a subject
      { id_number: D(6), name: '死者己', death_date: '2026-05-01' },
    ],
    social_benefit_payments: [
      pension(D(1), '2025-12'), // the death month itself: allowed
      pension(D(1), '2026-01'),
      pension(D(1), '2026-02', 3300.5),
      pension(D(2), '2026-03'), // death month only: no hit
      pension(D(3), '2026-07'), // after the as_of month: no hit
      pension(D(4), '2026-06', 1500, 'subsistence'), // not a pension
      pension(D(6), '2026-06'), // exactly the as_of month: a hit
    ],
  },
  expected: {
    [D(1)]: ['paid-after-death'],
    [D(6)]: ['paid-after-death'],
  },
};
