/**
 * Practitioners in sectors with occupational bans and their criminal judgments (DATA-SPEC §3.2).
 */
import { deal, type PlantContext, type Variant } from './context.js';
import { randomDate, shiftDays } from './days.js';
import { mistypedId, type Person } from './people.js';
import { judgmentRow, SENTENCES, type Judgment } from './rows.js';

const MODEL = 'occupational-ban';

type Sector = 'education' | 'childcare' | 'food' | 'transport' | 'healthcare' | 'security';

const SECTORS: [Sector, number][] = [['education', 25], ['childcare', 10], ['food', 25], ['transport', 15], ['healthcare', 15], ['security', 10]];
const EMPLOYERS: Record<Sector, string[]> = {
  education: ['北京市朝阳区星河实验小学', '北京市朝阳区育才中学', '朝阳区阳光第二小学', '北京市朝阳区启明学校'],
  childcare: ['朝阳区小太阳托育中心', '北京童心托育服务有限公司', '朝阳区贝贝幼儿园'],
  food: ['北京味道餐饮管理有限公司', '朝阳区鲜丰食品厂', '北京金谷食品有限公司', '朝阳区好邻居便利店'],
  transport: ['北京通达出租汽车有限公司', '北京顺畅客运有限公司', '北京朝运公交分公司'],
  healthcare: ['朝阳区望京社区卫生服务中心', '北京康宁医院', '朝阳区妇幼保健院'],
  security: ['北京安盾保安服务有限公司', '北京卫士保安服务有限公司'],
};
const POSITIONS: Record<Sector, string[]> = {
  education: ['教师', '班主任', '体育教师', '教务员'],
  childcare: ['保育员', '育婴员', '托育教师'],
  food: ['厨师', '面点师', '食品加工员', '配送员'],
  transport: ['出租车驾驶员', '公交驾驶员', '客运驾驶员'],
  healthcare: ['医师', '护士', '药剂师'],
  security: ['保安员', '保安队长'],
};

/** 未成年人保护法 art. 62 and 食品安全法 art. 135, as in the model's reference lists. */
const MINOR_PROTECTION_CHARGES = ['强奸罪', '强制猥亵、侮辱罪', '猥亵儿童罪', '负有照护职责人员性侵罪', '拐卖妇女、儿童罪', '收买被拐卖的妇女、儿童罪', '虐待被监护、看护人罪', '组织卖淫罪', '强迫卖淫罪', '引诱、容留、介绍卖淫罪', '引诱幼女卖淫罪'];
const FOOD_SAFETY_CHARGES = ['生产、销售不符合安全标准的食品罪', '生产、销售有毒、有害食品罪'];
/** Charges for which courts typically ban the offender from the sector they offended in. */
const BAN_CHARGES: Partial<Record<Sector, string>> = { transport: '交通肇事罪', healthcare: '非法行医罪', security: '故意伤害罪', food: '生产、销售伪劣产品罪', education: '故意伤害罪' };
const UNRELATED_CHARGES = ['盗窃罪', '诈骗罪', '寻衅滋事罪', '故意伤害罪', '掩饰、隐瞒犯罪所得罪'];

interface Practitioner {
  person: Person;
  sector: Sector;
  status: 'active' | 'left';
}

const keyOf = (p: Practitioner) => `${p.sector}:${p.person.id}`;

function hit(ctx: PlantContext, p: Practitioner, rule: string, what: string) {
  if (p.status === 'active') ctx.truth.hit(MODEL, keyOf(p), rule);
  else ctx.truth.nearMiss(MODEL, keyOf(p), rule, `${what}, but the practitioner has left the job`);
}

const miss = (ctx: PlantContext, p: Practitioner, rule: string, why: string) => ctx.truth.nearMiss(MODEL, keyOf(p), rule, why);

const pastJudgment = (ctx: PlantContext) => randomDate(ctx.rng, shiftDays(ctx.asOf, -15 * 365), shiftDays(ctx.asOf, -60));
const banUntil = (ctx: PlantContext) => randomDate(ctx.rng, shiftDays(ctx.asOf, 30), shiftDays(ctx.asOf, 5 * 365));

function convict(ctx: PlantContext, p: Practitioner, j: Partial<Judgment> & { charge: string }) {
  judgmentRow(ctx, p.person, { date: pastJudgment(ctx), sentence: 'fixed_term', ...j }, { idNoise: ctx.linkNoise() });
}

