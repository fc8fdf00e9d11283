import type { ColumnType } from 'kysely';
import type { CaseKind, ReplyResult } from '../../domain/cases/index.js';
import type { OrganizationKind } from '../../domain/roles.js';

/** date columns come back as YYYY-MM-DD strings (type parser in db/index.ts). */
type DateColumn = string;
/** Written only by refresh_indicator_facts() (migration 0018), never by the application. */
type Maintained<T> = ColumnType<T, never, never>;

/**
 * One row the document indicators start from (migration 0018, src/server/indicators/items.ts): an
 * item document with its first reply clock's due date and one of its replies (or none). A copy of
 * the view `indicator_document_facts_source`, refreshed from `indicator_fact_queue`.
 */
export interface IndicatorDocumentFactsTable {
  document_id: Maintained<string>;
  type: Maintained<string>;
  case_id: Maintained<string>;
  case_kind: Maintained<CaseKind | null>;
  procurator_id: Maintained<string | null>;
  recipient_id: Maintained<string | null>;
  recipient_kind: Maintained<OrganizationKind | null>;
  served_on: Maintained<DateColumn | null>;
  received_on: Maintained<DateColumn | null>;
  due_on: Maintained<DateColumn | null>;
  reply_id: Maintained<string | null>;
  replied_on: Maintained<DateColumn | null>;
  result: Maintained<ReplyResult | null>;
  evaluation: Maintained<ReplyResult | null>;
  evaluated_on: Maintained<DateColumn | null>;
  has_penalty: Maintained<boolean>;
  court_outcome: Maintained<string | null>;
  recovered_on: Maintained<DateColumn | null>;
  recovered_amount: Maintained<string | null>;
  reclaimed_on: Maintained<DateColumn | null>;
  units_reclaimed: Maintained<number | null>;
  area_reclaimed: Maintained<string | null>;
}

/** Documents whose facts may be stale: filled by triggers, emptied by refresh_indicator_facts(). */
export interface IndicatorFactQueueTable {
  document_id: string;
}

/**
 * One clue not merged, for the funnel and the model-clue figure (migration 0018,
 * src/server/indicators/funnel.ts): its case's filing date, agency, kind and procurator, and the
 * first day by which one of the case's served opinions or suggestions was served, answered, and
 * answered with a penalty or evaluated "adopted". A copy of `indicator_clue_facts_source`.
 */
export interface IndicatorClueFactsTable {
  clue_id: Maintained<string>;
  source: Maintained<string>;
  received_on: Maintained<DateColumn>;
  /** The clue's own agency (model clues). */
  clue_agency_id: Maintained<string | null>;
  /** The non-prosecution decision's date and transfer date (clues.np_decided_on, np_transferred_on). */
  np_decided_on: Maintained<DateColumn | null>;
  np_transferred_on: Maintained<DateColumn | null>;
  /** The case's agency, else the clue's (the funnel). */
  agency_id: Maintained<string | null>;
  case_id: Maintained<string | null>;
  registered_on: Maintained<DateColumn | null>;
  case_kind: Maintained<CaseKind | null>;
  procurator_id: Maintained<string | null>;
  served_first: Maintained<DateColumn | null>;
  replied_first: Maintained<DateColumn | null>;
  corrected_first: Maintained<DateColumn | null>;
}

/** A closed reverse-connection review (stopped review clock) with its case's columns (migration 0018). */
export interface IndicatorReviewFactsTable {
  clock_id: Maintained<string>;
  case_id: Maintained<string>;
  stopped_on: Maintained<DateColumn>;
  due_on: Maintained<DateColumn | null>;
  registered_on: Maintained<DateColumn>;
  agency_id: Maintained<string | null>;
  case_kind: Maintained<CaseKind>;
  procurator_id: Maintained<string | null>;
}

export interface IndicatorClueQueueTable {
  clue_id: string;
}

export interface IndicatorCaseQueueTable {
  case_id: string;
}
