/**
 * The bulk of every register: people no model is interested in, so that the planted cases sit
 * among realistic volumes (about 5 properties, 3 vehicles and 1 company per tenant); a few typed
 * ID numbers with a wrong check character; and a few malformed rows the importer must reject.
 * Nothing here links to a tenant, practitioner, pensioner, drunk driver or penalty of the plants.
 */
import { builtInKind, type KindDefinition } from '../../domain/datasetKinds.js';
import { roundAmount, type PlantContext, type RowOptions } from './context.js';
import { addMonths, randomDate, shiftDays, shiftMonth, yearOf } from './days.js';
import { mistypedId, type Person } from './people.js';
import { smallPenalty } from './penalties.js';
import { ordinaryFiling } from './nonLitigationEnforcement.js';
import {
  companyRow,
  deathRow,
  detentionRow,
  judgmentRow,
  largeCapital,
  licenceRow,
  NP_CHARGES,
  nonProsecutionRow,
  paymentRow,
  propertyRow,
  SENTENCES,
  smallCapital,
  vehicleRow,
} from './rows.js';

const COMPANY_STATUSES = [['active', 85], ['revoked', 7], ['cancelled', 8]] as const;
const PROPERTIES_PER_OWNER: [number, number][] = [[1, 70], [2, 22], [3, 8]];
const UNRELATED_CHARGES = ['盗窃罪', '诈骗罪', '故意伤害罪', '寻衅滋事罪', '非法吸收公众存款罪', '开设赌场罪', '帮助信息网络犯罪活动罪', '掩饰、隐瞒犯罪所得罪'];

const pastDate = (ctx: PlantContext, years: number) => randomDate(ctx.rng, shiftDays(ctx.asOf, -Math.round(years * 365)), shiftDays(ctx.asOf, -1));

/** Now and then a register holds an ID typed with a wrong check character. */
function maybeMistyped(ctx: PlantContext, person: Person, idColumn: string, rate: number): [Person, RowOptions | undefined] {
  if (!ctx.rng.chance(rate)) return [person, undefined];
  return [{ ...person, id: mistypedId(person.id, ctx.rng) }, { invalidIds: [idColumn] }];
}

/** One ordinary row of each kind, for a person nobody planted anything on (tenants and their
 * meters are all planted, see plantMalformed). */
const ORDINARY: Record<string, (ctx: PlantContext, options?: RowOptions) => void> = {
  property_registrations: (ctx, options) =>
    propertyRow(ctx, ctx.people.next(), { status: ctx.rng.chance(0.85) ? 'valid' : 'cancelled', registeredOn: pastDate(ctx, 25) }, options),
  vehicle_registrations: (ctx, options) =>
    vehicleRow(ctx, ctx.people.next(), { price: roundAmount(ctx.rng, 50_000, 450_000, 100), status: ctx.rng.chance(0.88) ? 'valid' : 'cancelled' }, options),
  business_registrations: (ctx, options) =>
    companyRow(ctx, ctx.people.next(), { capital: ctx.rng.chance(0.3) ? largeCapital(ctx) : smallCapital(ctx), status: ctx.rng.weighted(COMPANY_STATUSES) }, options),
  death_records: (ctx, options) => deathRow(ctx, ctx.people.next('elder'), pastDate(ctx, 3), options),
  detention_records: (ctx, options) => {
    const start = pastDate(ctx, 5);
    const end = ctx.rng.chance(0.05) ? null : shiftDays(start, ctx.rng.between(10, 400));
    detentionRow(ctx, ctx.people.next(), ctx.rng.chance(0.6) ? 'detention' : 'imprisonment', start, end, options);
  },
  practitioners: (ctx, options) => {
    const guard = ctx.people.next();
    ctx.emit('practitioners', { sector: 'security', id_number: guard.id, name: guard.name, employer: '北京安盾保安服务有限公司', position: '保安员', status: 'active' }, options);
  },
  criminal_judgments: (ctx, options) =>
    judgmentRow(ctx, ctx.people.next(), { charge: ctx.rng.pick(UNRELATED_CHARGES), date: pastDate(ctx, 10), sentence: ctx.rng.weighted(SENTENCES) }, options),
  social_benefit_payments: (ctx, options) => paymentRow(ctx, ctx.people.next('elder'), 'pension', shiftMonth(ctx.asOfMonth, -ctx.rng.int(12)), roundAmount(ctx.rng, 2200, 6800), options),
  driver_licenses: (ctx, options) => licenceRow(ctx, ctx.people.next(), ctx.rng.chance(0.93) ? 'valid' : 'cancelled', options),
  non_prosecution_decisions: (ctx, options) =>
    nonProsecutionRow(ctx, ctx.people.next(), { charge: ctx.rng.pick(NP_CHARGES.filter((c) => c !== '危险驾驶罪')), decidedOn: pastDate(ctx, 3), kind: ctx.rng.pick(['discretionary', 'insufficient_evidence', 'statutory'] as const) }, options),
  admin_penalties: (ctx, options) => smallPenalty(ctx, options),
  court_enforcement_filings: (ctx, options) => ordinaryFiling(ctx, options),
};

async function ordinary(ctx: PlantContext, count: number, row: (ctx: PlantContext) => void) {
  for (let i = 0; i < count; i++) {
    row(ctx);
    if (i % 5000 === 4999) await ctx.pump();
  }
}

