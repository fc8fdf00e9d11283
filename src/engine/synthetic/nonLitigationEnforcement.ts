/**
 * Unpaid fines and the court's register of non-litigation enforcement applications (行政非诉执行,
 * docs/models.md): agencies that never applied, applied after their window, applied on its last
 * day or in time, and penalties that are paid, fine-free or still inside their window.
 *
 * The window of a decision: decided_on + 6 months (suit), then + 3 months (application). The
 * penalties planted here are all under the prosecution thresholds (or of type "other"), so they
 * never touch penalty-not-transferred.
 */
import { deal, money, roundAmount, type PlantContext, type RowOptions, type Variant } from './context.js';
import { addMonths, randomDate, shiftDays, yearOf } from './days.js';

const MODEL = 'non-litigation-enforcement';
const SUIT_MONTHS = 6;
const APPLICATION_MONTHS = 3;
const COURT = '北京市朝阳区人民法院';

/** Agencies that must ask the court to enforce their fines, with their decision prefixes. */
const AGENCIES: [string, string][] = [
  ['北京市朝阳区市场监督管理局', '京朝市监罚'],
  ['北京市朝阳区城市管理综合行政执法监察局', '京朝城管罚'],
];
/** Agencies whose penalties are not in the shared data: their filings link to nothing. */
const OTHER_AGENCIES: [string, string][] = [
  ['北京市朝阳区应急管理局', '京朝应急罚'],
  ['北京市朝阳区人力资源和社会保障局', '京朝人社监罚'],
];

/** The last day on which the agency could apply (months one after the other, as the model shifts them). */
export const lastDayToApply = (decidedOn: string) => addMonths(addMonths(decidedOn, SUIT_MONTHS), APPLICATION_MONTHS);

/** The latest decision date whose last day to apply is on or before `day`. */
function latestDecisionWithLastDayBy(day: string): string {
  let d = addMonths(day, -(SUIT_MONTHS + APPLICATION_MONTHS));
  while (lastDayToApply(d) > day) d = shiftDays(d, -1);
  while (lastDayToApply(shiftDays(d, 1)) <= day) d = shiftDays(d, 1);
  return d;
}

interface Penalty {
  decidedOn: string;
  fine: string | null;
  performed: 'yes' | 'no';
}

interface Planted {
  decisionNo: string;
  decidedOn: string;
  agency: string;
  party: { id: string; name: string };
}

function emitPenalty(ctx: PlantContext, p: Penalty, options?: RowOptions): Planted {
  const [agency, prefix] = ctx.rng.pick(AGENCIES);
  const decisionNo = ctx.ids.penaltyNo(prefix, yearOf(p.decidedOn));
  const person = ctx.rng.chance(0.4) ? ctx.people.next() : null;
  const party = person ? { id: person.id, name: person.name } : { id: ctx.ids.uscc(), name: ctx.ids.companyName() };
  const other = ctx.rng.chance(0.6);
  ctx.emit(
    'admin_penalties',
    {
      decision_no: decisionNo,
      agency,
      party_id: party.id,
      party_name: party.name,
      violation_code: other ? 'other' : 'counterfeit_goods',
      // Under every prosecution threshold: none of these is a penalty-not-transferred case.
      amount_involved: other ? null : roundAmount(ctx.rng, 2_000, 40_000, 100),
      fine: p.fine,
      decided_on: p.decidedOn,
      transferred: 'no',
      performed: p.performed,
    },
    options,
  );
  return { decisionNo, decidedOn: p.decidedOn, agency, party };
}

type Ruling = 'granted' | 'refused' | 'pending' | 'withdrawn';

