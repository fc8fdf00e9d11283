import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { AuditEvent, AuditVerification, Page } from './types';

export interface AuditFilter {
  page: number;
  pageSize: number;
  action?: string;
  recordType?: string;
}

export function useAuditEvents(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => api.get<Page<AuditEvent>>(withQuery('/api/audit', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the hash chain on the server; run on demand, never cached. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
}
