import { fullWidth, id, type ModelFixture } from './fixture.js';

export const A = id('11010519800101001');
const B = id('11010519810202002');
const C = id('11010519620303003'); // born 1962: has a 15-digit first-generation form
const C15 = '110105620303003';
export const X = (() => {
  for (let n = 100; n < 999; n++) {
    const candidate = id(`11010519700101${n}`);
    if (candidate.endsWith('X')) return candidate;
  }
  throw new Error('no X');
})();
const D = id('11010519850505005');
const E = id('11010519900606006');
const P = (n: number) => id(`32010219750101${String(n).padStart(3, '0')}`);

const tenant = (contract: string, idNumber: string, name: string, unit: string, extra: Record<string, string> = {}) => ({
  contract_no: contract,
  tenant_id_number: idNumber,
  tenant_name: name,
  unit_id: unit,
  address: `朝阳区某小区${unit}`,
  lease_start: '2020-01-01',
  lease_end: null,
  status: 'active',
  ...extra,
});
const months = (from: string, count: number) => {
  const [y, m] = from.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const t = y * 12 + m - 1 + i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
};


/** DATA-SPEC §3.1 with its traps: thresholds met exactly and just missed, statuses that must not
 * fire, 15-digit / lowercase-x / full-width IDs that must match, a namesake who must not. */
