/**
 * The computable items of the reverse-connection review checklist (DOMAIN.md §3): limitation,
 * age at the act, the kind of non-prosecution, the 3-working-day transfer, and earlier penalties
 * for the same act. Each check states facts and flags; none decides whether a penalty is due —
 * the procurator answers every checklist item with a reason.
 */
import type { HolidayCalendar } from '../calendar/holidayCalendar';
import { CalendarYearNotLoaded } from '../calendar/holidayCalendar';
import { addDays, addMonths, daysFrom, isIsoDate, type IsoDate } from '../calendar/isoDate';
import { clockDefinition, type DeadlineSettings } from '../deadlines/clocks';
import { computeDue } from '../deadlines/due';
import { clockStatus } from '../deadlines/status';
import { birthDateFromId, normalizeIdNumber } from '../idNumber';
import { normalizeChargeText } from '../knowledgeBase/matching';

/** Text shown to users, in both languages of the app. */
export interface Localized {
  'zh-CN': string;
  'en-US': string;
}

const text = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

function checkDate(name: string, value: unknown): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${name}: not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Limitation (行政处罚法 art. 36)

export interface LimitationInput {
  actDate: IsoDate;
  /** The last day of a continuing or repeated act (连续或者继续状态). */
  continuingActEndDate?: IsoDate | null;
  /** The violation touched life and health, or financial security, and did harm: 5 years. */
  severeHarm: boolean;
  /** When the penalising agency discovered it (investigation or filing; a citizen report counts from its date). */
  discoveryDate?: IsoDate | null;
  asOf: IsoDate;
  /**
   * A period set by another law (art. 36: 法律另有规定的除外), e.g. six months under 治安管理处罚法
   * (2012) art. 22. The reviewer enters it; nothing chooses it automatically.
   */
  specialPeriod?: { months: number; basis: string } | null;
}

export interface LimitationResult {
  periodMonths: number;
  periodBasis: 'two_years' | 'five_years_severe_harm' | 'special';
  basis: string;
  startsFrom: IsoDate;
  startBasis: 'act' | 'continuing_act_end';
  /** The last day on which discovery is still in time: the start day plus the period. */
  periodEndsOn: IsoDate;
  countedUntil: IsoDate;
  countedUntilBasis: 'discovery' | 'as_of';
  /** Discovery came after the period ended, or (not discovered yet) the period ended before asOf. */
  expired: boolean;
  /** Not yet discovered and not expired: calendar days left after asOf. */
  daysLeft: number | null;
  /** Always: whether the period has run is a legal call (DOMAIN §3 item 4: flag, never auto-decide). */
  needsLegalReview: true;
  explanation: Localized;
  notes: Localized[];
}

