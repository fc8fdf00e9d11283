import type { ColumnType, Generated } from 'kysely';
import type { EscalationMethod, EscalationOutcome, EscalationRecipientKind, EscalationStatus } from '../../domain/cases/escalation.js';

type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>;
/** date columns come back as YYYY-MM-DD strings (type parser in db/index.ts). */
type DateColumn = string;

/**
 * 通报 / 抄送: a case's escalation notices to the recipient's superior, the government, the
 * congress … and their answers (migration 0021; domain/cases/escalation.ts).
 */
export interface EscalationNoticesTable {
  id: Generated<string>;
  case_id: string;
  recipient_kind: EscalationRecipientKind;
  recipient_name: string;
  /** When the recipient is an organization of the system (an agency, the justice bureau …). */
  recipient_organization_id: string | null;
  /** The documents of the case left unanswered (opinion, suggestion, follow-up letter). */
  document_ids: JsonDefault<string[]>;
  content: string;
  sent_on: DateColumn;
  method: EscalationMethod;
  answer_expected_by: DateColumn | null;
  /** Case attachments (owner_type 'case') sent with the notice. */
  attachment_ids: JsonDefault<string[]>;
  status: Generated<EscalationStatus>;
  answered_on: DateColumn | null;
  answer_summary: string | null;
  answer_outcome: EscalationOutcome | null;
  closed_on: DateColumn | null;
  closing_note: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: GeneratedTimestamp;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}