function courtBan(ctx: PlantContext, p: Practitioner, until: string) {
  convict(ctx, p, { charge: BAN_CHARGES[p.sector]!, date: randomDate(ctx.rng, shiftDays(ctx.asOf, -4 * 365), shiftDays(ctx.asOf, -60)), banSector: p.sector, banUntil: until });
  hit(ctx, p, 'court-ordered-ban', `banned from ${p.sector} until ${until}`);
}

/** Re-assigns the practitioner's sector (a variant is about one sector). */
const inSector = (p: Practitioner, sector: Sector) => Object.assign(p, { sector });

const variant = (name: string, share: number, min: number, plant: Variant<Practitioner>['plant']): Variant<Practitioner> => ({ name, share, min, plant });

const VARIANTS: Variant<Practitioner>[] = [
  variant('minor-protection-conviction', 0.03, 2, (ctx, p) => {
    inSector(p, ctx.rng.pick(['education', 'childcare'] as const));
    const charge = ctx.rng.pick(MINOR_PROTECTION_CHARGES);
    convict(ctx, p, { charge, sentence: ctx.rng.weighted(SENTENCES) });
    hit(ctx, p, 'statutory-ban', `convicted of ${charge}`);
  }),
  variant('minor-protection-conviction-exempted', 0.005, 1, (ctx, p) => {
    inSector(p, 'childcare');
    convict(ctx, p, { charge: '猥亵儿童罪', sentence: 'exempted' });
    hit(ctx, p, 'statutory-ban', 'convicted of 猥亵儿童罪, exempted from punishment');
  }),
  variant('food-crime-prison', 0.015, 1, (ctx, p) => {
    inSector(p, 'food');
    const charge = ctx.rng.pick(FOOD_SAFETY_CHARGES);
    convict(ctx, p, { charge, sentence: ctx.rng.chance(0.1) ? 'life' : 'fixed_term' });
    hit(ctx, p, 'statutory-ban', `sentenced to prison for ${charge}`);
  }),
  variant('court-ordered-ban', 0.02, 2, (ctx, p) => {
    inSector(p, ctx.rng.pick(['transport', 'healthcare', 'security', 'food', 'education'] as const));
    courtBan(ctx, p, banUntil(ctx));
  }),
  variant('court-ordered-ban-until-as-of', 0.005, 1, (ctx, p) => {
    inSector(p, ctx.rng.pick(['transport', 'healthcare', 'security'] as const));
    courtBan(ctx, p, ctx.asOf);
  }),
  variant('statutory-and-court-ordered', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    convict(ctx, p, { charge: '猥亵儿童罪', banSector: 'education', banUntil: banUntil(ctx) });
    hit(ctx, p, 'statutory-ban', 'convicted of 猥亵儿童罪');
    hit(ctx, p, 'court-ordered-ban', 'banned from education by the court');
  }),
  variant('two-sectors', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    const driver: Practitioner = { ...p, sector: 'transport' };
    emitPractitioner(ctx, driver);
    convict(ctx, p, { charge: '强制猥亵、侮辱罪' });
    hit(ctx, p, 'statutory-ban', 'convicted of 强制猥亵、侮辱罪');
    miss(ctx, driver, 'statutory-ban', 'the same conviction: the statute bars work with minors, not driving');
  }),
  variant('two-employers-same-sector', 0.005, 1, (ctx, p) => {
    inSector(p, 'childcare');
    emitPractitioner(ctx, p);
    convict(ctx, p, { charge: '虐待被监护、看护人罪', sentence: 'criminal_detention' });
    hit(ctx, p, 'statutory-ban', 'convicted of 虐待被监护、看护人罪 (one subject for two employers)');
  }),

  variant('charge-not-listed', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    convict(ctx, p, { charge: '盗窃罪' });
    miss(ctx, p, 'statutory-ban', 'convicted of theft, which is not on the list');
  }),
  variant('food-crime-fine-only', 0.005, 1, (ctx, p) => {
    inSector(p, 'food');
    convict(ctx, p, { charge: '生产、销售不符合安全标准的食品罪', sentence: 'fine_only' });
    miss(ctx, p, 'statutory-ban', 'food-safety crime punished with a fine only');
  }),
  variant('food-crime-in-education', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    convict(ctx, p, { charge: '生产、销售有毒、有害食品罪' });
    miss(ctx, p, 'statutory-ban', 'a food-safety crime does not bar a teacher');
  }),
  variant('minor-crime-in-healthcare', 0.005, 1, (ctx, p) => {
    inSector(p, 'healthcare');
    convict(ctx, p, { charge: '强奸罪' });
    miss(ctx, p, 'statutory-ban', 'the minor-protection list does not cover healthcare');
  }),
  variant('left-the-job', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    p.status = 'left';
    convict(ctx, p, { charge: '强奸罪' });
    hit(ctx, p, 'statutory-ban', 'convicted of 强奸罪');
  }),
  variant('judged-after-as-of', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    convict(ctx, p, { charge: '猥亵儿童罪', date: shiftDays(ctx.asOf, 1) });
    miss(ctx, p, 'statutory-ban', 'the judgment is dated the day after as_of');
  }),
  variant('namesake-convicted', 0.005, 1, (ctx, p) => {
    inSector(p, 'education');
    judgmentRow(ctx, ctx.people.namesake(p.person), { charge: '猥亵儿童罪', date: pastJudgment(ctx), sentence: 'fixed_term' });
    miss(ctx, p, 'statutory-ban', 'a namesake with another ID number was convicted');
  }),
  variant('mistyped-defendant-id', 0.005, 1, (ctx, p) => {
    inSector(p, 'childcare');
    const defendant = { id: mistypedId(p.person.id, ctx.rng), name: p.person.name };
    judgmentRow(ctx, defendant, { charge: '强制猥亵、侮辱罪', date: pastJudgment(ctx), sentence: 'fixed_term' }, { invalidIds: ['defendant_id_number'] });
    miss(ctx, p, 'statutory-ban', "the defendant's ID number has a wrong check character (invalid IDs never match)");
  }),
  variant('ban-expired', 0.005, 1, (ctx, p) => {
    inSector(p, 'transport');
    convict(ctx, p, { charge: '交通肇事罪', banSector: 'transport', banUntil: shiftDays(ctx.asOf, -1) });
    miss(ctx, p, 'court-ordered-ban', 'the ban ended the day before as_of');
  }),
  variant('ban-for-another-sector', 0.005, 1, (ctx, p) => {
    inSector(p, 'healthcare');
    convict(ctx, p, { charge: '生产、销售伪劣产品罪', banSector: 'food', banUntil: banUntil(ctx) });
    miss(ctx, p, 'court-ordered-ban', 'banned from food, works in healthcare');
  }),
  variant('ban-judged-after-as-of', 0.005, 1, (ctx, p) => {
    inSector(p, 'security');
    convict(ctx, p, { charge: '故意伤害罪', date: shiftDays(ctx.asOf, 1), banSector: 'security', banUntil: banUntil(ctx) });
    miss(ctx, p, 'court-ordered-ban', 'the banning judgment is dated the day after as_of');
  }),
];

