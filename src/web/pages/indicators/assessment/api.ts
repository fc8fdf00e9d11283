import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** The shapes of server/indicators/assessmentReports.ts listReports. */
export interface AssessmentCounts {
  received: number;
  replied: number;
  on_time: number;
  adopted: number;
  rectified: number;
  overdue: number;
}

export interface AssessmentReportView {
  id: string;
  month: string;
  from: string;
  to: string;
  asOf: string;
  generatedAt: string;
  state: 'draft' | 'published';
  version: number;
  rows: (AssessmentCounts & { agencyId: string; agencyName: string })[];
  total: AssessmentCounts | null;
  files: { xlsx: { bytes: number; sha256: string }; docx: { bytes: number; sha256: string } } | null;
  signOff: {
    mode: 'required' | 'none';
    confirmations: { agencyId: string; by: string; at: string }[];
    pendingAgencies: { id: string; name: string }[];
    mayConfirm: boolean;
  };
  published: { at: string; by: string | null; overrideReason: string | null } | null;
}

const KEY = ['assessment-reports'] as const;

export function useAssessmentReports() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: AssessmentReportView[] }>('/api/assessment-reports') });
}

export function useConfirmReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/assessment-reports/${id}/confirm`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function usePublishReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, overrideReason }: { id: string; version: number; overrideReason?: string }) =>
      api.post(`/api/assessment-reports/${id}/publish`, { version, overrideReason: overrideReason || null }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
