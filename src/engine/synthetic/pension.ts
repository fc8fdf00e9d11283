/**
 * Pensioners, deaths and benefit payments (DATA-SPEC §3.3). Payments normally stop after the
 * month of death; the variants keep paying, or come close.
 */
import { deal, money, type PlantContext, type Variant } from './context.js';
import { lastDayOf, monthOf, randomDate, shiftDays, shiftMonth } from './days.js';
import { mistypedId, type Person } from './people.js';
import { deathRow, paymentRow, type Holder } from './rows.js';

const MODEL = 'pension-after-death';

interface Pensioner {
  person: Person;
  amount: string;
  death: string;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1;

/** Pension for every month from `from` to `to`, both included. */
function pay(ctx: PlantContext, who: Holder, amount: string, from: string, to: string, type: 'pension' | 'subsistence' = 'pension', linked = false) {
  for (let m = from; m <= to; m = shiftMonth(m, 1)) paymentRow(ctx, who, type, m, amount, linked ? { idNoise: ctx.linkNoise() } : undefined);
}

/** Paid for the half year up to and including the month of death, as it should be. */
const payUntilDeath = (ctx: PlantContext, p: Pensioner) => pay(ctx, p.person, p.amount, shiftMonth(monthOf(p.death), -5), monthOf(p.death));

const miss = (ctx: PlantContext, p: Pensioner, why: string) => ctx.truth.nearMiss(MODEL, p.person.id, 'paid-after-death', why);

const variant = (name: string, share: number, min: number, plant: Variant<Pensioner>['plant']): Variant<Pensioner> => ({ name, share, min, plant });

const VARIANTS: Variant<Pensioner>[] = [
  variant('paid-after-death', 0.2, 2, (ctx, p) => {
    p.death = randomDate(ctx.rng, shiftDays(ctx.asOf, -2 * 365), lastDayOf(shiftMonth(ctx.asOfMonth, -2)));
    payUntilDeath(ctx, p);
    const after = ctx.rng.between(1, Math.min(8, monthIndex(ctx.asOfMonth) - monthIndex(monthOf(p.death))));
    pay(ctx, p.person, p.amount, shiftMonth(monthOf(p.death), 1), shiftMonth(monthOf(p.death), after), 'pension', true);
    ctx.truth.hit(MODEL, p.person.id, 'paid-after-death');
  }),
  variant('paid-for-the-as-of-month', 0.05, 1, (ctx, p) => {
    const deathMonth = shiftMonth(ctx.asOfMonth, -1);
    p.death = randomDate(ctx.rng, `${deathMonth}-01`, lastDayOf(deathMonth));
    payUntilDeath(ctx, p);
    pay(ctx, p.person, p.amount, ctx.asOfMonth, ctx.asOfMonth, 'pension', true);
    ctx.truth.hit(MODEL, p.person.id, 'paid-after-death');
  }),
  variant('died-on-as-of-paid-that-month', 0.05, 1, (ctx, p) => {
    p.death = ctx.asOf;
    payUntilDeath(ctx, p);
    miss(ctx, p, 'died on as_of; paid for that month only, the month of death itself');
  }),
  variant('died-on-the-last-day-paid-that-month', 0.05, 1, (ctx, p) => {
    p.death = lastDayOf(shiftMonth(ctx.asOfMonth, -ctx.rng.between(2, 12)));
    payUntilDeath(ctx, p);
    miss(ctx, p, 'paid up to the month of death, which is allowed');
  }),
  variant('subsistence-after-death', 0.05, 1, (ctx, p) => {
    p.death = lastDayOf(shiftMonth(ctx.asOfMonth, -ctx.rng.between(4, 12)));
    payUntilDeath(ctx, p);
    pay(ctx, p.person, money(ctx.rng.between(1100, 1400)), shiftMonth(monthOf(p.death), 1), shiftMonth(monthOf(p.death), 3), 'subsistence');
    miss(ctx, p, 'subsistence benefit, not pension, was paid after death');
  }),
  variant('paid-after-the-as-of-month', 0.05, 1, (ctx, p) => {
    p.death = randomDate(ctx.rng, `${ctx.asOfMonth}-01`, ctx.asOf);
    payUntilDeath(ctx, p);
    pay(ctx, p.person, p.amount, shiftMonth(ctx.asOfMonth, 1), shiftMonth(ctx.asOfMonth, 1));
    miss(ctx, p, 'the only payment after death is for the month after as_of');
  }),
  variant('namesake-still-paid', 0.05, 1, (ctx, p) => {
    p.death = randomDate(ctx.rng, shiftDays(ctx.asOf, -2 * 365), shiftDays(ctx.asOf, -60));
    payUntilDeath(ctx, p);
    const namesake = ctx.people.namesake(p.person, 'elder');
    pay(ctx, namesake, p.amount, shiftMonth(ctx.asOfMonth, -11), ctx.asOfMonth);
    miss(ctx, p, 'a living namesake with another ID number is paid');
  }),
  variant('paid-under-mistyped-id', 0.05, 1, (ctx, p) => {
    p.death = lastDayOf(shiftMonth(ctx.asOfMonth, -ctx.rng.between(4, 12)));
    payUntilDeath(ctx, p);
    const mistyped = { id: mistypedId(p.person.id, ctx.rng), name: p.person.name };
    for (let i = 1; i <= 3; i++) paymentRow(ctx, mistyped, 'pension', shiftMonth(monthOf(p.death), i), p.amount, { invalidIds: ['id_number'] });
    miss(ctx, p, "paid after death under an ID number with a wrong check character (invalid IDs never match)");
  }),
];

const pensionAmount = (ctx: PlantContext) => money(ctx.rng.between(220_000, 680_000) / 100);

export async function plantPensions(ctx: PlantContext) {
  // The living: paid every month of the year up to as_of.
  const living = Math.max(20, Math.round(ctx.scale / 10));
  for (let i = 0; i < living; i++) {
    pay(ctx, ctx.people.next('elder'), pensionAmount(ctx), shiftMonth(ctx.asOfMonth, -11), ctx.asOfMonth);
    if (i % 1000 === 999) await ctx.pump();
  }
  // The dead, whose death records are the model's subjects.
  const dead = Math.max(30, Math.round(ctx.scale / 20));
  const slots = deal(ctx.rng.fork('pensioner-variants'), dead, VARIANTS, 'deceased pensioners');
  for (let i = 0; i < dead; i++) {
    const p: Pensioner = { person: ctx.people.next('elder'), amount: pensionAmount(ctx), death: '' };
    if (slots[i] >= 0) VARIANTS[slots[i]].plant(ctx, p);
    else {
      p.death = randomDate(ctx.rng, shiftDays(ctx.asOf, -3 * 365), shiftDays(ctx.asOf, -40));
      payUntilDeath(ctx, p);
    }
    deathRow(ctx, p.person, p.death, { idNoise: ctx.linkNoise() });
    if (i % 1000 === 999) await ctx.pump();
  }
  // Other benefits, which the model must leave alone.
  const others = Math.max(10, Math.round(ctx.scale / 100));
  for (let i = 0; i < others; i++) {
    pay(ctx, ctx.people.next(), money(ctx.rng.between(1800, 2400)), shiftMonth(ctx.asOfMonth, -5), ctx.asOfMonth, 'subsistence');
    const unemployed = ctx.people.next();
    for (let m = 0; m < 6; m++) paymentRow(ctx, unemployed, 'unemployment', shiftMonth(ctx.asOfMonth, -8 + m), money(2324));
  }
}
