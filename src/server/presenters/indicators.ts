/** What leaves the server for indicators: definitions in both languages, figures, drill-down lines. */
import type { IndicatorDefinition } from '../../domain/indicators/index.js';
import type { Figure } from '../indicators/figures.js';
import type { IndicatorItemRow } from '../indicators/items.js';

export function presentDefinition(d: IndicatorDefinition) {
  return {
    id: d.id,
    name: d.name,
    unit: d.unit,
    numerator: d.numerator,
    denominator: d.denominator,
    periodDate: d.periodDate,
    description: d.description,
    subject: d.subject,
    kinds: d.kinds,
    kindFilter: d.kindFilter,
  };
}

export function presentFigure(d: IndicatorDefinition, figure: Figure) {
  return { ...figure, definition: presentDefinition(d) };
}

/**
 * One line of a drill-down. Case titles carry the person's name: shown to the procuratorate and
 * to the agency the item was addressed to, not to the justice bureau, which assesses agencies and
 * sees document numbers, dates and outcomes.
 */
export function presentItem(row: IndicatorItemRow, options: { caseTitles: boolean }) {
  return {
    type: row.item_type,
    id: row.item_id,
    label: row.item_label,
    documentType: row.document_type,
    title: options.caseTitles ? row.title : null,
    case: row.case_id ? { id: row.case_id, number: row.case_number } : null,
    agency: row.agency_id ? { id: row.agency_id, name: row.agency_name } : null,
    kind: row.kind,
    periodDate: row.period_date,
    dueOn: row.due_on,
    doneOn: row.done_on,
    outcome: row.outcome,
    inNumerator: row.in_numerator,
    days: row.days,
  };
}
