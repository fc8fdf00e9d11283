import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingStatus, ResolutionStatus } from '../../domain/jointMeetings';
import { api, withQuery } from './client';
import type { OrganizationKind, Page } from './types';

/** The shapes of server/presenters/jointMeetings.ts. */

export type { MeetingStatus, ResolutionStatus };
export { MEETING_STATUSES, RESOLUTION_STATUSES } from '../../domain/jointMeetings';

export interface OrganizationRef {
  id: string;
  name: string;
  shortName: string;
}

export interface Participant {
  organization: OrganizationRef & { kind: OrganizationKind };
  attendees: string;
}

export type ResolutionStanding = 'open' | 'due_soon' | 'overdue' | 'done';

export interface Resolution {
  id: string;
  meetingId: string;
  seq: number;
  text: string;
  owner: OrganizationRef;
  dueDate: string;
  status: ResolutionStatus;
  standing: ResolutionStanding;
  /** Open: calendar days left (0 = due today). */
  daysRemaining?: number;
  daysOverdue?: number;
  progressNote: string | null;
  progressBy: string | null;
  progressAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What the reader may do with a resolution (decided by the server's policies). */
export interface ResolutionPermissions {
  update: boolean;
  complete: boolean;
  reopen: boolean;
  /** Change text, owner and due date: the convener. */
  correct: boolean;
}

export interface MeetingResolution extends Resolution {
  can: ResolutionPermissions;
}

export interface Meeting {
  id: string;
  title: string;
  convener: OrganizationRef;
  meetingDate: string;
  startTime: string | null;
  location: string | null;
  agenda: string;
  minutes: string | null;
  minutesRecordedBy: string | null;
  minutesRecordedAt: string | null;
  status: MeetingStatus;
  cancelReason: string | null;
  participants: Participant[];
  resolutions: MeetingResolution[];
  can: { edit: boolean; recordMinutes: boolean; cancel: boolean; addResolution: boolean };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MeetingSummary {
  id: string;
  title: string;
  convener: OrganizationRef;
  meetingDate: string;
  startTime: string | null;
  location: string | null;
  status: MeetingStatus;
  participants: OrganizationRef[];
  resolutions: number;
  openResolutions: number;
  version: number;
}

export interface TaskResolution extends MeetingResolution {
  meeting: { id: string; title: string; meetingDate: string };
}

export interface MeetingFilter {
  page: number;
  pageSize: number;
  status?: MeetingStatus;
  from?: string;
  to?: string;
  q?: string;
}

export interface ResolutionFilter {
  page: number;
  pageSize: number;
  owner?: 'mine';
  status?: ResolutionStatus;
}

export interface ParticipantFields {
  organizationId: string;
  attendees: string;
}

export interface MeetingFields {
  title: string;
  meetingDate: string;
  startTime?: string | null;
  location?: string | null;
  agenda: string;
  participants: ParticipantFields[];
}

export interface ResolutionFields {
  text: string;
  ownerOrganizationId: string;
  dueDate: string;
}

export interface ResolutionChanges {
  version: number;
  progressNote?: string | null;
  status?: ResolutionStatus;
  text?: string;
  ownerOrganizationId?: string;
  dueDate?: string;
}

export interface OrganizationChoice extends OrganizationRef {
  kind: OrganizationKind;
}

const MEETINGS_KEY = ['joint-meetings'] as const;

export function useMeetings(filter: MeetingFilter) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'list', filter],
    queryFn: () => api.get<Page<MeetingSummary>>(withQuery('/api/joint-meetings', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, id],
    queryFn: () => api.get<Meeting>(`/api/joint-meetings/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });
}

export function useResolutions(filter: ResolutionFilter, enabled = true) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'resolutions', filter],
    queryFn: () => api.get<Page<TaskResolution>>(withQuery('/api/joint-meetings/resolutions', { ...filter })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Units that can be invited (for the convener's forms). */
export function useMeetingOrganizations(enabled = true) {
  return useQuery({
    queryKey: [...MEETINGS_KEY, 'organizations'],
    queryFn: () => api.get<{ items: OrganizationChoice[] }>('/api/joint-meetings/organizations'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** The meeting record as XLSX (a plain GET: a link downloads it). */
export function meetingRecordUrl(id: string): string {
  return `/api/joint-meetings/${encodeURIComponent(id)}/record.xlsx`;
}

/** Any change can move a meeting in lists, task lists and the home page's pending work. */
function useMeetingMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: MEETINGS_KEY }), queryClient.invalidateQueries({ queryKey: ['me', 'work'] })]),
  });
}

export function useScheduleMeeting() {
  return useMeetingMutation((fields: MeetingFields) => api.post<Meeting>('/api/joint-meetings', fields));
}

export function useUpdateMeeting() {
  return useMeetingMutation(({ id, ...changes }: Partial<MeetingFields> & { id: string; version: number }) =>
    api.patch<Meeting>(`/api/joint-meetings/${encodeURIComponent(id)}`, changes),
  );
}

export function useRecordMinutes() {
  return useMeetingMutation(({ id, ...body }: { id: string; version: number; minutes: string }) =>
    api.post<Meeting>(`/api/joint-meetings/${encodeURIComponent(id)}/minutes`, body),
  );
}

export function useCancelMeeting() {
  return useMeetingMutation(({ id, ...body }: { id: string; version: number; reason: string }) =>
    api.post<Meeting>(`/api/joint-meetings/${encodeURIComponent(id)}/cancel`, body),
  );
}

export function useAddResolution() {
  return useMeetingMutation(({ meetingId, ...fields }: ResolutionFields & { meetingId: string }) =>
    api.post<Resolution>(`/api/joint-meetings/${encodeURIComponent(meetingId)}/resolutions`, fields),
  );
}

export function useUpdateResolution() {
  return useMeetingMutation(({ meetingId, id, ...changes }: ResolutionChanges & { meetingId: string; id: string }) =>
    api.patch<Resolution>(`/api/joint-meetings/${encodeURIComponent(meetingId)}/resolutions/${encodeURIComponent(id)}`, changes),
  );
}