export async function plantBackground(ctx: PlantContext) {
  const n = ctx.scale;
  // Owners of several properties or vehicles, as in the real registers.
  let properties = Math.round(4.9 * n);
  for (let owners = 1; properties > 0; owners++) {
    const [owner, options] = maybeMistyped(ctx, ctx.people.next(), 'owner_id_number', 0.003);
    const count = Math.min(properties, ctx.rng.weighted(PROPERTIES_PER_OWNER));
    for (let i = 0; i < count; i++) propertyRow(ctx, owner, { status: ctx.rng.chance(0.85) ? 'valid' : 'cancelled', registeredOn: pastDate(ctx, 25) }, options);
    properties -= count;
    if (owners % 5000 === 0) await ctx.pump();
  }
  await ordinary(ctx, Math.round(2.9 * n), (c) => {
    const [owner, options] = maybeMistyped(c, c.people.next(), 'owner_id_number', 0.002);
    vehicleRow(c, owner, { price: roundAmount(c.rng, 50_000, 450_000, 100), status: c.rng.chance(0.88) ? 'valid' : 'cancelled' }, options);
  });
  await ordinary(ctx, Math.round(0.97 * n), ORDINARY.business_registrations);
  await ordinary(ctx, Math.round(n / 20), ORDINARY.criminal_judgments);
  await ordinary(ctx, Math.max(5, Math.round(n / 100)), ORDINARY.non_prosecution_decisions);
  await ordinary(ctx, Math.max(5, Math.round(n / 40)), ORDINARY.detention_records);
  await ordinary(ctx, Math.max(5, Math.round(n / 40)), ORDINARY.death_records);
  await ordinary(ctx, Math.round(n / 2), (c) => {
    const [driver, options] = maybeMistyped(c, c.people.next(), 'id_number', 0.003);
    licenceRow(c, driver, c.rng.chance(0.93) ? 'valid' : 'cancelled', options);
  });
}

// ---------------------------------------------------------------------------------------------
// Malformed rows

interface Defect {
  column: string;
  raw: string | null;
  reason: string;
}

/** What can be wrong with a row of the kind, each with the reason the importer gives. */
function defectsOf(kind: KindDefinition): Defect[] {
  return kind.columns.flatMap((c): Defect[] => {
    const out: Defect[] = c.required ? [{ column: c.name, raw: null, reason: 'required' }] : [];
    if (c.type === 'date') out.push({ column: c.name, raw: '2025-02-30', reason: 'impossible_date' });
    if (c.type === 'month') out.push({ column: c.name, raw: '2025-13', reason: 'invalid_month' });
    if (c.type === 'enum') out.push({ column: c.name, raw: '待核实', reason: 'unknown_enum_value' });
    if (c.type === 'money') out.push({ column: c.name, raw: '约5万', reason: 'invalid_money' });
    if (c.type === 'decimal') out.push({ column: c.name, raw: '无', reason: 'invalid_decimal' });
    return out;
  });
}

/** Rows per tenant of each kind, roughly: sets how many malformed rows a file gets. */
const ROWS_PER_TENANT: Record<string, number> = {
  public_housing_tenants: 1,
  property_registrations: 5,
  vehicle_registrations: 3,
  business_registrations: 1,
  death_records: 0.1,
  detention_records: 0.05,
  utility_usage: 12,
  practitioners: 0.5,
  criminal_judgments: 0.1,
  social_benefit_payments: 1.5,
  driver_licenses: 0.6,
  non_prosecution_decisions: 0.03,
  admin_penalties: 0.1,
  court_enforcement_filings: 0.05,
};

export function plantMalformed(ctx: PlantContext, kinds: readonly string[]) {
  let k = 0;
  kinds.forEach((kindName, kindIndex) => {
    const defects = defectsOf(builtInKind(kindName)!);
    const reasons = [...new Set(defects.map((d) => d.reason))];
    const count = Math.max(1, Math.round((ROWS_PER_TENANT[kindName] * ctx.scale) / 800));
    for (let i = 0; i < count; i++, k++) {
      // Each kind goes through its kinds of defect in turn, starting at a different one.
      const reason = reasons[(i + kindIndex) % reasons.length];
      const defect = ctx.rng.pick(defects.filter((d) => d.reason === reason));
      if (kindName === 'public_housing_tenants') {
        const person = ctx.people.next();
        const leaseStart = pastDate(ctx, 5);
        const unit = ctx.ids.unit(ctx.scale + k);
        ctx.emit(
          kindName,
          {
            contract_no: ctx.ids.contractNo(yearOf(leaseStart), ctx.scale + k + 1),
            tenant_id_number: person.id,
            tenant_name: person.name,
            unit_id: unit.id,
            address: unit.address,
            lease_start: leaseStart,
            lease_end: shiftDays(addMonths(leaseStart, 36), -1),
            status: 'active',
          },
          { defect },
        );
      } else if (kindName === 'utility_usage') {
        // A meter no tenant lives behind.
        ctx.emit(kindName, { unit_id: ctx.ids.unit(ctx.scale + k).id, month: shiftMonth(ctx.asOfMonth, -ctx.rng.int(12)), kwh: String(ctx.rng.between(40, 300)) }, { defect });
      } else {
        ORDINARY[kindName](ctx, { defect });
      }
    }
  });
}