function emitFiling(ctx: PlantContext, planted: Planted, filedOn: string, ruling?: Ruling) {
  const r = ruling ?? ctx.rng.weighted<Ruling>([['granted', 7], ['pending', 2], ['refused', 1]]);
  const ruledOn = r === 'pending' ? null : shiftDays(filedOn, ctx.rng.between(7, 30));
  ctx.emit('court_enforcement_filings', {
    filing_no: ctx.ids.enforcementFilingNo(yearOf(filedOn)),
    court: COURT,
    applicant_agency: planted.agency,
    penalty_decision_no: planted.decisionNo,
    respondent_id: planted.party.id,
    respondent_name: planted.party.name,
    filed_on: filedOn,
    ruling: r,
    // A ruling is not on record before it is made.
    ruled_on: ruledOn !== null && ruledOn <= ctx.asOf ? ruledOn : null,
  });
}

const fine = (ctx: PlantContext) => money(ctx.rng.between(2, 500) * 100);

/** An unpaid fine whose window closed at least `days` days before as_of (and at most three years ago). */
function closedDecision(ctx: PlantContext, minDaysClosed = 1): string {
  const latest = latestDecisionWithLastDayBy(shiftDays(ctx.asOf, -minDaysClosed));
  return randomDate(ctx.rng, shiftDays(ctx.asOf, -3 * 365), latest);
}

const unpaid = (ctx: PlantContext, decidedOn: string): Penalty => ({ decidedOn, fine: fine(ctx), performed: 'no' });

function hit(ctx: PlantContext, planted: Planted, rule: 'never-applied' | 'applied-late') {
  ctx.truth.hit(MODEL, planted.decisionNo, rule);
}

const variant = (name: string, share: number, min: number, plant: Variant<null>['plant']): Variant<null> => ({ name, share, min, plant });

const VARIANTS: Variant<null>[] = [
  variant('never-applied', 0.1, 2, (ctx) => hit(ctx, emitPenalty(ctx, unpaid(ctx, closedDecision(ctx))), 'never-applied')),
  variant('never-applied-window-closed-yesterday', 0.03, 1, (ctx) =>
    hit(ctx, emitPenalty(ctx, unpaid(ctx, latestDecisionWithLastDayBy(shiftDays(ctx.asOf, -1)))), 'never-applied'),
  ),
  variant('never-applied-filing-for-another-decision', 0.03, 1, (ctx) => {
    // The same agency applied for an earlier decision in time; this one has nothing.
    const earlier = emitPenalty(ctx, unpaid(ctx, closedDecision(ctx, 200)));
    emitFiling(ctx, earlier, shiftDays(addMonths(earlier.decidedOn, SUIT_MONTHS), ctx.rng.between(1, 60)));
    hit(ctx, emitPenalty(ctx, unpaid(ctx, closedDecision(ctx))), 'never-applied');
  }),
  variant('applied-late', 0.08, 2, (ctx) => {
    const decidedOn = closedDecision(ctx, 40);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    const last = lastDayToApply(decidedOn);
    emitFiling(ctx, planted, randomDate(ctx.rng, shiftDays(last, 2), ctx.asOf > shiftDays(last, 180) ? shiftDays(last, 180) : ctx.asOf), ctx.rng.chance(0.5) ? 'refused' : undefined);
    hit(ctx, planted, 'applied-late');
  }),
  variant('applied-one-day-late', 0.03, 1, (ctx) => {
    const decidedOn = closedDecision(ctx, 10);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    emitFiling(ctx, planted, shiftDays(lastDayToApply(decidedOn), 1));
    hit(ctx, planted, 'applied-late');
  }),
  variant('withdrawn-then-applied-late', 0.02, 1, (ctx) => {
    const decidedOn = closedDecision(ctx, 60);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    const last = lastDayToApply(decidedOn);
    emitFiling(ctx, planted, shiftDays(last, -ctx.rng.between(5, 60)), 'withdrawn');
    emitFiling(ctx, planted, shiftDays(last, ctx.rng.between(10, 50)));
    hit(ctx, planted, 'applied-late');
  }),

  variant('applied-on-the-last-day', 0.03, 1, (ctx) => {
    const decidedOn = closedDecision(ctx);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    emitFiling(ctx, planted, lastDayToApply(decidedOn));
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'applied-late', 'applied on the last day of the window');
  }),
  variant('applied-in-time', 0.2, 2, (ctx) => {
    const decidedOn = closedDecision(ctx);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    const suitEnds = addMonths(decidedOn, SUIT_MONTHS);
    emitFiling(ctx, planted, randomDate(ctx.rng, shiftDays(suitEnds, 1), lastDayToApply(decidedOn)));
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'never-applied', 'applied within the window');
  }),
  variant('applied-while-suit-period-ran', 0.02, 1, (ctx) => {
    const decidedOn = closedDecision(ctx);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    emitFiling(ctx, planted, randomDate(ctx.rng, shiftDays(decidedOn, 10), addMonths(decidedOn, SUIT_MONTHS)), 'refused');
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'applied-late', 'applied before the suit period ended: a matter for the court, not late');
  }),
  variant('window-closes-on-as-of', 0.02, 1, (ctx) => {
    // The latest decision whose window ends on as_of itself, or the first one ending after it.
    let decidedOn = latestDecisionWithLastDayBy(ctx.asOf);
    if (lastDayToApply(decidedOn) < ctx.asOf) decidedOn = shiftDays(decidedOn, 1);
    const planted = emitPenalty(ctx, unpaid(ctx, decidedOn));
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'never-applied', `the window ends on ${lastDayToApply(decidedOn)}, not before as_of`);
  }),
  variant('window-still-open', 0.05, 1, (ctx) => {
    const planted = emitPenalty(ctx, unpaid(ctx, randomDate(ctx.rng, shiftDays(latestDecisionWithLastDayBy(ctx.asOf), 2), shiftDays(ctx.asOf, -1))));
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'never-applied', 'the application window is still open');
  }),
  variant('paid', 0.15, 1, (ctx) => {
    const planted = emitPenalty(ctx, { decidedOn: closedDecision(ctx), fine: fine(ctx), performed: 'yes' });
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'never-applied', 'the fine was paid');
  }),
  variant('no-fine', 0.03, 1, (ctx) => {
    const planted = emitPenalty(ctx, { decidedOn: closedDecision(ctx), fine: ctx.rng.chance(0.5) ? money(0) : null, performed: 'no' });
    ctx.truth.nearMiss(MODEL, planted.decisionNo, 'never-applied', 'no fine to enforce');
  }),
];

