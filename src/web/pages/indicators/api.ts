/**
 * The dashboards' queries: figures, breakdowns, the funnel and every drill-down list, in the
 * shapes of server/presenters/indicators.ts.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CaseKind } from '../../../domain/cases/lifecycle';
import type { BreakdownDimension } from '../../../domain/indicators/breakdowns';
import type { IndicatorDefinition, IndicatorId, Localized } from '../../../domain/indicators/definitions';
import type { FunnelStepId } from '../../../domain/indicators/funnel';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

/** A definition as GET /api/indicators sends it: every field of the domain's (presentDefinition). */
export type IndicatorDefinitionView = IndicatorDefinition;

export interface FigureValues {
  numerator: number;
  denominator: number;
  value: number | null;
  /** Housing units reclaimed: m². */
  area: number | null;
}

export interface IndicatorFigure extends FigureValues {
  definition: IndicatorDefinitionView;
}

export interface IndicatorFilter {
  from: string;
  to: string;
  agencyId?: string;
  kind?: CaseKind;
}

/** One breakdown cell, as the drill-down takes it ("none": the items without a value). */
export interface IndicatorCell {
  agencyId?: string;
  month?: string;
  procuratorId?: string;
  caseKind?: string;
}

export interface IndicatorFigures {
  from: string;
  to: string;
  asOf: string;
  agencyId: string | null;
  kind: CaseKind | null;
  items: IndicatorFigure[];
}

export interface IndicatorItem {
  type: 'document' | 'clue' | 'case' | 'hit';
  id: string;
  label: string | null;
  documentType: string | null;
  title: string | null;
  case: { id: string; number: string | null } | null;
  agency: { id: string; name: string | null } | null;
  procurator: { id: string; name: string | null } | null;
  kind: CaseKind | null;
  periodDate: string;
  month: string;
  dueOn: string | null;
  doneOn: string | null;
  outcome: string | null;
  inNumerator: boolean;
  days: number | null;
  amount: number | null;
  area: number | null;
}

export type IndicatorPart = 'numerator' | 'denominator' | 'remainder';

export interface BreakdownRow extends FigureValues {
  key: string;
  label: string | null;
}

export interface FunnelStepView {
  id: FunnelStepId;
  name: Localized;
  definition: Localized;
  count: number;
}

export function useIndicators(filter: IndicatorFilter) {
  return useQuery({
    queryKey: ['indicators', filter],
    queryFn: () => api.get<IndicatorFigures>(withQuery('/api/indicators', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

export function useIndicatorItems(id: IndicatorId | null, params: IndicatorFilter & IndicatorCell & { part: IndicatorPart; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['indicators', id, 'items', params],
    queryFn: () => api.get<Page<IndicatorItem>>(withQuery(`/api/indicators/${id}/items`, { ...params })),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useBreakdown(id: IndicatorId | null, dimension: BreakdownDimension, filter: IndicatorFilter) {
  return useQuery({
    queryKey: ['indicators', id, 'breakdown', dimension, filter],
    queryFn: () => api.get<{ items: BreakdownRow[] }>(withQuery(`/api/indicators/${id}/breakdown`, { ...filter, dimension })),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFunnel(filter: IndicatorFilter, enabled = true) {
  return useQuery({
    queryKey: ['indicators', 'funnel', filter],
    queryFn: () => api.get<{ steps: FunnelStepView[] }>(withQuery('/api/indicators/funnel', { ...filter })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useFunnelItems(step: FunnelStepId | null, params: IndicatorFilter & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['indicators', 'funnel', step, 'items', params],
    queryFn: () => api.get<Page<IndicatorItem>>(withQuery('/api/indicators/funnel/items', { ...params, step })),
    enabled: step !== null,
    placeholderData: keepPreviousData,
  });
}
