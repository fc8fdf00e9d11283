import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dueOn: string | null;
  createdAt: string;
  read: boolean;
}

/** My deadline reminders; polled so a reminder from the hourly scan shows up without a reload. */
export function useNotifications() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ total: number; unread: number; items: Notice[] }>('/api/notifications?pageSize=10'),
    refetchInterval: 5 * 60 * 1000,
  });
}

export function useMarkNoticeRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ id: string; read: boolean }>(`/api/notifications/${id}/read`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
