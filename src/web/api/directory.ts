import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Contact, DirectoryOrganization } from './types';

export function useDirectory() {
  return useQuery({
    queryKey: ['directory'],
    queryFn: () => api.get<{ organizations: DirectoryOrganization[] }>('/api/directory'),
  });
}

export interface MyOrganizationDirectory {
  organization: DirectoryOrganization;
  procuratorateContacts: Contact[];
}

export function useMyOrganization() {
  return useQuery({
    queryKey: ['my-organization'],
    queryFn: () => api.get<MyOrganizationDirectory>('/api/my-organization'),
  });
}