export const publicHousingFixture: ModelFixture = {
  model: 'public-housing-misuse',
  asOf: '2026-06-30',
  subjects: 20,
  data: {
    public_housing_tenants: [
      tenant('GZF-01', A, '张三', 'U01'),
      tenant('GZF-02', B, '李四', 'U02'),
      tenant('GZF-03', C, '王五', 'U03'),
      tenant('GZF-04', X.toLowerCase(), '赵六', 'U04'),
      tenant('GZF-05', D, '孫七', 'U05'),
      tenant('GZF-06', E, '张三', 'U06'), // same name as GZF-01, different person
      tenant('GZF-07', id('11010519770707007'), '退租户', 'U07', { status: 'terminated' }),
      tenant('GZF-08', id('11010519780808008'), '未起租', 'U08', { lease_start: '2026-07-01' }),
      tenant('GZF-09', P(9), '车主甲', 'U09'),
      tenant('GZF-10', P(10), '车主乙', 'U10'),
      tenant('GZF-11', P(11), '法人甲', 'U11'),
      tenant('GZF-12', P(12), '法人乙', 'U12'),
      tenant('GZF-13', P(13), '亡故甲', 'U13'),
      tenant('GZF-14', P(14), '亡故乙', 'U14'),
      tenant('GZF-15', P(15), '羁押甲', 'U15'),
      tenant('GZF-16', P(16), '羁押乙', 'U16'),
      tenant('GZF-17', P(17), '服刑丙', 'U17'),
      tenant('GZF-18', P(18), '空置甲', 'U18'),
      tenant('GZF-19', P(19), '空置乙', 'U19'),
      tenant('GZF-20', P(20), '无数据', 'U20'),
      tenant('GZF-21', P(21), '旧数据', 'U21'),
      tenant('GZF-22', '11010519800101001', '错号', 'U22'), // 17 digits: invalid, never matches
    ],
    property_registrations: [
      { certificate_no: '京(2026)朝阳不动产权第0001号', owner_id_number: A, owner_name: '张三', address: '朝阳路1号', area_m2: 89.5, registered_on: '2026-06-30', status: 'valid' },
      { certificate_no: 'P-B1', owner_id_number: B, owner_name: '李四', address: 'x', area_m2: 60, registered_on: '2026-07-01', status: 'valid' },
      { certificate_no: 'P-B2', owner_id_number: B, owner_name: '李四', address: 'x', area_m2: 60, registered_on: '2020-01-01', status: 'cancelled' },
      { certificate_no: 'P-C', owner_id_number: C15, owner_name: '王五', address: 'x', area_m2: 70, registered_on: '2010-01-01', status: 'valid' },
      { certificate_no: 'P-X', owner_id_number: X, owner_name: '赵六', address: 'x', area_m2: 70, registered_on: '2010-01-01', status: 'valid' },
      { certificate_no: 'P-D', owner_id_number: fullWidth(D), owner_name: '孙七', address: 'x', area_m2: 70, registered_on: '2010-01-01', status: 'valid' },
      { certificate_no: 'P-INVALID', owner_id_number: '11010519800101001', owner_name: '错号', address: 'x', area_m2: 1, registered_on: '2010-01-01', status: 'valid' },
    ],
    vehicle_registrations: [
      { plate_no: '京A00009', owner_id_number: P(9), owner_name: '车主甲', vehicle_type: '小型轿车', purchase_price: 150000, registered_on: '2024-01-01', status: 'valid' },
      { plate_no: '京A00010', owner_id_number: P(10), owner_name: '车主乙', vehicle_type: '小型轿车', purchase_price: 149999.99, registered_on: '2024-01-01', status: 'valid' },
      { plate_no: '京A00011', owner_id_number: P(10), owner_name: '车主乙', vehicle_type: '小型轿车', purchase_price: 300000, registered_on: '2015-01-01', status: 'cancelled' },
    ],
    business_registrations: [
      { uscc: '91110105MA00000001', company_name: '甲公司', legal_rep_id_number: P(11), legal_rep_name: '法人甲', registered_capital: 1000000, established_on: '2019-01-01', status: 'active' },
      { uscc: '91110105MA00000002', company_name: '乙公司', legal_rep_id_number: P(12), legal_rep_name: '法人乙', registered_capital: 999999.99, established_on: '2019-01-01', status: 'active' },
      { uscc: '91110105MA00000003', company_name: '丙公司', legal_rep_id_number: P(12), legal_rep_name: '法人乙', registered_capital: 5000000, established_on: '2019-01-01', status: 'revoked' },
    ],
    death_records: [
      { id_number: P(13), name: '亡故甲', death_date: '2026-06-30' },
      { id_number: P(14), name: '亡故乙', death_date: '2026-07-01' },
    ],
    detention_records: [
      // 2026-01-02 … 2026-06-30 (open) is exactly 180 days.
      { id_number: P(15), name: '羁押甲', kind: 'detention', start_date: '2026-01-02', end_date: null },
      // one day less: 179
      { id_number: P(16), name: '羁押乙', kind: 'detention', start_date: '2026-01-03', end_date: null },
      // window starts 2025-07-01: 2025-07-01 … 2025-12-28 is 181 days
      { id_number: P(17), name: '服刑丙', kind: 'imprisonment', start_date: '2024-01-01', end_date: '2025-12-28' },
    ],
    utility_usage: [
      // U18: 6 months at 50 kWh, 6 months at 5 → 6 empty months: fires
      ...months('2025-07', 12).map((month, i) => ({ unit_id: 'U18', month, kwh: i % 2 ? 50 : 5 })),
      // U19: 7 months at exactly 10 (not below), 5 months without a reading → 5 empty months: no
      ...months('2025-07', 7).map((month) => ({ unit_id: 'U19', month, kwh: 10 })),
      // U21: readings only long before the window: covered, and every window month is missing
      ...months('2023-01', 3).map((month) => ({ unit_id: 'U21', month, kwh: 200 })),
      // U01 is used normally: never vacant
      ...months('2025-07', 12).map((month) => ({ unit_id: 'U01', month, kwh: 120 })),
    ],
  },
  expected: {
      'GZF-01': ['owns-property'], // registered exactly on as_of
      'GZF-03': ['owns-property'], // 15-digit ID on the property side
      'GZF-04': ['owns-property'], // lowercase x on the tenant side
      'GZF-05': ['owns-property'], // full-width digits on the property side
      'GZF-09': ['owns-vehicle'], // price exactly at the threshold
      'GZF-11': ['runs-company'], // capital exactly at the threshold
      'GZF-13': ['deceased'], // died on as_of
      'GZF-15': ['detained'], // exactly 180 days
      'GZF-17': ['detained'], // 181 days inside the window
      'GZF-18': ['vacant'], // exactly 6 empty months
      'GZF-21': ['vacant'], // covered by the utility data, no reading in the window
    },
};
