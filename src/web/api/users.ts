import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { Page, Role, User } from './types';

export interface UserFilter {
  page: number;
  pageSize: number;
  q?: string;
  organizationId?: string;
  role?: Role;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  organizationId: string;
  departmentId?: string | null;
  roles: Role[];
  phone?: string | null;
  email?: string | null;
}

export interface UserChanges {
  version: number;
  displayName?: string;
  organizationId?: string;
  departmentId?: string | null;
  roles?: Role[];
  active?: boolean;
  phone?: string | null;
  email?: string | null;
}

const USERS_KEY = ['users'] as const;

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: [...USERS_KEY, filter],
    queryFn: () => api.get<Page<User>>(withQuery('/api/users', { ...filter })),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useCreateUser() {
  return useUserMutation((user: NewUser) => api.post<User>('/api/users', user));
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...changes }: UserChanges & { id: string }) =>
    api.patch<User>(`/api/users/${id}`, changes),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api.post<void>(`/api/users/${id}/reset-password`, { newPassword }),
  );
}

export function useUnlockUser() {
  return useUserMutation((id: string) => api.post<void>(`/api/users/${id}/unlock`));
}
