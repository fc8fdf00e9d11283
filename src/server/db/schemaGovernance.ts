/** 诉源治理's per-case facts and their refresh queue (migration 0019_governance_facts). */

/** date columns come back as YYYY-MM-DD strings (type parser in db/index.ts). */
type DateColumn = string;

export interface GovernanceCaseFactsTable {
  case_id: string;
  procuratorate_id: string;
  registered_on: DateColumn;
  agency_id: string | null;
  /** The case's agency is an organization of kind 'agency'. */
  agency_case: boolean;
  /** '' when none of the sources names one. */
  matter: string;
  kind: string;
  state: string;
  outcome: string | null;
  number: string;
  title: string;
  /** The case's clue carries a governance pattern: a class case drafted from a pattern. */
  from_pattern: boolean;
  served: boolean;
  not_adopted: boolean;
  follow_up: boolean;
  /** The earliest due date among the reply clocks not answered by it: overdue on D ⇔ this < D. */
  unanswered_due_on: DateColumn | null;
}

export interface GovernanceFactQueueTable {
  case_id: string;
}