/** A filing of an agency whose penalties are not in the shared data. */
function unrelatedFiling(ctx: PlantContext, options?: RowOptions) {
  const [agency, prefix] = ctx.rng.pick(OTHER_AGENCIES);
  const decidedOn = closedDecision(ctx);
  const person = ctx.people.next();
  const filedOn = randomDate(ctx.rng, shiftDays(addMonths(decidedOn, SUIT_MONTHS), 1), lastDayToApply(decidedOn));
  ctx.emit(
    'court_enforcement_filings',
    {
      filing_no: ctx.ids.enforcementFilingNo(yearOf(filedOn)),
      court: COURT,
      applicant_agency: agency,
      penalty_decision_no: ctx.ids.penaltyNo(prefix, yearOf(decidedOn)),
      respondent_id: person.id,
      respondent_name: person.name,
      filed_on: filedOn,
      ruling: 'granted',
      ruled_on: null,
    },
    options,
  );
}

/** Ordinary rows for background.ts (malformed rows): filings that link to no planted penalty. */
export const ordinaryFiling = unrelatedFiling;

export async function plantNonLitigationEnforcement(ctx: PlantContext) {
  const size = Math.max(60, Math.round(ctx.scale / 5));
  const slots = deal(ctx.rng.fork('non-litigation-variants'), size, VARIANTS, 'unpaid fines');
  for (let i = 0; i < size; i++) {
    if (slots[i] >= 0) VARIANTS[slots[i]].plant(ctx, null);
    else emitPenalty(ctx, { decidedOn: closedDecision(ctx), fine: fine(ctx), performed: 'yes' });
    if (i % 1000 === 999) await ctx.pump();
  }
  for (let i = 0; i < Math.max(5, Math.round(size / 4)); i++) unrelatedFiling(ctx);
}
