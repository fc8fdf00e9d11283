/**
 * Public-housing tenants (DATA-SPEC §3.1) and what links to them: properties, vehicles,
 * companies, deaths, custody and electricity use. Each tenant gets at most one planted variant
 * (a hit, a near miss, or both for different rules); everyone else is an ordinary tenant.
 */
import { deal, money, roundAmount, type PlantContext, type Variant } from './context.js';
import { addMonths, randomDate, shiftDays, shiftMonth, yearOf } from './days.js';
import type { Unit } from './identifiers.js';
import { mistypedId, type Person } from './people.js';
import { companyRow, deathRow, detentionRow, largeCapital, propertyRow, smallCapital, vehicleRow } from './rows.js';

const MODEL = 'public-housing-misuse';
const VEHICLE_THRESHOLD = 150_000;
const CAPITAL_THRESHOLD = 1_000_000;

interface Tenant {
  n: number;
  person: Person;
  unit: Unit;
  leaseStart: string;
  leaseEnd: string | null;
  status: 'active' | 'terminated';
  /** month → kWh, months before the window included; empty when the utility data does not
   * cover the unit at all. */
  usage: Map<string, number>;
}

const contractNo = (ctx: PlantContext, t: Tenant) => ctx.ids.contractNo(yearOf(t.leaseStart), t.n);

/** Why the tenant is not a subject of the model, or null when it is. */
function exclusion(ctx: PlantContext, t: Tenant): string | null {
  if (t.status !== 'active') return 'the tenant has moved out';
  if (t.leaseStart > ctx.asOf) return 'the lease starts after as_of';
  return null;
}

/** A planted violation: a hit when the tenant is a subject, a near miss otherwise. */
function hit(ctx: PlantContext, t: Tenant, rule: string, what: string) {
  const excluded = exclusion(ctx, t);
  if (excluded) ctx.truth.nearMiss(MODEL, contractNo(ctx, t), rule, `${what}, but ${excluded}`);
  else ctx.truth.hit(MODEL, contractNo(ctx, t), rule);
}

const miss = (ctx: PlantContext, t: Tenant, rule: string, why: string) => ctx.truth.nearMiss(MODEL, contractNo(ctx, t), rule, why);

const pastDate = (ctx: PlantContext, years: number) => randomDate(ctx.rng, shiftDays(ctx.asOf, -Math.round(years * 365)), shiftDays(ctx.asOf, -30));

// ---------------------------------------------------------------------------------------------
// Planting helpers, one rule each

function ownsProperty(ctx: PlantContext, t: Tenant, registeredOn = pastDate(ctx, 15)) {
  propertyRow(ctx, t.person, { status: 'valid', registeredOn }, { idNoise: ctx.linkNoise() });
  hit(ctx, t, 'owns-property', `owns a valid property registered ${registeredOn}`);
}

function ownsVehicle(ctx: PlantContext, t: Tenant, price = roundAmount(ctx.rng, VEHICLE_THRESHOLD, 600_000, 100)) {
  vehicleRow(ctx, t.person, { price, status: 'valid' }, { idNoise: ctx.linkNoise() });
  hit(ctx, t, 'owns-vehicle', `owns a vehicle bought for ${price}`);
}

function runsCompany(ctx: PlantContext, t: Tenant, capital = largeCapital(ctx)) {
  companyRow(ctx, t.person, { capital, status: 'active' }, { idNoise: ctx.linkNoise() });
  hit(ctx, t, 'runs-company', `represents an active company with capital ${capital}`);
}

function died(ctx: PlantContext, t: Tenant, date = randomDate(ctx.rng, shiftDays(ctx.asOf, -3 * 365), shiftDays(ctx.asOf, -1))) {
  deathRow(ctx, t.person, date, { idNoise: ctx.linkNoise() });
  hit(ctx, t, 'deceased', `died ${date}`);
}

function held(ctx: PlantContext, t: Tenant, kind: 'detention' | 'imprisonment', start: string, end: string | null, days: number) {
  detentionRow(ctx, t.person, kind, start, end, { idNoise: ctx.linkNoise() });
  hit(ctx, t, 'detained', `held ${days} days within the window`);
}

/** Ordinary household consumption for a month: more in winter and summer, never near empty. */
function normalUse(ctx: PlantContext, base: number, month: string): number {
  const m = Number(month.slice(5));
  const season = [1, 2, 7, 8, 12].includes(m) ? 1.35 : 1;
  return Math.round(base * season * (0.85 + ctx.rng.next() * 0.3) * 10) / 10;
}

const lowUse = (ctx: PlantContext) => ctx.rng.int(100) / 10;

const WINDOWS = new Map<string, readonly string[]>();

