/** What leaves the server for indicators: definitions in both languages, figures, drill-down lines. */
import type { FunnelStep, IndicatorDefinition } from '../../domain/indicators/index.js';
import type { BreakdownRow } from '../indicators/breakdowns.js';
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
    audience: d.audience,
    kinds: d.kinds,
    kindFilter: d.kindFilter,
    agencyFilter: d.agencyFilter,
  };
}

export function presentFigure(d: IndicatorDefinition, figure: Figure) {
  return { ...figure, area: figure.area ?? null, definition: presentDefinition(d) };
}

export function presentBreakdownRow(row: BreakdownRow) {
  return { key: row.key, label: row.label, numerator: row.numerator, denominator: row.denominator, value: row.value, area: row.area ?? null };
}

export function presentFunnelStep(step: FunnelStep, count: number) {
  return { id: step.id, name: step.name, definition: step.definition, count };
}

const decimal = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

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
    procurator: row.procurator_id ? { id: row.procurator_id, name: row.procurator_name ?? null } : null,
    kind: row.kind,
    periodDate: row.period_date,
    month: row.period_month ?? row.period_date.slice(0, 7),
    dueOn: row.due_on,
    doneOn: row.done_on,
    outcome: row.outcome,
    inNumerator: row.in_numerator,
    days: row.days,
    amount: decimal(row.amount),
    area: decimal(row.area),
  };
}
