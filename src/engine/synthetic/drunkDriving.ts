/**
 * Drunk drivers (危险驾驶罪), convicted or not prosecuted, and their driving licences
 * (DATA-SPEC §3.4). Normally the licence is revoked; the variants keep it valid, or come close.
 */
import { deal, type PlantContext, type Variant } from './context.js';
import { randomDate, shiftDays } from './days.js';
import { mistypedId, type Person } from './people.js';
import { judgmentRow, licenceRow, nonProsecutionRow, type Holder } from './rows.js';

const MODEL = 'drunk-driving-license';
const CHARGE = '危险驾驶罪';
const GRACE_DAYS = 30;

const pastDecision = (ctx: PlantContext) => randomDate(ctx.rng, shiftDays(ctx.asOf, -3 * 365), shiftDays(ctx.asOf, -GRACE_DAYS - 1));

function convicted(ctx: PlantContext, who: Holder, date = pastDecision(ctx), charge = CHARGE, invalid = false) {
  judgmentRow(ctx, who, { charge, date, sentence: 'criminal_detention' }, invalid ? { invalidIds: ['defendant_id_number'] } : { idNoise: ctx.linkNoise() });
}

function notProsecuted(ctx: PlantContext, who: Holder, date = pastDecision(ctx)) {
  // 酌定不起诉: a minor offence the procuratorate chose not to prosecute.
  nonProsecutionRow(ctx, who, { charge: CHARGE, decidedOn: date, kind: 'discretionary' }, { idNoise: ctx.linkNoise() });
}

const validLicence = (ctx: PlantContext, who: Holder) => licenceRow(ctx, who, 'valid', { idNoise: ctx.linkNoise() });
const hit = (ctx: PlantContext, p: Person) => ctx.truth.hit(MODEL, p.id, 'license-still-valid');
const miss = (ctx: PlantContext, key: string, why: string) => ctx.truth.nearMiss(MODEL, key, 'license-still-valid', why);

const variant = (name: string, share: number, min: number, plant: Variant<Person>['plant']): Variant<Person> => ({ name, share, min, plant });

const VARIANTS: Variant<Person>[] = [
  variant('convicted-licence-valid', 0.1, 2, (ctx, p) => {
    convicted(ctx, p);
    validLicence(ctx, p);
    hit(ctx, p);
  }),
  variant('not-prosecuted-licence-valid', 0.02, 1, (ctx, p) => {
    notProsecuted(ctx, p);
    validLicence(ctx, p);
    hit(ctx, p);
  }),
  variant('grace-period-just-over', 0.02, 1, (ctx, p) => {
    convicted(ctx, p, shiftDays(ctx.asOf, -GRACE_DAYS));
    validLicence(ctx, p);
    hit(ctx, p);
  }),
  variant('convicted-and-not-prosecuted-before', 0.02, 1, (ctx, p) => {
    notProsecuted(ctx, p, randomDate(ctx.rng, shiftDays(ctx.asOf, -6 * 365), shiftDays(ctx.asOf, -4 * 365)));
    convicted(ctx, p);
    validLicence(ctx, p);
    hit(ctx, p);
  }),
  variant('old-licence-cancelled-new-one-valid', 0.02, 1, (ctx, p) => {
    convicted(ctx, p);
    licenceRow(ctx, p, 'cancelled');
    validLicence(ctx, p);
    hit(ctx, p);
  }),

  variant('grace-period-not-over', 0.02, 1, (ctx, p) => {
    convicted(ctx, p, shiftDays(ctx.asOf, -GRACE_DAYS + 1));
    validLicence(ctx, p);
    miss(ctx, p.id, 'convicted 29 days before as_of, inside the grace period');
  }),
  variant('not-prosecuted-within-grace-period', 0.02, 1, (ctx, p) => {
    notProsecuted(ctx, p, shiftDays(ctx.asOf, -GRACE_DAYS + 1));
    validLicence(ctx, p);
    miss(ctx, p.id, 'not prosecuted 29 days before as_of, inside the grace period');
  }),
  variant('licence-cancelled', 0.02, 1, (ctx, p) => {
    convicted(ctx, p);
    licenceRow(ctx, p, 'cancelled', { idNoise: ctx.linkNoise() });
    miss(ctx, p.id, 'the licence is cancelled');
  }),
  variant('other-traffic-crime', 0.02, 1, (ctx, p) => {
    convicted(ctx, p, pastDecision(ctx), '交通肇事罪');
    validLicence(ctx, p);
    miss(ctx, p.id, 'convicted of 交通肇事罪, not dangerous driving');
  }),
  variant('no-licence-on-record', 0.02, 1, (ctx, p) => {
    notProsecuted(ctx, p);
    miss(ctx, p.id, 'no driving licence on record');
  }),
  variant('namesake-holds-a-licence', 0.02, 1, (ctx, p) => {
    convicted(ctx, p);
    licenceRow(ctx, p, 'revoked');
    licenceRow(ctx, ctx.people.namesake(p), 'valid');
    miss(ctx, p.id, 'own licence revoked; a namesake with another ID number holds a valid one');
  }),
  variant('licence-under-mistyped-id', 0.02, 1, (ctx, p) => {
    convicted(ctx, p);
    licenceRow(ctx, { id: mistypedId(p.id, ctx.rng), name: p.name }, 'valid', { invalidIds: ['id_number'] });
    miss(ctx, p.id, "the licence's ID number has a wrong check character (invalid IDs never match)");
  }),
  variant('convicted-under-mistyped-id', 0.02, 1, (ctx, p) => {
    const mistyped = mistypedId(p.id, ctx.rng);
    convicted(ctx, { id: mistyped, name: p.name }, pastDecision(ctx), CHARGE, true);
    validLicence(ctx, p);
    miss(ctx, mistyped, "the judgment's ID number has a wrong check character (invalid IDs never match)");
  }),
];

export async function plantDrunkDrivers(ctx: PlantContext) {
  const size = Math.max(40, Math.round(ctx.scale / 25));
  const slots = deal(ctx.rng.fork('drunk-driver-variants'), size, VARIANTS, 'drunk drivers');
  for (let i = 0; i < size; i++) {
    const p = ctx.people.next();
    if (slots[i] >= 0) VARIANTS[slots[i]].plant(ctx, p);
    else {
      // The law working: the licence was revoked.
      if (ctx.rng.chance(0.7)) convicted(ctx, p);
      else notProsecuted(ctx, p);
      licenceRow(ctx, p, 'revoked');
    }
    if (i % 1000 === 999) await ctx.pump();
  }
}
