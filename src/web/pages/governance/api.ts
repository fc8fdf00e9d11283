import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatternSuggestionKind } from '../../../domain/governance/patternSuggestion';
import { api, withQuery } from '../../api/client';
import type { Page } from '../../api/types';

/** The shapes of server/routes/governance.ts (诉源治理). */

export interface GovernanceFilter {
  from: string;
  to: string;
  agencyId?: string;
}

export interface GovernanceCounts {
  cases: number;
  served: number;
  notAdopted: number;
  followUps: number;
  overdue: number;
}

export type CountKey = keyof GovernanceCounts;
export const COUNT_KEYS: CountKey[] = ['cases', 'served', 'notAdopted', 'followUps', 'overdue'];
/** The case flag a count stands for (the drill-down's `flag`), none for all cases. */
export const FLAG_OF: Record<CountKey, string | undefined> = { cases: undefined, served: 'served', notAdopted: 'not_adopted', followUps: 'follow_up', overdue: 'overdue' };

export interface AgencyRow extends GovernanceCounts {
  agency: { id: string; name: string };
}
export interface MatterRow extends GovernanceCounts {
  matter: string;
  agencies: number;
}
export interface MonthRow extends GovernanceCounts {
  month: string;
}
export interface PatternRow extends GovernanceCounts {
  agency: { id: string; name: string };
  matter: string;
  firstOn: string;
  lastOn: string;
}

export interface GovernanceCase {
  id: string;
  number: string;
  title: string;
  kind: string;
  state: string;
  registeredOn: string;
  agency: { id: string; name: string };
  matter: string;
  served: boolean;
  notAdopted: boolean;
  followUp: boolean;
  overdue: boolean;
}

/** Which cases a count stands for. `matter` '' is the unclassified matter and must be sent as it is. */
export interface CaseListFilter {
  agencyId?: string;
  matter?: string;
  month?: string;
  flag?: string;
}

const KEY = ['governance'];

function useRows<T>(what: string, filter: GovernanceFilter, extra: Record<string, number> = {}) {
  return useQuery({
    queryKey: [...KEY, what, filter, extra],
    queryFn: () => api.get<{ items: T[] }>(withQuery(`/api/governance/${what}`, { ...filter, ...extra })),
    placeholderData: keepPreviousData,
  });
}

export const useAgencyRanking = (filter: GovernanceFilter) => useRows<AgencyRow>('agencies', filter);
export const useMatterRanking = (filter: GovernanceFilter) => useRows<MatterRow>('matters', filter);
export const useTrend = (filter: GovernanceFilter) => useRows<MonthRow>('trend', filter);
export const usePatterns = (filter: GovernanceFilter, minCases: number) => useRows<PatternRow>('patterns', filter, { minCases });

export function useGovernanceCases(filter: GovernanceFilter, list: CaseListFilter, paging: { page: number; pageSize: number }) {
  const { matter, ...rest } = list;
  // withQuery drops empty strings; the unclassified matter '' is a real filter value.
  const base = withQuery('/api/governance/cases', { ...filter, ...rest, ...paging });
  const url = matter === undefined ? base : `${base}&matter=${encodeURIComponent(matter)}`;
  return useQuery({ queryKey: [...KEY, 'cases', filter, list, paging], queryFn: () => api.get<Page<GovernanceCase>>(url), placeholderData: keepPreviousData });
}

export interface DraftedSuggestion {
  created: boolean;
  caseId: string;
  documentId: string | null;
}

export function useDraftPatternSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { agencyId: string; matter: string; kind: PatternSuggestionKind; from: string; to: string; minCases: number }) =>
      api.post<DraftedSuggestion>('/api/governance/patterns/suggestion', body),
    onSuccess: () => Promise.all([KEY, ['cases'], ['clues'], ['documents'], ['me', 'work']].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}