/** The 12 months ending with the month of as_of. */
function windowMonths(ctx: PlantContext): readonly string[] {
  let months = WINDOWS.get(ctx.asOfMonth);
  if (!months) WINDOWS.set(ctx.asOfMonth, (months = Array.from({ length: 12 }, (_, i) => shiftMonth(ctx.asOfMonth, i - 11))));
  return months;
}

function normalUsage(ctx: PlantContext, months: readonly string[]): Map<string, number> {
  const base = ctx.rng.between(60, 260);
  return new Map(months.map((m) => [m, normalUse(ctx, base, m)]));
}

/** `low` window months below the vacancy limit and `missing` without a reading, the rest in use. */
function vacantUsage(ctx: PlantContext, low: number, missing: number, atLimit = 0): Map<string, number> {
  const months = windowMonths(ctx);
  const usage = normalUsage(ctx, months);
  const picked = [...months];
  ctx.rng.shuffle(picked);
  picked.slice(0, low).forEach((m) => usage.set(m, lowUse(ctx)));
  picked.slice(low, low + missing).forEach((m) => usage.delete(m));
  // Exactly at the limit is not below it.
  picked.slice(low + missing, low + missing + atLimit).forEach((m) => usage.set(m, 10));
  return usage;
}

function vacant(ctx: PlantContext, t: Tenant, usage: Map<string, number>, what: string) {
  t.usage = usage;
  hit(ctx, t, 'vacant', what);
}

// ---------------------------------------------------------------------------------------------

const variant = (name: string, share: number, min: number, plant: Variant<Tenant>['plant']): Variant<Tenant> => ({ name, share, min, plant });

