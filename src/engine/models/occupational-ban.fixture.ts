import { firstGeneration, id, type ModelFixture } from './fixture.js';

const T = (n: number) => id(`11010119800101${String(n).padStart(3, '0')}`);
const judgment = (n: number, defendant: string, charge: string, extra: Record<string, string | number | null> = {}) => ({
  case_no: `(2020)京0105刑初${n}号`,
  court: '北京市朝阳区人民法院',
  defendant_id_number: defendant,
  defendant_name: '被告人',
  charge,
  judgment_date: '2020-05-01',
  sentence_type: 'fixed_term',
  sentence_months: 24,
  ban_sector: null,
  ban_until: null,
  ...extra,
});
const practitioner = (sector: string, idNumber: string, name: string, status = 'active') => ({ sector, id_number: idNumber, name, employer: '某单位', position: '职员', status });

/** DATA-SPEC §3.2: statutory lists per sector, sentence types for food, court bans by sector and date. */
export const occupationalBanFixture: ModelFixture = {
  model: 'occupational-ban',
  asOf: '2026-06-30',
  subjects: 10,
  data: {
    practitioners: [
      practitioner('education', T(1), '教师甲'),
      practitioner('childcare', T(2), '保育员乙'),
      practitioner('education', T(3), '教师丙'), // charge not on the list
      practitioner('food', T(4), '厨师丁'), // food crime, fixed term
      practitioner('food', T(5), '厨师戊'), // food crime, fine only: no statutory ban
      practitioner('transport', T(6), '司机己'), // court ban for transport, still in force
      practitioner('transport', T(7), '司机庚'), // court ban ended the day before as_of
      practitioner('security', T(8), '保安辛'), // court ban for another sector
      practitioner('education', T(9), '教师壬', 'left'), // not active
      practitioner('education', T(10), '教师癸'), // judgment after as_of
      practitioner('healthcare', T(11), '医生子'), // ban_until exactly as_of
    ],
    criminal_judgments: [
      judgment(1, T(1), '猥亵儿童罪', { sentence_type: 'exempted', sentence_months: null }),
      judgment(2, firstGeneration(T(2)), '强制猥亵、侮辱罪'),
      judgment(3, T(3), '盗窃罪'),
      judgment(4, T(4), '生产、销售有毒、有害食品罪'),
      judgment(5, T(5), '生产、销售不符合安全标准的食品罪', { sentence_type: 'fine_only', sentence_months: null }),
      judgment(6, T(6), '交通肇事罪', { ban_sector: 'transport', ban_until: '2027-01-01' }),
      judgment(7, T(7), '交通肇事罪', { ban_sector: 'transport', ban_until: '2026-06-29' }),
      judgment(8, T(8), '故意伤害罪', { ban_sector: 'education', ban_until: '2030-01-01' }),
      judgment(9, T(9), '强奸罪'),
      judgment(10, T(10), '猥亵儿童罪', { judgment_date: '2026-07-01' }),
      judgment(11, T(11), '非法行医罪', { ban_sector: 'healthcare', ban_until: '2026-06-30' }),
    ],
  },
  expected: {
    [`childcare:${T(2)}`]: ['statutory-ban'],
    [`education:${T(1)}`]: ['statutory-ban'],
    [`food:${T(4)}`]: ['statutory-ban'],
    [`healthcare:${T(11)}`]: ['court-ordered-ban'],
    [`transport:${T(6)}`]: ['court-ordered-ban'],
  },
};
