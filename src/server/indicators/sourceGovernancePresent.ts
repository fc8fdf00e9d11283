/** What leaves the server for 诉源治理: camel-cased counts and case lines (no ID numbers are read). */
import type { GovernanceCaseRow, GovernanceCounts } from './sourceGovernance.js';

export function presentCounts(row: GovernanceCounts) {
  return { cases: row.cases, served: row.served, notAdopted: row.not_adopted, followUps: row.follow_ups, overdue: row.overdue };
}

export function presentGovernanceCase(row: GovernanceCaseRow) {
  return {
    id: row.case_id,
    number: row.case_number,
    title: row.title,
    kind: row.kind,
    state: row.state,
    outcome: row.outcome,
    registeredOn: row.registered_on,
    agency: { id: row.agency_id, name: row.agency_name },
    matter: row.matter,
    served: row.served,
    notAdopted: row.not_adopted,
    followUp: row.follow_up,
    overdue: row.overdue,
  };
}
