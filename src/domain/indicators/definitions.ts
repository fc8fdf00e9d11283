/**
 * The indicators (考核指标) as data: each says exactly what it counts, over which items, and which
 * date puts an item in a period (DOMAIN.md §11). The server turns each into one SQL predicate;
 * the web app shows the texts as the figure's tooltip; docs/indicators.md repeats them.
 *
 * "Item" = a 检察意见书 or 检察建议书 served on an agency (state served, or withdrawn after an
 * objection); its due date is the stored due date of its reply clock (opinion_reply /
 * suggestion_reply), which already counts receipt, the reply period and any shorter period set.
 */
import type { CaseKind } from '../cases/lifecycle';

export interface Localized {
  'zh-CN': string;
  'en-US': string;
}

const text = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

export const INDICATOR_IDS = [
  'reply_rate',
  'on_time_reply_rate',
  'adoption_rate',
  'partial_adoption_rate',
  'adoption_at_due_date',
  'penalty_rate_per_opinion',
  'penalties_per_reply',
  'average_reply_days',
  'money_recovered',
  'units_reclaimed',
  'transfer_compliance',
  'review_on_time',
  'average_review_days',
  'model_clue_to_case',
  'hit_confirmation',
  'change_rate',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** What one line of the drill-down is. */
export type IndicatorSubject = 'document' | 'clue' | 'case' | 'hit';

/**
 * percent: numerator / denominator as a share; days: the numerator is a sum of days, the value
 * their mean; money / count: a sum with no denominator — the value is the numerator (yuan, or
 * housing units), the "denominator" only says how many items carried an amount.
 */
export type IndicatorUnit = 'percent' | 'days' | 'money' | 'count';
export const SUM_UNITS: readonly IndicatorUnit[] = ['money', 'count'];

export interface IndicatorDefinition {
  id: IndicatorId;
  name: Localized;
  unit: IndicatorUnit;
  numerator: Localized;
  denominator: Localized;
  /** The date that puts an item in the period [from, to] (both days included). */
  periodDate: Localized;
  /** The tooltip: the formula in plain words. */
  description: Localized;
  subject: IndicatorSubject;
  /**
   * Who may see it: `all` — the agencies' own figures, also shown to agencies and the justice
   * bureau; `procuratorate` — the procuratorate's own work (transfers, reviews, model clues),
   * whose items agencies have not been sent.
   */
  audience: 'all' | 'procuratorate';
  /** The case kinds it can count; a kind filter outside these leaves it empty. */
  kinds: readonly CaseKind[];
  /** Whether the case-kind filter applies at all (a clue not yet filed has no kind). */
  kindFilter: boolean;
  /** Whether the agency filter applies (the item's agency: recipient, or the case's agency). */
  agencyFilter: boolean;
}

/** Every kind of case (litigation supervision's documents to courts count like those to agencies). */
const BOTH: readonly CaseKind[] = ['reverse_connection', 'illegal_act', 'litigation'];
const ITEMS = text(
  '已送达的检察意见书、检察建议书（含送达后因异议成立撤回的），以及行政诉讼监督中送达法院或上级检察院的再审检察建议书、抗诉书、提请抗诉报告书和检察建议书',
  'Procuratorial opinions and suggestions served on an agency (including those withdrawn after an objection), and the retrial suggestions, protests, requests for protest and suggestions of litigation supervision served on courts or the superior procuratorate',
);

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'reply_rate',
    name: text('回复率', 'Reply rate'),
    unit: 'percent',
    numerator: text('分母中截至统计日已收到书面回复的件数', 'Items of the denominator with a written reply recorded on or before the as-of date'),
    denominator: text(`${ITEMS['zh-CN']}中，回复期限届满日在统计期间内且早于统计日的件数`, `${ITEMS['en-US']} whose reply due date lies in the period and before the as-of date`),
    periodDate: text('回复期限届满日（收到之日起算的回复期限，记于回复时限）', 'Reply due date (receipt plus the reply period, as stored on the reply clock)'),
    description: text(
      '回复率 = 已回复件数 ÷ 回复期限已届满的件数。只统计回复期限届满日落在统计期间、且在统计日之前已经届满的文书；是否按期不论。',
      'Reply rate = items answered ÷ items whose reply period has run out. Counts the documents whose due date falls in the period and has passed by the as-of date, whether answered on time or late.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'on_time_reply_rate',
    name: text('按期回复率', 'On-time reply rate'),
    unit: 'percent',
    numerator: text('分母中回复日期不晚于回复期限届满日的件数', 'Items of the denominator answered on or before their due date'),
    denominator: text('同回复率的分母', 'Same as the reply rate'),
    periodDate: text('回复期限届满日', 'Reply due date'),
    description: text(
      '按期回复率 = 在期限内回复的件数 ÷ 回复期限已届满的件数。逾期后才回复的计入分母，不计入分子。',
      'On-time reply rate = items answered by their due date ÷ items whose reply period has run out. A late reply counts in the denominator only.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'adoption_rate',
    name: text('采纳率', 'Adoption rate'),
    unit: 'percent',
    numerator: text('分母中评估为“采纳”的件数', 'Items of the denominator evaluated as "adopted"'),
    denominator: text(`${ITEMS['zh-CN']}中，回复已由承办检察官评估、评估日期在统计期间内的件数`, `${ITEMS['en-US']} whose reply the procurator evaluated within the period`),
    periodDate: text('回复评估日期', 'Date of the reply’s evaluation'),
    description: text(
      '采纳率 = 评估为采纳的件数 ÷ 已评估的件数。“部分采纳”不计入，单列为部分采纳率。',
      'Adoption rate = items evaluated as adopted ÷ items evaluated. "Partially adopted" is not counted here; it has its own series.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'partial_adoption_rate',
    name: text('部分采纳率', 'Partial adoption rate'),
    unit: 'percent',
    numerator: text('分母中评估为“部分采纳”的件数', 'Items of the denominator evaluated as "partially adopted"'),
    denominator: text('同采纳率的分母', 'Same as the adoption rate'),
    periodDate: text('回复评估日期', 'Date of the reply’s evaluation'),
    description: text('部分采纳率 = 评估为部分采纳的件数 ÷ 已评估的件数。', 'Partial adoption rate = items evaluated as partially adopted ÷ items evaluated.'),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'adoption_at_due_date',
    name: text('到期采纳率', 'Adoption at due date'),
    unit: 'percent',
    numerator: text('分母中回复日期不晚于回复期限届满日、且截至统计日已由承办检察官评估为“采纳”的件数', 'Items of the denominator answered on or before their due date and evaluated "adopted" by the procurator on or before the as-of date'),
    denominator: text('同回复率的分母（回复期限届满日在统计期间内且早于统计日的件数）', 'Same as the reply rate (items whose due date lies in the period and before the as-of date)'),
    periodDate: text('回复期限届满日', 'Reply due date'),
    description: text(
      '到期采纳率 = 在回复期限内回复且经评估为采纳的件数 ÷ 回复期限已届满的件数。逾期回复、部分采纳、未采纳或尚未评估的，计入分母、不计入分子。',
      'Adoption at due date = items answered by their due date and evaluated as adopted ÷ items whose reply period has run out. Late replies, partial adoption, non-adoption and replies not yet evaluated count in the denominator only.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'penalty_rate_per_opinion',
    name: text('检察意见处罚率（按人）', 'Penalty rate per opinion (persons)'),
    unit: 'percent',
    numerator: text('分母中截至统计日行政机关书面回复载明已作出处罚（填写了处罚决定书文号或处罚种类）的人数', 'Persons of the denominator for whom the agency’s written reply, recorded on or before the as-of date, reports a penalty (a penalty decision number or type is recorded)'),
    denominator: text('送达日期在统计期间内、且回复期限届满日早于统计日的检察意见书所涉的被不起诉人人数（每份检察意见书针对其案件的一名当事人）', 'Persons named in procuratorial opinions served within the period whose reply due date is before the as-of date (each opinion concerns the one subject of its case)'),
    periodDate: text('检察意见书送达日期（按送达批次统计）', 'Service date of the opinion (cohort)'),
    description: text(
      '检察意见处罚率 = 已被行政处罚的人数 ÷ 回复期限已届满的检察意见所涉人数。按送达日期归入统计期间；回复期限尚未届满的暂不计入。一份检察意见书对应其案件的一名当事人，人数即件数。',
      'Penalty rate per opinion = persons sanctioned ÷ persons named in opinions whose reply period has run out, by the opinions’ service date. Opinions not yet due are left out. Each opinion concerns the one subject of its case, so persons equal documents.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: ['reverse_connection'],
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'penalties_per_reply',
    name: text('处罚数/回复数', 'Penalties per reply'),
    unit: 'percent',
    numerator: text('分母中回复载明已作出处罚（填写了处罚决定书文号或处罚种类）的件数', 'Replies of the denominator reporting a penalty (a penalty decision number or a penalty type is recorded)'),
    denominator: text('检察意见书的书面回复中，回复日期在统计期间内的件数', 'Written replies to procuratorial opinions dated within the period'),
    periodDate: text('回复日期', 'Reply date'),
    description: text(
      '处罚数/回复数 = 回复载明已处罚的检察意见书件数 ÷ 收到回复的检察意见书件数（最高人民检察院2025年白皮书口径）。只统计检察意见书（行刑反向衔接）。',
      'Penalties per reply = opinion replies reporting a penalty ÷ opinion replies (the measure of the SPP 2025 white paper). Procuratorial opinions (reverse connection) only.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: ['reverse_connection'],
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'average_reply_days',
    name: text('平均回复用时', 'Average days to reply'),
    unit: 'days',
    numerator: text('分母中各件自收到文书之日至回复日期的日历天数之和', 'Sum over the denominator of the calendar days from receipt to reply'),
    denominator: text(`${ITEMS['zh-CN']}中，回复日期在统计期间内的件数`, `${ITEMS['en-US']} answered within the period`),
    periodDate: text('回复日期', 'Reply date'),
    description: text('平均回复用时 = 各件“回复日期 − 收到日期”（日历日）之和 ÷ 回复件数。', 'Average days to reply = sum of (reply date − receipt date), in calendar days ÷ number of replies.'),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'money_recovered',
    name: text('追回资金', 'Money recovered'),
    unit: 'money',
    numerator: text('行政机关在书面回复中确认已追回（退还、收缴）的金额之和（元）', 'Sum of the amounts the agencies confirm in their written replies as recovered (repaid, collected), in yuan'),
    denominator: text('无分母；列出追回日期在统计期间内、填写了追回金额的回复所对应的文书', 'No denominator: the documents whose reply records an amount recovered with a recovery date in the period'),
    periodDate: text('追回日期', 'Recovery date'),
    description: text(
      '追回资金 = 行政机关确认已追回的金额之和，按追回日期统计。只计已确认追回的金额；处罚决定的罚款金额、发现但尚未追回的金额不计入。',
      'Money recovered = sum of the amounts the agencies confirm as recovered, by recovery date. Only amounts confirmed recovered count; fines imposed and amounts merely found are kept apart.',
    ),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'units_reclaimed',
    name: text('收回住房', 'Housing units reclaimed'),
    unit: 'count',
    numerator: text('行政机关在书面回复中确认已收回的住房套数之和（另合计面积，平方米）', 'Sum of the housing units the agencies confirm in their written replies as reclaimed (their floor area in m² summed beside)'),
    denominator: text('无分母；列出收回日期在统计期间内、填写了收回套数的回复所对应的文书', 'No denominator: the documents whose reply records units reclaimed with a reclaim date in the period'),
    periodDate: text('收回日期', 'Reclaim date'),
    description: text('收回住房 = 行政机关确认已收回的住房套数之和（及面积之和），按收回日期统计。', 'Housing units reclaimed = sum of the units (and of their area) the agencies confirm as reclaimed, by reclaim date.'),
    subject: 'document',
    audience: 'all',
    kinds: BOTH,
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'transfer_compliance',
    name: text('不起诉案件按期移送率', 'Transfer compliance'),
    unit: 'percent',
    numerator: text('分母中自不起诉决定之日起3个工作日内（次日起算）移送行政检察部门的件数', 'Decisions of the denominator transferred to the administrative prosecution department within 3 working days of the decision (counted from the next day)'),
    denominator: text('登记在线索库中的不起诉决定（来源为不起诉，不含已合并的重复线索），决定日期在统计期间内', 'Non-prosecution decisions in the clue register (source non-prosecution, merged duplicates left out) decided within the period'),
    periodDate: text('不起诉决定日期', 'Date of the non-prosecution decision'),
    description: text(
      '按期移送率 = 3个工作日内移送的不起诉决定数 ÷ 不起诉决定数。工作日按国务院节假日安排（含调休）计算；期限所在年度的节假日安排尚未载入的，计入分母、不计入分子。',
      'Transfer compliance = decisions transferred within 3 working days ÷ decisions. Working days follow the State Council holiday schedule (with make-up working days); a decision whose deadline falls in a year whose schedule is not loaded counts in the denominator only.',
    ),
    subject: 'clue',
    audience: 'procuratorate',
    kinds: ['reverse_connection'],
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'review_on_time',
    name: text('反向衔接审查按期办结率', 'Reviews closed on time'),
    unit: 'percent',
    numerator: text('分母中审查时限结束日不晚于期限届满日的件数（期限为10个工作日，扣除中止审查等暂停期间，含检察长批准的延长）', 'Reviews of the denominator whose clock stopped on or before its due date (10 working days, net of suspensions and other pauses, plus extensions the chief prosecutor approved)'),
    denominator: text('审查时限已结束（审查终结报告或终结审查决定批准、结案）的反向衔接案件，结束日期在统计期间内', 'Reverse-connection reviews whose review clock stopped (closing report or termination approved, case closed) within the period'),
    periodDate: text('审查办结日期（审查时限结束日）', 'Closing date of the review (the day its clock stopped)'),
    description: text(
      '审查按期办结率 = 在10个工作日内（扣除暂停）办结的审查数 ÷ 办结的审查数。依据《人民检察院行刑反向衔接工作指引》第十二、十三条。',
      'Reviews closed on time = reviews closed within 10 working days net of pauses ÷ reviews closed (行刑反向衔接工作指引 arts. 12–13).',
    ),
    subject: 'case',
    audience: 'procuratorate',
    kinds: ['reverse_connection'],
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'average_review_days',
    name: text('平均审查用时', 'Average review days'),
    unit: 'days',
    numerator: text('分母中各件自登记受理之日至审查办结日期的日历天数之和（含暂停期间）', 'Sum over the denominator of the calendar days from registration to the review’s closing date (pauses included)'),
    denominator: text('同审查按期办结率的分母', 'Same as reviews closed on time'),
    periodDate: text('审查办结日期', 'Closing date of the review'),
    description: text('平均审查用时 = 各件“办结日期 − 登记受理日期”（日历日）之和 ÷ 办结的审查数。', 'Average review days = sum of (closing date − registration date), in calendar days ÷ reviews closed.'),
    subject: 'case',
    audience: 'procuratorate',
    kinds: ['reverse_connection'],
    kindFilter: true,
    agencyFilter: true,
  },
  {
    id: 'model_clue_to_case',
    name: text('模型线索成案率', 'Model clues filed as cases'),
    unit: 'percent',
    numerator: text('分母中已立案的件数', 'Clues of the denominator filed as a case (立案)'),
    denominator: text('经人工确认后转为线索的模型命中（来源为模型命中，不含已合并的重复线索），线索登记日期在统计期间内', 'Model hits confirmed and registered as clues (source model hit, merged duplicates left out), registered within the period'),
    periodDate: text('线索登记日期', 'Date the clue was registered'),
    description: text(
      '模型线索成案率 = 立案的模型线索数 ÷ 经确认转为线索的模型命中数。不按案件类型筛选（线索尚无案件类型）。',
      'Model clues filed as cases = model clues filed ÷ confirmed hits registered as clues. Not filtered by case kind (a clue has no kind yet).',
    ),
    subject: 'clue',
    audience: 'procuratorate',
    kinds: BOTH,
    kindFilter: false,
    agencyFilter: true,
  },
  {
    id: 'hit_confirmation',
    name: text('模型命中确认率', 'Hit confirmation rate'),
    unit: 'percent',
    numerator: text('分母中审核结论为“确认”的命中数', 'Hits of the denominator confirmed'),
    denominator: text('已经人工审核（确认或排除）的模型命中，审核日期（北京时间）在统计期间内', 'Model hits reviewed by a person (confirmed or dismissed) on a day (China time) within the period'),
    periodDate: text('命中审核日期', 'Review date of the hit'),
    description: text(
      '命中确认率 = 审核确认的命中数 ÷ 已审核的命中数。待审核的命中不计入。不按行政机关、案件类型筛选（命中尚未指向行政机关或案件）。',
      'Hit confirmation = hits confirmed ÷ hits reviewed. Hits awaiting review are left out. Not filtered by agency or case kind (a hit points at neither yet).',
    ),
    subject: 'hit',
    audience: 'procuratorate',
    kinds: BOTH,
    kindFilter: false,
    agencyFilter: false,
  },
  {
    id: 'change_rate',
    name: text('改变率（再审检察建议、抗诉）', 'Change rate (retrial suggestions, protests)'),
    unit: 'percent',
    numerator: text('分母中法院改判、发回重审或调解结案的件数', 'Items of the denominator after which the court changed the judgment, remanded it or settled by mediation'),
    denominator: text('已送达法院的再审检察建议书、抗诉书中，已登记法院处理结果、结果登记日期在统计期间内的件数', 'Retrial suggestions and protests served on a court whose outcome was recorded within the period'),
    periodDate: text('法院处理结果的登记日期', 'Date the court’s outcome was recorded'),
    description: text(
      '改变率 = 改判、发回重审、调解结案的件数 ÷ 法院已作出处理的再审检察建议和抗诉件数（维持原判、不予再审计入分母）。',
      'Change rate = items changed, remanded or settled ÷ retrial suggestions and protests the court has dealt with (judgments maintained and retrials refused count in the denominator).',
    ),
    subject: 'document',
    audience: 'procuratorate',
    kinds: ['litigation'],
    kindFilter: true,
    agencyFilter: false,
  },
];

export function indicatorDefinition(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.id === id);
}

export function isIndicatorId(value: unknown): value is IndicatorId {
  return typeof value === 'string' && (INDICATOR_IDS as readonly string[]).includes(value);
}
