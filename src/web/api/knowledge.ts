import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RuleProposal } from '../../domain/knowledgeBase/propose';
import type { AgencySector } from '../../domain/knowledgeBase/sectors';
import type { ChargeRule } from '../../domain/knowledgeBase/types';
import type { OrganizationKind } from '../../domain/roles';
import { api, withQuery } from './client';

export type { AgencySector, ChargeRule };

/** The current version of a rule (presenters/knowledgeBase.ts `presentRule`). */
export interface ChargeRuleView extends ChargeRule {
  version: number;
  builtIn: boolean;
  changeNote: string | null;
  updatedBy: string;
  updatedAt: string;
}

export interface ChargeRuleVersion {
  version: number;
  changeNote: string | null;
  createdBy: string;
  createdAt: string;
  /** When a newer version replaced it; null for the current one. */
  retiredAt: string | null;
  rule: ChargeRule;
}

export interface ChargeRuleDetail extends ChargeRuleView {
  /** Newest first, the current version included. */
  history: ChargeRuleVersion[];
}

/** What an edit sends: the rule's content, the version it started from, and why. */
export type ChargeRuleContent = Omit<ChargeRule, 'code'>;

export interface SectorOrganization {
  id: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  active: boolean;
  sectors: AgencySector[];
}

export interface ChargeProposal extends RuleProposal {
  version: number;
  agencies: { sector: AgencySector; organizations: { id: string; name: string; shortName: string }[] }[];
}

export const KNOWLEDGE_KEY = ['knowledge'] as const;

export function useChargeRules() {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'rules'],
    queryFn: () => api.get<{ items: ChargeRuleView[] }>('/api/knowledge/charge-rules'),
  });
}

export function useChargeRule(code: string | null) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'rules', code],
    queryFn: () => api.get<ChargeRuleDetail>(`/api/knowledge/charge-rules/${encodeURIComponent(code!)}`),
    enabled: code !== null,
  });
}

function useInvalidateKnowledge() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KNOWLEDGE_KEY });
}

export function useUpdateChargeRule() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ code, ...body }: ChargeRuleContent & { code: string; version: number; changeNote?: string | null }) =>
      api.put<ChargeRuleView>(`/api/knowledge/charge-rules/${encodeURIComponent(code)}`, body),
    onSuccess: invalidate,
  });
}

export function useCreateChargeRule() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: (body: ChargeRule & { changeNote?: string | null }) => api.post<ChargeRuleView>('/api/knowledge/charge-rules', body),
    onSuccess: invalidate,
  });
}

export function useSectorMap() {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'sectors'],
    queryFn: () => api.get<{ organizations: SectorOrganization[] }>('/api/knowledge/sectors'),
  });
}

export function useSetSectors() {
  const invalidate = useInvalidateKnowledge();
  return useMutation({
    mutationFn: ({ organizationId, sectors }: { organizationId: string; sectors: AgencySector[] }) =>
      api.put<SectorOrganization>(`/api/knowledge/sectors/${organizationId}`, { sectors }),
    onSuccess: invalidate,
  });
}

/** Nothing is asked until there is a charge to ask about. */
export function useProposals(charge: string, actDate: string | null) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'propose', charge, actDate],
    queryFn: () => api.get<{ proposals: ChargeProposal[] }>(withQuery('/api/knowledge/propose', { charge, actDate })),
    enabled: charge.trim() !== '',
  });
}
