/**
 * The clocks of DOMAIN.md §7 as data. Most lengths are not settled by a national rule (some are
 * local practice, some borrowed by analogy), so every field a procuratorate may decide
 * differently can be overridden by a settings object; `basis` says how firm each default is.
 */

export type ClockUnit = 'working_days' | 'calendar_days' | 'calendar_months';

/** Why a clock may be paused; each clock accepts only the reasons its rule excludes. */
export const PAUSE_REASONS = [
  /** 中止审查 (指引 art. 13) or suspension of a litigation-supervision review. */
  'suspension',
  /** Time spent consulting a procuratorate elsewhere (指引 art. 12). */
  'out_of_region_consultation',
  /** 鉴定, 审计 and 审批 time, excluded from an illegal-act case by analogy with public-interest cases. */
  'appraisal',
  'audit',
  'approval',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CLOCK_CODES = [
  'non_prosecution_transfer',
  'reverse_connection_review',
  'opinion_reply',
  'follow_up_reply',
  'suggestion_reply',
  'objection_review',
  'suggestion_service',
  'illegal_act_case',
  'clue_evaluation',
  'litigation_application',
  'litigation_review',
  'court_response',
  'guangdong_acceptance_notice',
  'guangdong_progress_report',
] as const;
export type ClockCode = (typeof CLOCK_CODES)[number];

export interface ClockDefinition {
  code: ClockCode;
  /** Shown to users. */
  label: string;
  length: number;
  unit: ClockUnit;
  /** The event that starts the clock, in the domain's words. */
  startEvent: string;
  pauseReasons: readonly PauseReason[];
  /** Whether an approved extension (e.g. by the 检察长) may lengthen it. */
  extendable: boolean;
  /** A due date on a weekend or holiday moves to the next working day (民法典 art. 203 reads
   * periods this way); only calendar-day and month clocks can end on a rest day. */
  rollToWorkingDay: boolean;
  /** `due_soon` from this many days before the due date: working days for working-day clocks,
   * calendar days otherwise. */
  dueSoonDays: number;
  /** Off for local or unconfirmed rules: such a clock is started only where it is adopted. */
  enabled: boolean;
  /** Where the default comes from and how firm it is. */
  basis: string;
}

/** What a procuratorate may change about a clock. */
export type ClockOverride = Partial<Pick<ClockDefinition, 'length' | 'unit' | 'extendable' | 'rollToWorkingDay' | 'dueSoonDays' | 'enabled'>>;

export interface DeadlineSettings {
  clocks?: Partial<Record<ClockCode, ClockOverride>>;
}

export class InvalidDeadlineSettings extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid deadline settings: ${problems.join('; ')}`);
    this.name = 'InvalidDeadlineSettings';
  }
}

/** Three working days' warning for working-day clocks; a week for month clocks, where three
 * days would leave an agency no time to react; three days for short calendar-day clocks. */
export function defaultDueSoonDays(unit: ClockUnit): number {
  return unit === 'calendar_months' ? 7 : 3;
}

type DefaultClock = Omit<ClockDefinition, 'dueSoonDays' | 'rollToWorkingDay' | 'enabled' | 'pauseReasons' | 'extendable'> &
  Partial<Pick<ClockDefinition, 'enabled' | 'pauseReasons' | 'extendable'>>;

function clock(def: DefaultClock): ClockDefinition {
  return {
    pauseReasons: [],
    extendable: false,
    enabled: true,
    rollToWorkingDay: true,
    dueSoonDays: defaultDueSoonDays(def.unit),
    ...def,
  };
}

export const DEFAULT_CLOCKS: Readonly<Record<ClockCode, ClockDefinition>> = {
  non_prosecution_transfer: clock({
    code: 'non_prosecution_transfer',
    label: '不起诉案件移送',
    length: 3,
    unit: 'working_days',
    startEvent: '不起诉决定',
    basis: 'Rule as reported; article not pinned (DOMAIN §7).',
  }),
  reverse_connection_review: clock({
    code: 'reverse_connection_review',
    label: '反向衔接审查',
    length: 10,
    unit: 'working_days',
    startEvent: '登记受理',
    pauseReasons: ['suspension', 'out_of_region_consultation'],
    extendable: true,
    basis: '人民检察院行刑反向衔接工作指引 arts. 12–13; the 检察长 may extend major or complex cases.',
  }),
  opinion_reply: clock({
    code: 'opinion_reply',
    label: '检察意见书回复',
    length: 2,
    unit: 'calendar_months',
    startEvent: '送达（收到检察意见书）',
    basis: '衔接规定 2021 (高检发释字〔2021〕4号); some procuratorates set less (集宁: 1 month).',
  }),
  follow_up_reply: clock({
    code: 'follow_up_reply',
    label: '跟进监督函回复',
    length: 1,
    unit: 'calendar_months',
    startEvent: '送达（收到跟进监督函）',
    basis: 'No rule found; configurable default.',
  }),
  suggestion_reply: clock({
    code: 'suggestion_reply',
    label: '检察建议书回复',
    length: 2,
    unit: 'calendar_months',
    startEvent: '送达（收到检察建议书）',
    basis: '人民检察院检察建议工作规定; shorter when urgent (set the length when starting the clock).',
  }),
  objection_review: clock({
    code: 'objection_review',
    label: '异议复核',
    length: 5,
    unit: 'working_days',
    startEvent: '收到异议',
    basis: 'The rule says "immediately" (检察建议工作规定 art. 23); 5 working days is a configurable default.',
  }),
  suggestion_service: clock({
    code: 'suggestion_service',
    label: '检察建议送达',
    length: 7,
    unit: 'calendar_days',
    startEvent: '检察建议书签发',
    enabled: false,
    basis: 'Old Jiangsu rule; unconfirmed, off by default.',
  }),
  illegal_act_case: clock({
    code: 'illegal_act_case',
    label: '行政违法行为监督案件办理',
    length: 3,
    unit: 'calendar_months',
    startEvent: '立案',
    // Suspension of the case (the case's own 中止) as well as the excluded appraisal, audit and approval time.
    pauseReasons: ['suspension', 'appraisal', 'audit', 'approval'],
    extendable: true,
    basis: 'No national limit; default borrowed from administrative public-interest cases, not law.',
  }),
  clue_evaluation: clock({
    code: 'clue_evaluation',
    label: '线索评估',
    length: 1,
    unit: 'calendar_months',
    startEvent: '收到线索',
    extendable: true,
    basis: 'No rule found; placeholder default, to be set by each procuratorate.',
  }),
  litigation_application: clock({
    code: 'litigation_application',
    label: '行政诉讼监督申请期限',
    length: 6,
    unit: 'calendar_months',
    startEvent: '再审申请驳回裁定送达',
    basis: '人民检察院行政诉讼监督规则 (2021): 6 months from service of the refusal; article number unconfirmed.',
  }),
  litigation_review: clock({
    code: 'litigation_review',
    label: '行政诉讼监督案件审查',
    length: 3,
    unit: 'calendar_months',
    startEvent: '受理',
    pauseReasons: ['suspension'],
    extendable: true,
    basis: '人民检察院行政诉讼监督规则 (2021): 3 months.',
  }),
  court_response: clock({
    code: 'court_response',
    label: '法院（上级院）处理再审检察建议、抗诉',
    length: 3,
    unit: 'calendar_months',
    startEvent: '法院收到',
    basis: 'Configurable default: courts answer a retrial suggestion within 3 months (最高法 最高检 practice); a protest leads to a retrial ruling within 30 days (行政诉讼法 art. 93 with 民事诉讼法 art. 222 by analogy). Set per procuratorate.',
  }),
  guangdong_acceptance_notice: clock({
    code: 'guangdong_acceptance_notice',
    label: '受理告知行政机关（广东）',
    length: 7,
    unit: 'working_days',
    startEvent: '受理',
    enabled: false,
    basis: 'Guangdong local rule; optional.',
  }),
  guangdong_progress_report: clock({
    code: 'guangdong_progress_report',
    label: '进展或结果告知行政机关（广东）',
    length: 3,
    unit: 'calendar_months',
    startEvent: '受理',
    enabled: false,
    basis: 'Guangdong local rule; optional.',
  }),
};

const UNITS: readonly ClockUnit[] = ['working_days', 'calendar_days', 'calendar_months'];
/** Longer than any real period; catches a length typed in the wrong unit (90 months). */
const MAX_LENGTH: Record<ClockUnit, number> = { working_days: 250, calendar_days: 366, calendar_months: 60 };

function isWholeNumber(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

const BOOLEAN_FIELDS = ['extendable', 'rollToWorkingDay', 'enabled'] as const;

/** What is wrong with a settings object, as sentences; empty when it can be used. Settings
 * arrive as stored JSON, so the types are checked too. */
export function deadlineSettingsProblems(settings: DeadlineSettings): string[] {
  const problems: string[] = [];
  for (const [code, override] of Object.entries(settings.clocks ?? {})) {
    if (!(CLOCK_CODES as readonly string[]).includes(code)) {
      problems.push(`unknown clock "${code}"`);
      continue;
    }
    if (!override) continue;
    const unit = override.unit ?? DEFAULT_CLOCKS[code as ClockCode].unit;
    if (!UNITS.includes(unit)) {
      problems.push(`${code}: unknown unit "${unit}"`);
    } else if (override.length !== undefined && !(isWholeNumber(override.length, 1) && override.length <= MAX_LENGTH[unit])) {
      problems.push(`${code}: length must be a whole number from 1 to ${MAX_LENGTH[unit]} (${unit}), got ${override.length}`);
    }
    if (override.unit !== undefined && override.unit !== DEFAULT_CLOCKS[code as ClockCode].unit && override.length === undefined) {
      problems.push(`${code}: a new unit needs a new length too`);
    }
    if (override.dueSoonDays !== undefined && !isWholeNumber(override.dueSoonDays, 0)) {
      problems.push(`${code}: dueSoonDays must be a whole number ≥ 0, got ${override.dueSoonDays}`);
    }
    for (const field of BOOLEAN_FIELDS) {
      if (override[field] !== undefined && typeof override[field] !== 'boolean') problems.push(`${code}: ${field} must be true or false`);
    }
  }
  return problems;
}

/** Every clock with the procuratorate's settings applied; throws `InvalidDeadlineSettings`. */
export function clockDefinitions(settings: DeadlineSettings = {}): Record<ClockCode, ClockDefinition> {
  const problems = deadlineSettingsProblems(settings);
  if (problems.length > 0) throw new InvalidDeadlineSettings(problems);
  const result = {} as Record<ClockCode, ClockDefinition>;
  for (const code of CLOCK_CODES) {
    const base = DEFAULT_CLOCKS[code];
    const o = settings.clocks?.[code] ?? {};
    const unit = o.unit ?? base.unit;
    result[code] = {
      ...base,
      unit,
      length: o.length ?? base.length,
      extendable: o.extendable ?? base.extendable,
      rollToWorkingDay: o.rollToWorkingDay ?? base.rollToWorkingDay,
      enabled: o.enabled ?? base.enabled,
      // A clock switched to another unit gets that unit's warning unless one is given.
      dueSoonDays: o.dueSoonDays ?? (unit === base.unit ? base.dueSoonDays : defaultDueSoonDays(unit)),
    };
  }
  return result;
}

export function clockDefinition(code: ClockCode, settings: DeadlineSettings = {}): ClockDefinition {
  return clockDefinitions(settings)[code];
}
