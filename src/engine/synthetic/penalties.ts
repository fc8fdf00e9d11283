/**
 * Administrative penalties and whether they were transferred to the police (DATA-SPEC §3.5).
 */
import { deal, money, roundAmount, type PlantContext, type RowOptions, type Variant } from './context.js';
import { randomDate, shiftDays, yearOf } from './days.js';

const MODEL = 'penalty-not-transferred';

type Code = 'counterfeit_goods' | 'illegal_business' | 'trademark_counterfeiting' | 'tax_evasion' | 'other';

const THRESHOLDS: Record<Exclude<Code, 'other'>, number> = { counterfeit_goods: 50_000, illegal_business: 50_000, trademark_counterfeiting: 50_000, tax_evasion: 100_000 };

const AGENCIES: Record<Code, [string, string][]> = {
  counterfeit_goods: [['北京市朝阳区市场监督管理局', '京朝市监罚']],
  trademark_counterfeiting: [['北京市朝阳区市场监督管理局', '京朝市监罚']],
  illegal_business: [['北京市朝阳区市场监督管理局', '京朝市监罚'], ['北京市朝阳区烟草专卖局', '京朝烟罚'], ['北京市朝阳区文化市场综合执法大队', '京朝文执罚']],
  tax_evasion: [['国家税务总局北京市朝阳区税务局', '京朝税稽罚']],
  other: [['北京市朝阳区市场监督管理局', '京朝市监罚'], ['北京市朝阳区城市管理综合行政执法监察局', '京朝城管罚']],
};

interface Penalty {
  code: Code;
  amount: string | null;
  decidedOn: string;
  transferred: 'yes' | 'no';
}

/** Writes the penalty and returns its decision number (the subject key). */
function emitPenalty(ctx: PlantContext, p: Penalty, options?: RowOptions): string {
  const [agency, prefix] = ctx.rng.pick(AGENCIES[p.code]);
  const decisionNo = ctx.ids.penaltyNo(prefix, yearOf(p.decidedOn));
  const person = ctx.rng.chance(0.3) ? ctx.people.next() : null;
  const fine = p.amount === null ? money(ctx.rng.between(5, 200) * 100) : money(Math.max(500, Math.round((Number(p.amount) * ctx.rng.between(50, 300)) / 100 / 100) * 100));
  ctx.emit('admin_penalties', {
    decision_no: decisionNo,
    agency,
    party_id: person ? person.id : ctx.ids.uscc(),
    party_name: person ? person.name : ctx.ids.companyName(),
    violation_code: p.code,
    amount_involved: p.amount,
    fine,
    decided_on: p.decidedOn,
    transferred: p.transferred,
    // Paid: these cases are for penalty-not-transferred; unpaid ones are nonLitigationEnforcement.ts's.
    performed: 'yes',
  }, options);
  return decisionNo;
}

const pastDecision = (ctx: PlantContext) => randomDate(ctx.rng, shiftDays(ctx.asOf, -3 * 365), shiftDays(ctx.asOf, -1));

/** An ordinary small case. */
export function smallPenalty(ctx: PlantContext, options?: RowOptions) {
  const code = ctx.rng.weighted<Code>([['counterfeit_goods', 3], ['illegal_business', 2], ['trademark_counterfeiting', 1], ['tax_evasion', 1], ['other', 3]]);
  emitPenalty(ctx, { code, amount: roundAmount(ctx.rng, 500, 30_000, 100), decidedOn: pastDecision(ctx), transferred: ctx.rng.chance(0.05) ? 'yes' : 'no' }, options);
}

const thresholdCode = (ctx: PlantContext) => ctx.rng.pick(['counterfeit_goods', 'illegal_business', 'trademark_counterfeiting', 'tax_evasion'] as const);

function over(ctx: PlantContext, code: Exclude<Code, 'other'>, amount: string) {
  ctx.truth.hit(MODEL, emitPenalty(ctx, { code, amount, decidedOn: pastDecision(ctx), transferred: 'no' }), 'over-threshold');
}

function miss(ctx: PlantContext, p: Penalty, why: string) {
  ctx.truth.nearMiss(MODEL, emitPenalty(ctx, p), 'over-threshold', why);
}

const variant = (name: string, share: number, min: number, plant: Variant<null>['plant']): Variant<null> => ({ name, share, min, plant });

const VARIANTS: Variant<null>[] = [
  variant('over-threshold', 0.12, 2, (ctx) => {
    const code = thresholdCode(ctx);
    over(ctx, code, roundAmount(ctx.rng, THRESHOLDS[code], THRESHOLDS[code] * 20, 100));
  }),
  variant('exactly-at-threshold', 0.03, 1, (ctx) => over(ctx, ctx.rng.pick(['counterfeit_goods', 'illegal_business', 'trademark_counterfeiting'] as const), money(50_000))),
  variant('tax-evasion-at-threshold', 0.02, 1, (ctx) => over(ctx, 'tax_evasion', money(100_000))),

  variant('one-cent-under-threshold', 0.03, 1, (ctx) =>
    miss(ctx, { code: 'counterfeit_goods', amount: money(49_999.99), decidedOn: pastDecision(ctx), transferred: 'no' }, '49999.99, one cent under the threshold'),
  ),
  variant('tax-evasion-under-threshold', 0.02, 1, (ctx) =>
    miss(ctx, { code: 'tax_evasion', amount: money(99_999.99), decidedOn: pastDecision(ctx), transferred: 'no' }, 'tax evasion of 99999.99, under its own threshold of 100000'),
  ),
  variant('other-violation-large-amount', 0.03, 1, (ctx) =>
    miss(ctx, { code: 'other', amount: roundAmount(ctx.rng, 1_000_000, 9_000_000, 1000), decidedOn: pastDecision(ctx), transferred: 'no' }, 'violation type "other" has no threshold'),
  ),
  variant('transferred', 0.03, 1, (ctx) => {
    const code = thresholdCode(ctx);
    miss(ctx, { code, amount: roundAmount(ctx.rng, THRESHOLDS[code] * 2, THRESHOLDS[code] * 10, 100), decidedOn: pastDecision(ctx), transferred: 'yes' }, 'over the threshold but transferred to the police');
  }),
  variant('decided-after-as-of', 0.02, 1, (ctx) =>
    miss(ctx, { code: 'illegal_business', amount: money(120_000), decidedOn: shiftDays(ctx.asOf, 1), transferred: 'no' }, 'decided the day after as_of'),
  ),
  variant('amount-not-recorded', 0.02, 1, (ctx) =>
    miss(ctx, { code: 'trademark_counterfeiting', amount: null, decidedOn: pastDecision(ctx), transferred: 'no' }, 'no amount involved on record'),
  ),
];

export async function plantPenalties(ctx: PlantContext) {
  const size = Math.max(40, Math.round(ctx.scale / 10));
  const slots = deal(ctx.rng.fork('penalty-variants'), size, VARIANTS, 'administrative penalties');
  for (let i = 0; i < size; i++) {
    if (slots[i] >= 0) VARIANTS[slots[i]].plant(ctx, null);
    // Most cases are small: well under any threshold, or of type "other".
    else smallPenalty(ctx);
    if (i % 1000 === 999) await ctx.pump();
  }
}