function emitPractitioner(ctx: PlantContext, p: Practitioner) {
  ctx.emit('practitioners', {
    sector: p.sector,
    id_number: p.person.id,
    name: p.person.name,
    employer: ctx.rng.pick(EMPLOYERS[p.sector]),
    position: ctx.rng.pick(POSITIONS[p.sector]),
    status: p.status,
  });
}

export async function plantPractitioners(ctx: PlantContext) {
  const size = Math.max(60, Math.round(ctx.scale / 2));
  const slots = deal(ctx.rng.fork('practitioner-variants'), size, VARIANTS, 'practitioners');
  for (let i = 0; i < size; i++) {
    const p: Practitioner = { person: ctx.people.next(), sector: ctx.rng.weighted(SECTORS), status: ctx.rng.chance(0.08) ? 'left' : 'active' };
    if (slots[i] >= 0) {
      // A variant decides the status it needs.
      p.status = 'active';
      VARIANTS[slots[i]].plant(ctx, p);
    } else if (ctx.rng.chance(0.015)) {
      judgmentRow(ctx, p.person, { charge: ctx.rng.pick(UNRELATED_CHARGES), date: pastJudgment(ctx), sentence: ctx.rng.pick(['fixed_term', 'criminal_detention', 'fine_only'] as const) });
    }
    emitPractitioner(ctx, p);
    if (i % 1000 === 999) await ctx.pump();
  }
}
