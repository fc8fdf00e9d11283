import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { Department, DepartmentKind, Organization, OrganizationKind, Page } from './types';

export interface OrganizationFilter {
  page: number;
  pageSize: number;
  q?: string;
  kind?: OrganizationKind;
}

export interface OrganizationFields {
  name: string;
  shortName: string;
  kind: OrganizationKind;
  code?: string | null;
  parentId?: string | null;
}

export interface OrganizationChanges {
  version: number;
  name?: string;
  shortName?: string;
  code?: string | null;
  parentId?: string | null;
  active?: boolean;
}

export interface DepartmentFields {
  name: string;
  code?: string | null;
  kind?: DepartmentKind;
}

export interface DepartmentChanges {
  version: number;
  name?: string;
  code?: string | null;
  kind?: DepartmentKind;
  active?: boolean;
}

const ORGANIZATIONS_KEY = ['organizations'] as const;

/** The API's largest page: enough for the pick lists of one procuratorate's area. */
const PICK_LIST_SIZE = 200;

export function useOrganizations(filter: OrganizationFilter) {
  return useQuery({
    queryKey: [...ORGANIZATIONS_KEY, filter],
    queryFn: () => api.get<Page<Organization>>(withQuery('/api/organizations', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

/** All organizations, for selects (user's organization, parent organization). */
export function useOrganizationChoices() {
  return useOrganizations({ page: 1, pageSize: PICK_LIST_SIZE });
}

function useOrganizationMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGANIZATIONS_KEY }),
  });
}

export function useCreateOrganization() {
  return useOrganizationMutation((organization: OrganizationFields) =>
    api.post<Organization>('/api/organizations', organization),
  );
}

export function useUpdateOrganization() {
  return useOrganizationMutation(({ id, ...changes }: OrganizationChanges & { id: string }) =>
    api.patch<Organization>(`/api/organizations/${id}`, changes),
  );
}

export function useCreateDepartment() {
  return useOrganizationMutation(
    ({ organizationId, ...department }: DepartmentFields & { organizationId: string }) =>
      api.post<Department>(`/api/organizations/${organizationId}/departments`, department),
  );
}

export function useUpdateDepartment() {
  return useOrganizationMutation(({ id, ...changes }: DepartmentChanges & { id: string }) =>
    api.patch<Department>(`/api/departments/${id}`, changes),
  );
}
