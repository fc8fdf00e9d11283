/**
 * One row of each register, filled the way the agency's register would be: the planting code
 * says what matters for a rule (owner, status, date, amount) and these fill in the rest.
 */
import { money, roundAmount, type PlantContext, type RowOptions } from './context.js';
import { randomDate, shiftDays, yearOf } from './days.js';

/** Who a row is about: a person, or the same digits mistyped. */
export interface Holder {
  id: string;
  name: string;
}

const yearsBefore = (ctx: PlantContext, years: number) => shiftDays(ctx.asOf, -Math.round(years * 365.25));

export function propertyRow(ctx: PlantContext, owner: Holder, o: { status: 'valid' | 'cancelled'; registeredOn: string }, options?: RowOptions) {
  ctx.emit(
    'property_registrations',
    {
      certificate_no: ctx.ids.certificateNo(yearOf(o.registeredOn)),
      owner_id_number: owner.id,
      owner_name: owner.name,
      address: ctx.ids.address(),
      area_m2: (ctx.rng.between(350, 1800) / 10).toString(),
      registered_on: o.registeredOn,
      status: o.status,
    },
    options,
  );
}

const VEHICLE_TYPES: [string, number][] = [['小型轿车', 70], ['小型普通客车', 15], ['小型越野客车', 12], ['中型普通客车', 3]];

export function vehicleRow(ctx: PlantContext, owner: Holder, o: { price: string | null; status: 'valid' | 'cancelled' }, options?: RowOptions) {
  ctx.emit(
    'vehicle_registrations',
    {
      plate_no: ctx.ids.plate(),
      owner_id_number: owner.id,
      owner_name: owner.name,
      vehicle_type: ctx.rng.weighted(VEHICLE_TYPES),
      purchase_price: o.price,
      registered_on: randomDate(ctx.rng, yearsBefore(ctx, 12), shiftDays(ctx.asOf, -30)),
      status: o.status,
    },
    options,
  );
}

export function companyRow(ctx: PlantContext, rep: Holder, o: { capital: string; status: 'active' | 'revoked' | 'cancelled' }, options?: RowOptions) {
  ctx.emit(
    'business_registrations',
    {
      uscc: ctx.ids.uscc(),
      company_name: ctx.ids.companyName(),
      legal_rep_id_number: rep.id,
      legal_rep_name: rep.name,
      registered_capital: o.capital,
      established_on: randomDate(ctx.rng, yearsBefore(ctx, 20), shiftDays(ctx.asOf, -60)),
      status: o.status,
    },
    options,
  );
}

/** Registered capital as companies state it: mostly round numbers of 万元. */
export const smallCapital = (ctx: PlantContext) => roundAmount(ctx.rng, 10_000, 900_000, 10_000);
export const largeCapital = (ctx: PlantContext) => money(ctx.rng.pick([100, 200, 300, 500, 800, 1000, 2000, 5000]) * 10_000);

export function deathRow(ctx: PlantContext, person: Holder, deathDate: string, options?: RowOptions) {
  ctx.emit('death_records', { id_number: person.id, name: person.name, death_date: deathDate }, options);
}

export function detentionRow(ctx: PlantContext, person: Holder, kind: 'detention' | 'imprisonment', start: string, end: string | null, options?: RowOptions) {
  ctx.emit('detention_records', { id_number: person.id, name: person.name, kind, start_date: start, end_date: end }, options);
}

export interface Judgment {
  charge: string;
  date: string;
  sentence: 'exempted' | 'fine_only' | 'criminal_detention' | 'fixed_term' | 'life' | 'death';
  banSector?: string;
  banUntil?: string;
}

/** How often courts impose each principal punishment, roughly. */
export const SENTENCES = [['fixed_term', 6], ['criminal_detention', 2], ['fine_only', 1], ['exempted', 1]] as const;

/** Months of a sentence: none for the sentences without a term. */
function sentenceMonths(ctx: PlantContext, sentence: Judgment['sentence']): string | null {
  if (sentence === 'criminal_detention') return String(ctx.rng.between(1, 6));
  if (sentence === 'fixed_term') return String(ctx.rng.pick([6, 8, 10, 12, 18, 24, 36, 48, 60, 84, 120]));
  return null;
}

export function judgmentRow(ctx: PlantContext, defendant: Holder, j: Judgment, options?: RowOptions) {
  ctx.emit(
    'criminal_judgments',
    {
      case_no: ctx.ids.caseNo(yearOf(j.date)),
      // 京0105 in the case number is this court's code.
      court: '北京市朝阳区人民法院',
      defendant_id_number: defendant.id,
      defendant_name: defendant.name,
      charge: j.charge,
      judgment_date: j.date,
      sentence_type: j.sentence,
      sentence_months: sentenceMonths(ctx, j.sentence),
      ban_sector: j.banSector ?? null,
      ban_until: j.banUntil ?? null,
    },
    options,
  );
}

const NP_FACTS: Record<string, string> = {
  危险驾驶罪: '醉酒后驾驶小型轿车在道路上行驶，血液酒精含量超过80mg/100ml',
  盗窃罪: '在商场内窃取他人财物，价值较小，已退赃',
  故意伤害罪: '因琐事与他人发生争执致人轻伤，已赔偿并取得谅解',
  诈骗罪: '虚构事实骗取他人财物，数额较小，已退赔',
  帮助信息网络犯罪活动罪: '出租本人银行卡供他人使用，情节较轻',
};
export const NP_CHARGES = Object.keys(NP_FACTS);

export function nonProsecutionRow(
  ctx: PlantContext,
  person: Holder,
  o: { charge: string; decidedOn: string; kind: 'statutory' | 'discretionary' | 'insufficient_evidence' | 'conditional' },
  options?: RowOptions,
) {
  ctx.emit(
    'non_prosecution_decisions',
    {
      decision_no: ctx.ids.nonProsecutionNo(yearOf(o.decidedOn)),
      procuratorate: '北京市朝阳区人民检察院',
      id_number: person.id,
      name: person.name,
      charge: o.charge,
      kind: o.kind,
      decided_on: o.decidedOn,
      facts: NP_FACTS[o.charge] ?? null,
    },
    options,
  );
}

const LICENCE_CLASSES: [string, number][] = [['C1', 75], ['C2', 10], ['B2', 6], ['A2', 3], ['A1', 2], ['C1E', 4]];

export function licenceRow(ctx: PlantContext, person: Holder, status: 'valid' | 'revoked' | 'cancelled', options?: RowOptions) {
  ctx.emit(
    'driver_licenses',
    {
      id_number: person.id,
      name: person.name,
      license_class: ctx.rng.weighted(LICENCE_CLASSES),
      status,
      issued_on: randomDate(ctx.rng, yearsBefore(ctx, 25), yearsBefore(ctx, 1)),
    },
    options,
  );
}

export function paymentRow(ctx: PlantContext, person: Holder, type: 'pension' | 'unemployment' | 'subsistence', month: string, amount: string, options?: RowOptions) {
  ctx.emit('social_benefit_payments', { benefit_type: type, id_number: person.id, name: person.name, month, amount }, options);
}
