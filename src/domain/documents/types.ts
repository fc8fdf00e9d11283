/**
 * The content of a procuratorial document (法律文书, DOMAIN.md §8), independent of its layout.
 * Drafted from a template, edited by the procurator, then rendered as DOCX (server) or as an
 * HTML preview (web) from the same data.
 */
export const DOCUMENT_TYPES = [
  'procuratorial_opinion',
  'procuratorial_suggestion',
  'follow_up_letter',
  'suspension_decision',
  'review_closing_report',
  'termination_decision',
  'objection_review_notice',
  // 行政诉讼监督 (DOMAIN.md §5)
  'retrial_suggestion',
  'protest',
  'protest_request_report',
  'litigation_suggestion',
  'non_support_decision',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const SUGGESTION_KINDS = ['individual', 'class', 'social_governance'] as const; // 纠正违法(个案) / 类案 / 社会治理
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface DocumentParagraph {
  heading?: string;
  text: string;
}

export interface DocumentContent {
  type: DocumentType;
  issuer: string; // e.g. 北京市朝阳区人民检察院
  title: string; // e.g. 检察意见书
  number: string | null; // e.g. 京朝检行意〔2026〕3号; null while a draft
  recipient: string | null; // 主送, null for internal documents
  paragraphs: DocumentParagraph[];
  signOff: { issuer: string; date: string | null }; // ISO date, null while a draft
  copyTo: string[]; // 抄送
  annex: { title: string; columns: string[]; rows: string[][] } | null; // e.g. case list of a class suggestion
  internal: boolean; // 审查终结报告: no red header, no seal, no recipient
}

export interface DocumentLayout {
  redHeader: boolean;
  headerText: string | null /* e.g. 北京市朝阳区人民检察院 */;
}