export function limitationCheck(input: LimitationInput): LimitationResult {
  checkDate('actDate', input.actDate);
  checkDate('asOf', input.asOf);
  if (input.continuingActEndDate != null) {
    checkDate('continuingActEndDate', input.continuingActEndDate);
    if (input.continuingActEndDate < input.actDate) throw new RangeError('continuingActEndDate: before the act date');
  }
  if (input.discoveryDate != null) checkDate('discoveryDate', input.discoveryDate);
  const special = input.specialPeriod ?? null;
  if (special && !(Number.isInteger(special.months) && special.months >= 1 && special.months <= 240)) {
    throw new RangeError('specialPeriod.months: a whole number of months from 1 to 240');
  }

  const continuing = input.continuingActEndDate != null && input.continuingActEndDate !== input.actDate;
  const startsFrom = continuing ? input.continuingActEndDate! : input.actDate;
  const periodBasis = special ? 'special' : input.severeHarm ? 'five_years_severe_harm' : 'two_years';
  const periodMonths = special ? special.months : input.severeHarm ? 60 : 24;
  const basis = special ? special.basis : '《中华人民共和国行政处罚法》第三十六条';
  const periodEndsOn = addMonths(startsFrom, periodMonths);
  const discovered = input.discoveryDate ?? null;
  const countedUntil = discovered ?? input.asOf;
  const expired = countedUntil > periodEndsOn;
  const daysLeft = discovered === null && !expired ? daysFrom(input.asOf, periodEndsOn) : null;

  const periodZh = special ? `${special.months}个月（${special.basis}）` : input.severeHarm ? '五年（涉及公民生命健康安全、金融安全且有危害后果）' : '二年';
  const periodEn = special ? `${special.months} months (${special.basis})` : input.severeHarm ? 'five years (life, health or financial security, with harm)' : 'two years';
  const startZh = continuing ? `违法行为有连续或者继续状态，自行为终了之日（${startsFrom}）起算` : `自违法行为发生之日（${startsFrom}）起算`;
  const startEn = continuing ? `counted from the end of the continuing act (${startsFrom})` : `counted from the act (${startsFrom})`;
  const outcomeZh = discovered
    ? `违法行为于${discovered}被发现，${expired ? '晚于' : '未晚于'}期限届满日。`
    : expired
      ? `截至${input.asOf}未记录发现日期，期限已届满。`
      : `截至${input.asOf}未记录发现日期，期限尚余${daysLeft}天。`;
  const outcomeEn = discovered
    ? `Discovered on ${discovered}, ${expired ? 'after' : 'within'} the period.`
    : expired
      ? `No discovery recorded by ${input.asOf}: the period has run out.`
      : `No discovery recorded by ${input.asOf}: ${daysLeft} days left.`;

  return {
    periodMonths,
    periodBasis,
    basis,
    startsFrom,
    startBasis: continuing ? 'continuing_act_end' : 'act',
    periodEndsOn,
    countedUntil,
    countedUntilBasis: discovered ? 'discovery' : 'as_of',
    expired,
    daysLeft,
    needsLegalReview: true,
    explanation: text(
      `追责期限${periodZh}，${startZh}，至${periodEndsOn}届满。${outcomeZh}是否超过期限须经法律审查认定，系统不作决定。`,
      `Limitation period: ${periodEn}, ${startEn}, ending on ${periodEndsOn}. ${outcomeEn} Whether the period has run is for legal review; the system does not decide it.`,
    ),
    notes: [
      text(
        '“发现”通常理解为有处罚权的行政机关立案或调查之日；公民举报的，自举报之日起算。',
        '"Discovery" is commonly read as the penalising agency’s investigation or filing; a citizen report counts from its date.',
      ),
      text(
        '公安机关刑事立案能否视为其他行政机关“发现”尚无定论，须个案审查。',
        'Whether the police’s criminal filing counts as discovery for another agency is unsettled: review case by case.',
      ),
      text(
        '法律另有规定的除外（如2012年《治安管理处罚法》第二十二条规定六个月）。',
        'Other laws may set their own period (e.g. six months under 治安管理处罚法 (2012) art. 22).',
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Age at the act (行政处罚法 art. 30)

export type AgeBand = 'under_14' | '14_to_18' | 'adult';

export interface AgeInput {
  birthDate?: IsoDate | null;
  /** 15 or 18 digits; its birth date is used when no birth date is given. */
  idNumber?: string | null;
  actDate: IsoDate;
}

export type AgeResult =
  | {
      status: 'known';
      birthDate: IsoDate;
      source: 'birth_date' | 'id_number';
      /** Whole years (周岁) at the act date. */
      ageYears: number;
      band: AgeBand;
      /** The act fell on the 14th or 18th birthday. */
      onBirthdayBoundary: boolean;
      /** A birth date was given that differs from the ID number's. */
      idBirthDateDiffers: boolean;
      needsLegalReview: boolean;
      explanation: Localized;
    }
  | { status: 'unknown'; reason: 'no_birth_date' | 'invalid_id_number'; needsLegalReview: true; explanation: Localized };

/** Whole years from birth to the date; someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const BAND_CONSEQUENCE: Record<AgeBand, Localized> = {
  under_14: text('不满十四周岁：不予行政处罚，责令监护人加以管教（《行政处罚法》第三十条）。', 'Under 14: no administrative penalty; the guardian is ordered to discipline (行政处罚法 art. 30).'),
  '14_to_18': text('已满十四周岁不满十八周岁：应当从轻或者减轻行政处罚（《行政处罚法》第三十条）。', '14 to 18: the penalty must be lighter or reduced (行政处罚法 art. 30).'),
  adult: text('已满十八周岁：年龄不影响处罚。', '18 or older: age does not affect the penalty.'),
};

export function ageAtActCheck(input: AgeInput): AgeResult {
  checkDate('actDate', input.actDate);
  if (input.birthDate != null) checkDate('birthDate', input.birthDate);
  const fromId = input.idNumber ? birthDateFromId(input.idNumber) : null;
  const birthDate = input.birthDate ?? fromId;
  if (!birthDate) {
    const invalid = !!input.idNumber && !normalizeIdNumber(input.idNumber).valid;
    return {
      status: 'unknown',
      reason: invalid ? 'invalid_id_number' : 'no_birth_date',
      needsLegalReview: true,
      explanation: invalid
        ? text('身份证号码无效，无法确定行为时年龄：请核实出生日期。', 'The ID number is not valid, so the age at the act is unknown: check the birth date.')
        : text('未提供出生日期或身份证号码，无法确定行为时年龄。', 'No birth date or ID number: the age at the act is unknown.'),
    };
  }
  const ageYears = ageOn(birthDate, input.actDate);
  const band: AgeBand = ageYears < 14 ? 'under_14' : ageYears < 18 ? '14_to_18' : 'adult';
  const onBirthdayBoundary = (ageYears === 14 || ageYears === 18) && ageOn(birthDate, addDays(input.actDate, -1)) !== ageYears;
  const idBirthDateDiffers = !!input.birthDate && !!fromId && fromId !== input.birthDate;
  const boundaryZh = onBirthdayBoundary ? '行为发生在周岁生日当天；刑事司法解释将“周岁”从生日的第二天起算，此处如何计算须审查。' : '';
  const boundaryEn = onBirthdayBoundary ? ' The act fell on the birthday itself; criminal practice counts 周岁 from the day after the birthday — review how to count here.' : '';
  const differsZh = idBirthDateDiffers ? `所填出生日期与身份证号码中的出生日期（${fromId}）不一致。` : '';
  const differsEn = idBirthDateDiffers ? ` The birth date given differs from the ID number’s (${fromId}).` : '';
  return {
    status: 'known',
    birthDate,
    source: input.birthDate ? 'birth_date' : 'id_number',
    ageYears,
    band,
    onBirthdayBoundary,
    idBirthDateDiffers,
    needsLegalReview: band !== 'adult' || onBirthdayBoundary || idBirthDateDiffers,
    explanation: text(
      `出生日期${birthDate}，行为时（${input.actDate}）${ageYears}周岁。${BAND_CONSEQUENCE[band]['zh-CN']}${boundaryZh}${differsZh}`,
      `Born ${birthDate}: ${ageYears} at the act (${input.actDate}). ${BAND_CONSEQUENCE[band]['en-US']}${boundaryEn}${differsEn}`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Kind of non-prosecution (指引 art. 4; DOMAIN §3 item 8)

export const NON_PROSECUTION_KINDS = ['statutory', 'discretionary', 'insufficient_evidence', 'conditional'] as const;
export type NonProsecutionKind = (typeof NON_PROSECUTION_KINDS)[number];

export interface NonProsecutionSettings {
  /** Whether conditional non-prosecutions (minors) are left out of reverse connection:
   * unconfirmed, so a procuratorate's choice; by default they are reviewed and flagged. */
  excludeConditional?: boolean;
}

export interface NonProsecutionKindResult {
  kind: NonProsecutionKind;
  label: Localized;
  /** Every kind is handed to the administrative prosecution department (指引 art. 4). */
  transferred: true;
  /** Left out of the review by this procuratorate's setting. */
  excluded: boolean;
  /** The kind raises a question the reviewer must answer. */
  flagged: boolean;
  notes: Localized[];
}

const KIND_LABELS: Record<NonProsecutionKind, Localized> = {
  statutory: text('法定不起诉', 'Statutory non-prosecution'),
  discretionary: text('酌定不起诉', 'Discretionary non-prosecution'),
  insufficient_evidence: text('存疑不起诉', 'Non-prosecution for insufficient evidence'),
  conditional: text('附条件不起诉', 'Conditional non-prosecution'),
};

const ALL_KINDS_NOTE = text('各类不起诉案件均应移送审查（《人民检察院行刑反向衔接工作指引》第四条）。', 'Every kind of non-prosecution is transferred for review (指引 art. 4).');
const SHARING_NOTE = text(
  '有观点主张法定不起诉和存疑不起诉案件以信息共享为宜，个别省份在指引出台前原则上不对法定不起诉案件制发检察意见。',
  'Scholars prefer information sharing for statutory and insufficient-evidence cases; one pre-指引 provincial rule ruled out opinions after statutory non-prosecution as a rule.',
);

export function nonProsecutionKindCheck(kind: NonProsecutionKind, settings: NonProsecutionSettings = {}): NonProsecutionKindResult {
  if (!NON_PROSECUTION_KINDS.includes(kind)) throw new RangeError(`unknown non-prosecution kind ${JSON.stringify(kind)}`);
  const notes: Localized[] = [ALL_KINDS_NOTE];
  let flagged = false;
  let excluded = false;
  switch (kind) {
    case 'statutory':
      flagged = true;
      notes.push(text('不构成犯罪或者依法不追究刑事责任（刑事诉讼法第一百七十七条第一款）：先审查行为是否违反行政管理规定（该不该罚）。', 'No crime or no liability (刑事诉讼法 art. 177(1)): first ask whether a penalty norm covers the conduct.'), SHARING_NOTE);
      break;
    case 'discretionary':
      notes.push(
        text('犯罪情节轻微（刑事诉讼法第一百七十七条第二款），为反向衔接的主要来源：审查是否需要处罚（需不需罚），既不“不刑不罚”，也不“不刑就行”。', 'Crime minor (art. 177(2)), the bulk of reverse connection: ask whether a penalty is necessary — neither "no sanction at all" nor "automatic penalty".'),
      );
      break;
    case 'insufficient_evidence':
      flagged = true;
      notes.push(text('证据不足不起诉：审查现有证据能否支持行政处罚。', 'Insufficient evidence: ask whether the evidence supports an administrative penalty.'), SHARING_NOTE);
      break;
    case 'conditional':
      flagged = true;
      excluded = settings.excludeConditional === true;
      notes.push(
        text('附条件不起诉仅适用于未成年人；是否排除在反向衔接之外尚无定论，由本院设置决定。', 'Conditional non-prosecution applies to minors only; whether it is excluded is unconfirmed and set by each procuratorate.'),
        excluded
          ? text('本院设置：附条件不起诉案件不进行反向衔接审查。', 'This procuratorate’s setting: conditional cases are not reviewed.')
          : text('本院设置：附条件不起诉案件照常审查，并注意行为时年龄（《行政处罚法》第三十条）。', 'This procuratorate’s setting: conditional cases are reviewed; mind the age at the act (行政处罚法 art. 30).'),
      );
      break;
  }
  return { kind, label: KIND_LABELS[kind], transferred: true, excluded, flagged, notes };
}

// ---------------------------------------------------------------------------------------------
// Transfer within 3 working days (DOMAIN §7)

export interface TransferInput {
  decisionDate: IsoDate;
  transferredOn: IsoDate | null;
  asOf: IsoDate;
  calendar: HolidayCalendar;
  settings?: DeadlineSettings;
}

export type TransferResult =
  | {
      status: 'on_time' | 'late' | 'overdue' | 'pending';
      due: IsoDate;
      length: number;
      unit: 'working_days' | 'calendar_days' | 'calendar_months';
      transferredOn: IsoDate | null;
      /** overdue (not transferred) or late (transferred after the due date): calendar days past it. */
      daysLate: number | null;
      /** pending: days left, in the clock's unit. */
      daysRemaining: number | null;
      explanation: Localized;
    }
  | { status: 'not_computable'; reason: 'calendar_year_not_loaded' | 'transfer_before_decision'; explanation: Localized };

export function transferCheck(input: TransferInput): TransferResult {
  checkDate('decisionDate', input.decisionDate);
  checkDate('asOf', input.asOf);
  if (input.transferredOn !== null) checkDate('transferredOn', input.transferredOn);
  if (input.asOf < input.decisionDate) throw new RangeError('asOf: before the decision date');
  if (input.transferredOn !== null && input.transferredOn < input.decisionDate) {
    return { status: 'not_computable', reason: 'transfer_before_decision', explanation: text('移送日期早于不起诉决定日期，请核实。', 'The transfer date is before the decision date: check the dates.') };
  }
  const clock = clockDefinition('non_prosecution_transfer', input.settings);
  const events = [{ type: 'start' as const, on: input.decisionDate }, ...(input.transferredOn ? [{ type: 'stop' as const, on: input.transferredOn }] : [])];
  try {
    const due = computeDue(clock, events, input.calendar)!;
    const base = { due, length: clock.length, unit: clock.unit, transferredOn: input.transferredOn };
    const unitZh = clock.unit === 'working_days' ? '个工作日' : clock.unit === 'calendar_days' ? '日' : '个月';
    const rule = text(`不起诉决定（${input.decisionDate}）后${clock.length}${unitZh}内移送，${due}到期。`, `Transfer within ${clock.length} ${clock.unit.replace('_', ' ')} of the decision (${input.decisionDate}): due ${due}.`);
    if (input.transferredOn !== null && input.transferredOn <= input.asOf) {
      const late = input.transferredOn > due;
      return {
        ...base,
        status: late ? 'late' : 'on_time',
        daysLate: late ? daysFrom(due, input.transferredOn) : null,
        daysRemaining: null,
        explanation: text(`${rule['zh-CN']}${input.transferredOn}移送，${late ? `逾期${daysFrom(due, input.transferredOn)}日` : '按期'}。`, `${rule['en-US']} Transferred on ${input.transferredOn}, ${late ? `${daysFrom(due, input.transferredOn)} days late` : 'on time'}.`),
      };
    }
    const status = clockStatus(clock, [events[0]], input.asOf, input.calendar);
    if (status.status === 'overdue') {
      return { ...base, status: 'overdue', daysLate: status.daysOverdue, daysRemaining: null, explanation: text(`${rule['zh-CN']}截至${input.asOf}尚未移送，已逾期${status.daysOverdue}日。`, `${rule['en-US']} Not transferred by ${input.asOf}: ${status.daysOverdue} days overdue.`) };
    }
    const daysRemaining = status.status === 'running' || status.status === 'due_soon' ? status.daysRemaining : null;
    return { ...base, status: 'pending', daysLate: null, daysRemaining, explanation: text(`${rule['zh-CN']}截至${input.asOf}尚未移送，仍在期限内。`, `${rule['en-US']} Not transferred by ${input.asOf}; still within the period.`) };
  } catch (err) {
    if (err instanceof CalendarYearNotLoaded) {
      return {
        status: 'not_computable',
        reason: 'calendar_year_not_loaded',
        explanation: text(`${err.year}年的节假日安排尚未载入，无法计算工作日。`, `The holiday schedule of ${err.year} is not loaded: working days cannot be counted.`),
      };
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Earlier penalties (行政处罚法 arts. 29, 35)

/** A penalty of the person found in shared data (DATA-SPEC `admin_penalties`). */
export interface PenaltyRecord {
  decisionNo: string;
  agency: string | null;
  violationCode: string | null;
  decidedOn: IsoDate | null;
  fine: string | null;
}

export interface PriorPenaltyOptions {
  actDate: IsoDate;
  continuingActEndDate?: IsoDate | null;
  chargeText?: string | null;
  /** Penalties decided within this many days after the act (or its end) may be for the same act. */
  windowDays?: number;
}

export type AssessedPenalty<P extends PenaltyRecord> = P & {
  /** Decision date minus act date, in days (negative: decided before the act). */
  daysAfterAct: number | null;
  withinWindow: boolean;
  /** Whether the violation type names the charge; null when it cannot tell (type other, no charge). */
  violationMatchesCharge: boolean | null;
  /** Within the window, and the violation type does not point elsewhere. A hint, not a finding. */
  probablySameAct: boolean;
};

export interface PriorPenaltyResult<P extends PenaltyRecord> {
  windowDays: number;
  /** Probably the same act first, then newest first. */
  penalties: AssessedPenalty<P>[];
  probablySameAct: number;
  needsLegalReview: boolean;
  notes: Localized[];
}

export const DEFAULT_SAME_ACT_WINDOW_DAYS = 30;

/** The words of each DATA-SPEC violation code, as they appear in charges. */
const VIOLATION_TERMS: Record<string, string[]> = {
  counterfeit_goods: ['伪劣'],
  illegal_business: ['非法经营'],
  trademark_counterfeiting: ['注册商标'],
  tax_evasion: ['逃税', '偷税'],
};

function violationMatches(code: string | null, chargeText: string | null | undefined): boolean | null {
  const terms = code ? VIOLATION_TERMS[code] : undefined;
  if (!terms || !chargeText) return null;
  const charge = normalizeChargeText(chargeText);
  return terms.some((t) => charge.includes(t));
}

export function priorPenaltyCheck<P extends PenaltyRecord>(penalties: readonly P[], options: PriorPenaltyOptions): PriorPenaltyResult<P> {
  checkDate('actDate', options.actDate);
  const windowDays = options.windowDays ?? DEFAULT_SAME_ACT_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 3650) throw new RangeError('windowDays: a whole number of days from 0 to 3650');
  const end = options.continuingActEndDate ?? options.actDate;
  const windowEnd = addDays(end, windowDays);
  const assessed = penalties.map((p): AssessedPenalty<P> => {
    const decided = p.decidedOn && isIsoDate(p.decidedOn) ? p.decidedOn : null;
    const withinWindow = decided !== null && decided >= options.actDate && decided <= windowEnd;
    const violationMatchesCharge = violationMatches(p.violationCode, options.chargeText);
    return {
      ...p,
      daysAfterAct: decided ? daysFrom(options.actDate, decided) : null,
      withinWindow,
      violationMatchesCharge,
      probablySameAct: withinWindow && violationMatchesCharge !== false,
    };
  });
  assessed.sort((a, b) => Number(b.probablySameAct) - Number(a.probablySameAct) || (b.decidedOn ?? '').localeCompare(a.decidedOn ?? ''));
  const probablySameAct = assessed.filter((p) => p.probablySameAct).length;
  return {
    windowDays,
    penalties: assessed,
    probablySameAct,
    needsLegalReview: assessed.length > 0,
    notes: [
      text('同一个违法行为不得给予两次以上罚款的行政处罚（《行政处罚法》第二十九条）：是否为同一行为须审查认定，系统仅作提示。', 'One act may be fined only once (行政处罚法 art. 29): whether a penalty is for this very act is for review; the system only hints.'),
      text('已给予的行政拘留、罚款与刑罚折抵的，应记录在案（《行政处罚法》第三十五条）。', 'Record earlier detention and fines for set-off between the tracks (行政处罚法 art. 35).'),
    ],
  };
}