const VARIANTS: Variant<Tenant>[] = [
  // Hits
  variant('owns-property', 0.008, 2, (ctx, t) => ownsProperty(ctx, t)),
  variant('owns-property-registered-on-as-of', 0.003, 1, (ctx, t) => ownsProperty(ctx, t, ctx.asOf)),
  variant('owns-vehicle', 0.006, 2, (ctx, t) => ownsVehicle(ctx, t)),
  variant('owns-vehicle-at-threshold', 0.002, 1, (ctx, t) => ownsVehicle(ctx, t, money(VEHICLE_THRESHOLD))),
  variant('runs-company', 0.005, 2, (ctx, t) => runsCompany(ctx, t)),
  variant('runs-company-at-threshold', 0.002, 1, (ctx, t) => runsCompany(ctx, t, money(CAPITAL_THRESHOLD))),
  variant('deceased', 0.004, 1, (ctx, t) => died(ctx, t)),
  variant('deceased-on-as-of', 0.002, 1, (ctx, t) => died(ctx, t, ctx.asOf)),
  variant('detained-180-days-still-held', 0.002, 1, (ctx, t) => held(ctx, t, 'detention', shiftDays(ctx.asOf, -179), null, 180)),
  variant('detained-180-days-released', 0.002, 1, (ctx, t) =>
    held(ctx, t, 'imprisonment', shiftDays(ctx.windowStart, -ctx.rng.between(100, 700)), shiftDays(ctx.windowStart, 179), 180),
  ),
  variant('detained-200-days-inside-window', 0.002, 1, (ctx, t) => {
    const start = shiftDays(ctx.windowStart, ctx.rng.between(0, 160));
    held(ctx, t, 'detention', start, shiftDays(start, 199), 200);
  }),
  variant('vacant-low-use', 0.008, 2, (ctx, t) => {
    const low = ctx.rng.between(6, 11);
    vacant(ctx, t, vacantUsage(ctx, low, 0), `${low} months below 10 kWh`);
  }),
  variant('vacant-low-and-missing-months', 0.003, 1, (ctx, t) => vacant(ctx, t, vacantUsage(ctx, 3, 3), '3 months below 10 kWh and 3 without a reading')),
  variant('vacant-readings-stopped', 0.002, 1, (ctx, t) =>
    vacant(ctx, t, normalUsage(ctx, windowMonths(ctx).map((m) => shiftMonth(m, -12))), 'readings stop a year before as_of'),
  ),
  variant('property-and-vacant', 0.003, 1, (ctx, t) => {
    ownsProperty(ctx, t);
    vacant(ctx, t, vacantUsage(ctx, 8, 2), '8 months below 10 kWh and 2 without a reading');
  }),
  variant('deceased-and-vacant', 0.002, 1, (ctx, t) => {
    died(ctx, t);
    vacant(ctx, t, vacantUsage(ctx, 7, 0), '7 months below 10 kWh');
  }),
  variant('vehicle-and-company', 0.002, 1, (ctx, t) => {
    ownsVehicle(ctx, t);
    runsCompany(ctx, t);
  }),
  variant('lease-starts-on-as-of-and-owns-property', 0.001, 1, (ctx, t) => {
    t.leaseStart = ctx.asOf;
    t.leaseEnd = shiftDays(addMonths(ctx.asOf, 36), -1);
    ownsProperty(ctx, t);
  }),

  // Near misses
  variant('property-cancelled', 0.004, 1, (ctx, t) => {
    propertyRow(ctx, t.person, { status: 'cancelled', registeredOn: pastDate(ctx, 20) }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-property', 'the property registration is cancelled');
  }),
  variant('property-registered-after-as-of', 0.002, 1, (ctx, t) => {
    propertyRow(ctx, t.person, { status: 'valid', registeredOn: shiftDays(ctx.asOf, 1) }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-property', 'the property is registered the day after as_of');
  }),
  variant('property-of-namesake', 0.003, 1, (ctx, t) => {
    propertyRow(ctx, ctx.people.namesake(t.person), { status: 'valid', registeredOn: pastDate(ctx, 10) });
    miss(ctx, t, 'owns-property', 'a namesake with another ID number owns a valid property');
  }),
  variant('property-under-mistyped-id', 0.002, 1, (ctx, t) => {
    propertyRow(ctx, { id: mistypedId(t.person.id, ctx.rng), name: t.person.name }, { status: 'valid', registeredOn: pastDate(ctx, 10) }, { invalidIds: ['owner_id_number'] });
    miss(ctx, t, 'owns-property', "the owner's ID number has a wrong check character (invalid IDs never match)");
  }),
  variant('vehicle-just-under-threshold', 0.003, 1, (ctx, t) => {
    vehicleRow(ctx, t.person, { price: money(VEHICLE_THRESHOLD - 0.01), status: 'valid' }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-vehicle', 'the vehicle cost 149999.99, one cent under the threshold');
  }),
  variant('vehicle-cancelled', 0.002, 1, (ctx, t) => {
    vehicleRow(ctx, t.person, { price: roundAmount(ctx.rng, 200_000, 500_000, 1000), status: 'cancelled' }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-vehicle', 'the expensive vehicle is cancelled (scrapped)');
  }),
  variant('company-just-under-threshold', 0.002, 1, (ctx, t) => {
    companyRow(ctx, t.person, { capital: money(CAPITAL_THRESHOLD - 0.01), status: 'active' }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'runs-company', 'registered capital 999999.99, one cent under the threshold');
  }),
  variant('company-revoked', 0.002, 1, (ctx, t) => {
    companyRow(ctx, t.person, { capital: largeCapital(ctx), status: ctx.rng.pick(['revoked', 'cancelled'] as const) }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'runs-company', 'the well-capitalised company is revoked or cancelled');
  }),
  variant('death-after-as-of', 0.001, 1, (ctx, t) => {
    deathRow(ctx, t.person, shiftDays(ctx.asOf, 1), { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'deceased', 'died the day after as_of');
  }),
  variant('death-of-namesake', 0.002, 1, (ctx, t) => {
    deathRow(ctx, ctx.people.namesake(t.person), pastDate(ctx, 2));
    miss(ctx, t, 'deceased', 'a namesake with another ID number died');
  }),
  variant('detained-179-days', 0.002, 1, (ctx, t) => {
    detentionRow(ctx, t.person, 'detention', shiftDays(ctx.asOf, -178), null, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'detained', 'held 179 days within the window, one short');
  }),
  variant('released-the-day-before-the-window', 0.002, 1, (ctx, t) => {
    detentionRow(ctx, t.person, 'imprisonment', shiftDays(ctx.windowStart, -ctx.rng.between(200, 900)), shiftDays(ctx.windowStart, -1), { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'detained', 'a long imprisonment that ended the day before the window');
  }),
  variant('detained-twice-100-days', 0.002, 1, (ctx, t) => {
    detentionRow(ctx, t.person, 'detention', shiftDays(ctx.windowStart, 10), shiftDays(ctx.windowStart, 109));
    detentionRow(ctx, t.person, 'detention', shiftDays(ctx.windowStart, 200), shiftDays(ctx.windowStart, 299));
    miss(ctx, t, 'detained', 'two stays of 100 days: no single record reaches 180');
  }),
  variant('five-empty-months', 0.003, 1, (ctx, t) => {
    t.usage = vacantUsage(ctx, 5, 0, 2);
    miss(ctx, t, 'vacant', '5 months below 10 kWh and 2 at exactly 10');
  }),
  variant('empty-before-the-window', 0.002, 1, (ctx, t) => {
    t.usage = normalUsage(ctx, windowMonths(ctx));
    for (let i = 12; i < 18; i++) t.usage.set(shiftMonth(ctx.asOfMonth, -i), lowUse(ctx));
    miss(ctx, t, 'vacant', 'six empty months, all before the 12-month window');
  }),
  variant('no-utility-data', 0.002, 1, (ctx, t) => {
    t.usage = new Map();
    miss(ctx, t, 'vacant', 'the utility data does not cover the unit (a coverage gap, not a vacancy)');
  }),

  // Would fire, but the tenant is not a subject
  variant('moved-out-owner-of-an-empty-flat', 0.003, 1, (ctx, t) => {
    t.status = 'terminated';
    const earliest = shiftDays(t.leaseStart, 365);
    t.leaseEnd = randomDate(ctx.rng, earliest > shiftDays(ctx.asOf, -700) ? earliest : shiftDays(ctx.asOf, -700), shiftDays(ctx.asOf, -30));
    ownsProperty(ctx, t);
    vacant(ctx, t, vacantUsage(ctx, 9, 3), 'no use since moving out');
  }),
  variant('lease-not-started-owner', 0.002, 1, (ctx, t) => {
    t.leaseStart = shiftDays(ctx.asOf, ctx.rng.between(1, 30));
    t.leaseEnd = shiftDays(addMonths(t.leaseStart, 36), -1);
    ownsProperty(ctx, t);
    ownsVehicle(ctx, t);
  }),

  // A hit beside a near miss of another rule
  variant('property-and-cheap-vehicle', 0.003, 1, (ctx, t) => {
    ownsProperty(ctx, t);
    vehicleRow(ctx, t.person, { price: roundAmount(ctx.rng, 60_000, 149_000, 100), status: 'valid' }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-vehicle', 'owns a valid vehicle under the price threshold');
  }),
  variant('company-and-cancelled-property', 0.002, 1, (ctx, t) => {
    runsCompany(ctx, t);
    propertyRow(ctx, t.person, { status: 'cancelled', registeredOn: pastDate(ctx, 12) }, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'owns-property', 'the property registration is cancelled');
  }),
  variant('vacant-and-detained-179-days', 0.001, 1, (ctx, t) => {
    vacant(ctx, t, vacantUsage(ctx, 6, 0), '6 months below 10 kWh');
    detentionRow(ctx, t.person, 'detention', shiftDays(ctx.asOf, -178), null, { idNoise: ctx.linkNoise() });
    miss(ctx, t, 'detained', 'held 179 days within the window, one short');
  }),
];

/** Records of tenants that no rule is interested in, as registers are full of them. */
function ordinaryRecords(ctx: PlantContext, t: Tenant) {
  if (ctx.rng.chance(0.08)) vehicleRow(ctx, t.person, { price: roundAmount(ctx.rng, 40_000, 140_000, 100), status: 'valid' });
  if (ctx.rng.chance(0.03)) propertyRow(ctx, t.person, { status: 'cancelled', registeredOn: pastDate(ctx, 25) });
  if (ctx.rng.chance(0.015)) companyRow(ctx, t.person, { capital: smallCapital(ctx), status: 'active' });
}

function emitTenant(ctx: PlantContext, t: Tenant) {
  ctx.emit('public_housing_tenants', {
    contract_no: contractNo(ctx, t),
    tenant_id_number: t.person.id,
    tenant_name: t.person.name,
    unit_id: t.unit.id,
    address: t.unit.address,
    lease_start: t.leaseStart,
    lease_end: t.leaseEnd,
    status: t.status,
  });
  for (const [month, kwh] of [...t.usage].sort(([a], [b]) => (a < b ? -1 : 1))) {
    ctx.emit('utility_usage', { unit_id: t.unit.id, month, kwh: String(kwh) });
  }
}

/** The end of the three-year term running on as_of (contracts are renewed every three years);
 * some registers leave it empty. */
function termEnd(ctx: PlantContext, leaseStart: string): string | null {
  if (ctx.rng.chance(0.2)) return null;
  let end = addMonths(leaseStart, 36);
  while (end <= ctx.asOf) end = addMonths(end, 36);
  return shiftDays(end, -1);
}

export async function plantTenants(ctx: PlantContext) {
  const slots = deal(ctx.rng.fork('tenant-variants'), ctx.scale, VARIANTS, 'tenants');
  for (let n = 0; n < ctx.scale; n++) {
    const leaseStart = randomDate(ctx.rng, shiftDays(ctx.asOf, -12 * 365), shiftDays(ctx.asOf, -400));
    const t: Tenant = {
      n: n + 1,
      person: ctx.people.next(),
      unit: ctx.ids.unit(n),
      leaseStart,
      leaseEnd: termEnd(ctx, leaseStart),
      status: 'active',
      // Some units are not in the utility company's data at all.
      usage: ctx.rng.chance(0.04) ? new Map() : normalUsage(ctx, windowMonths(ctx)),
    };
    if (slots[n] >= 0) VARIANTS[slots[n]].plant(ctx, t);
    ordinaryRecords(ctx, t);
    emitTenant(ctx, t);
    if (n % 1000 === 999) await ctx.pump();
  }
}
