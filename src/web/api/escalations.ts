import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EscalationMethod, EscalationOutcome, EscalationRecipientKind, EscalationStatus } from '../../domain/cases/escalation';
import type { DocumentType } from '../../domain/documents/types';
import { api } from './client';
import type { Ref } from './cases';

/** The shapes of server/presenters/escalations.ts: 通报 / 抄送 of a case, the procuratorate's only. */

export type { EscalationMethod, EscalationOutcome, EscalationRecipientKind, EscalationStatus };

export interface EscalationNotice {
  id: string;
  caseId: string;
  recipientKind: EscalationRecipientKind;
  recipientName: string;
  recipientOrganization: Ref | null;
  documents: { id: string; type: DocumentType | null; number: string | null; servedOn: string | null }[];
  content: string;
  sentOn: string;
  method: EscalationMethod;
  answerExpectedBy: string | null;
  answerOverdue: boolean;
  attachments: { id: string; fileName: string }[];
  status: EscalationStatus;
  answeredOn: string | null;
  answerSummary: string | null;
  answerOutcome: EscalationOutcome | null;
  closedOn: string | null;
  closingNote: string | null;
  recordedBy: string;
  recordedAt: string;
  version: number;
}

export interface EscalationNoticeInput {
  caseId: string;
  /** The case's version: a new notice is a step of the case. */
  version: number;
  recipientKind: EscalationRecipientKind;
  recipientName: string | null;
  recipientOrganizationId: string | null;
  documentIds: string[];
  content: string;
  sentOn: string;
  method: EscalationMethod;
  answerExpectedBy: string | null;
}

const noticesKey = (caseId: string) => ['cases', caseId, 'escalation-notices'] as const;

export function useEscalationNotices(caseId: string) {
  return useQuery({ queryKey: noticesKey(caseId), queryFn: () => api.get<{ items: EscalationNotice[] }>(`/api/cases/${caseId}/escalation-notices`) });
}

/** Every step moves the case (its version, its timeline) and may settle a task: both go stale. */
function useNoticeMutation<Input>(mutationFn: (input: Input) => Promise<EscalationNotice>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void Promise.all([['cases'], ['me', 'work']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

export function useRecordEscalationNotice() {
  return useNoticeMutation(({ caseId, ...body }: EscalationNoticeInput) => api.post<EscalationNotice>(`/api/cases/${caseId}/escalation-notices`, body));
}

export function useAnswerEscalationNotice() {
  return useNoticeMutation(({ id, ...body }: { id: string; version: number; answeredOn: string; summary: string; outcome: EscalationOutcome }) =>
    api.post<EscalationNotice>(`/api/escalation-notices/${id}/answer`, body),
  );
}

export function useCloseEscalationNotice() {
  return useNoticeMutation(({ id, ...body }: { id: string; version: number; closedOn: string; note: string | null }) => api.post<EscalationNotice>(`/api/escalation-notices/${id}/close`, body));
}
