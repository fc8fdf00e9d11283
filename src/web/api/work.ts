import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { WorkItem } from './types';

export function useMyWork() {
  return useQuery({
    queryKey: ['me', 'work'],
    queryFn: () => api.get<{ items: WorkItem[] }>('/api/me/work'),
  });
}
