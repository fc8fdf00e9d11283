/**
 * The charge → agency → penalty knowledge base (DOMAIN.md §9) as data: which agency can sanction
 * the conduct behind a dropped criminal charge, and under which provision. Every rule is editable
 * reference data, versioned on the server; nothing here decides a case.
 */
import type { IsoDate } from '../calendar/isoDate';
import type { AgencySector } from './sectors';

/** How far the research behind a row or provision could pin it down (DOMAIN §9 "confidence"). */
export const CONFIDENCE_LEVELS = ['confirmed', 'partly_confirmed', 'unconfirmed'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/**
 * What a provision lets the agency do. Penalties follow the kinds of 行政处罚法 (2021) art. 9;
 * `qualification_loss`, `occupational_ban` and `remedial_order` are consequences or measures that
 * go with them (DOMAIN §3 item 9: penalty, other sanction, confiscation).
 */
export const SANCTION_KINDS = [
  'warning',
  'fine',
  'confiscation',
  'detention',
  'licence_suspension',
  'licence_revocation',
  'licence_bar',
  'permit_cancellation',
  'business_restriction',
  'occupational_ban',
  'qualification_loss',
  'remedial_order',
  'other',
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const SANCTION_KIND_LABELS: Readonly<Record<SanctionKind, { 'zh-CN': string; 'en-US': string }>> = {
  warning: { 'zh-CN': '警告、通报批评', 'en-US': 'Warning' },
  fine: { 'zh-CN': '罚款', 'en-US': 'Fine' },
  confiscation: { 'zh-CN': '没收违法所得、非法财物', 'en-US': 'Confiscation' },
  detention: { 'zh-CN': '行政拘留', 'en-US': 'Administrative detention' },
  licence_suspension: { 'zh-CN': '暂扣许可证件', 'en-US': 'Licence suspended' },
  licence_revocation: { 'zh-CN': '吊销许可证件', 'en-US': 'Licence revoked' },
  licence_bar: { 'zh-CN': '一定期限内不得重新取得', 'en-US': 'Barred from a new licence' },
  permit_cancellation: { 'zh-CN': '注销许可、资格证件', 'en-US': 'Permit cancelled' },
  business_restriction: { 'zh-CN': '限制生产经营、责令停产停业、责令关闭', 'en-US': 'Business restricted or closed' },
  occupational_ban: { 'zh-CN': '限制从业、从业禁止', 'en-US': 'Occupational ban' },
  qualification_loss: { 'zh-CN': '丧失资格', 'en-US': 'Qualification lost' },
  remedial_order: { 'zh-CN': '责令改正、恢复原状、补种', 'en-US': 'Order to remedy' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** After which criminal outcome a rule applies: reverse connection starts from 不起诉; some
 * consequences (a teacher's qualification, a company officer's disqualification) follow a conviction. */
export const RULE_TRIGGERS = ['non_prosecution', 'conviction'] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

/** One version of one legal provision. */
export interface Provision {
  /** Stable within its rule, e.g. `rtsl-91-2`. */
  id: string;
  /**
   * Versions of the same norm share a series (治安管理处罚法 before and after the 2026 revision):
   * when an act falls under one and a later one exists, the reviewer chooses (行政处罚法 art. 37).
   */
  series?: string;
  /** 法律 / 行政法规 name in Chinese, e.g. 中华人民共和国道路交通安全法. */
  law: string;
  /** The text version, e.g. 2021年修正; empty when not recorded. */
  lawVersion: string;
  /** e.g. 第九十一条第二款; empty when the article is not pinned down. */
  article: string;
  summary: string;
  sanctionKinds: SanctionKind[];
  /** The agency sectors that apply this provision (a subset of the rule's; all when absent). */
  sectors?: AgencySector[];
  /** null: from an unrecorded date (treated as in force). */
  effectiveFrom: IsoDate | null;
  /** null: still in force. Inclusive: the last day the text applied. */
  effectiveTo: IsoDate | null;
  confidence: Confidence;
  note?: string;
}

/** One row of the knowledge base: a charge, the agencies able to sanction it, their provisions. */
export interface ChargeRule {
  /** Stable code, e.g. `dangerous_driving_drunk`. */
  code: string;
  /** The charge as procuratorates write it (罪名), with any qualifier: 危险驾驶罪（醉酒驾驶营运机动车）. */
  charge: string;
  /** What a charge text must contain to match, besides the charge itself: 醉驾, 帮信 … */
  aliases: string[];
  sectors: AgencySector[];
  appliesAfter: RuleTrigger[];
  provisions: Provision[];
  /** The row as a whole: a provision may be confirmed while the agency route is not (row 13). */
  confidence: Confidence;
  note?: string;
  /** Where the row comes from, e.g. "DOMAIN §9 row 1". */
  source?: string;
  /** The period the row itself applies to (null: open). */
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
}
