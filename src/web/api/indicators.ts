import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CaseKind } from '../../domain/cases/lifecycle';
import type { IndicatorId, Localized } from '../../domain/indicators/definitions';
import { api, withQuery } from './client';
import type { Page } from './types';

/** The shapes of server/presenters/indicators.ts. */

export interface IndicatorDefinitionView {
  id: IndicatorId;
  name: Localized;
  unit: 'percent' | 'days';
  numerator: Localized;
  denominator: Localized;
  periodDate: Localized;
  description: Localized;
  subject: 'document' | 'clue' | 'case';
  kinds: CaseKind[];
  kindFilter: boolean;
}

export interface IndicatorFigure {
  numerator: number;
  denominator: number;
  value: number | null;
  definition: IndicatorDefinitionView;
}

export interface IndicatorFilter {
  from: string;
  to: string;
  agencyId?: string;
  kind?: CaseKind;
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
  type: 'document' | 'clue' | 'case';
  id: string;
  label: string | null;
  documentType: string | null;
  title: string | null;
  case: { id: string; number: string | null } | null;
  agency: { id: string; name: string | null } | null;
  kind: CaseKind | null;
  periodDate: string;
  dueOn: string | null;
  doneOn: string | null;
  outcome: string | null;
  inNumerator: boolean;
  days: number | null;
}

export type IndicatorPart = 'numerator' | 'denominator';

export function useIndicators(filter: IndicatorFilter) {
  return useQuery({
    queryKey: ['indicators', filter],
    queryFn: () => api.get<IndicatorFigures>(withQuery('/api/indicators', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

export function useIndicatorItems(id: IndicatorId | null, filter: IndicatorFilter & { part: IndicatorPart; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['indicators', id, 'items', filter],
    queryFn: () => api.get<Page<IndicatorItem>>(withQuery(`/api/indicators/${id}/items`, { ...filter })),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}
