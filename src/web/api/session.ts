import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Locale, adoptServerLocale, locallyChosenLocale } from '../i18n';
import { ApiError, api, setCsrfToken } from './client';
import type { Session } from './types';

export const SESSION_KEY = ['session'] as const;

/** Drops every cached answer except the session itself, so one user never sees another's data. */
function forgetUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

function receiveSession(session: Session): Session {
  setCsrfToken(session.csrfToken);
  adoptServerLocale(session.user.locale);
  return session;
}

async function fetchSession(): Promise<Session | null> {
  try {
    return receiveSession(await api.get<Session>('/api/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** `data` is null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity });
}

/** For pages behind the sign-in gate, where a session is always there. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside the signed-in area');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { username: string; password: string }) => {
      const session = receiveSession(await api.post<Session>('/api/auth/login', credentials));
      // A language picked in this browser (e.g. on the sign-in page) is saved to the account.
      const chosen = locallyChosenLocale();
      if (!chosen || chosen === session.user.locale) return session;
      return api
        .patch<Session>('/api/me', { locale: chosen })
        .then(receiveSession)
        .catch(() => session); // the language is a convenience: signing in must not fail on it
    },
    onSuccess: (session) => {
      forgetUserData(queryClient);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      forgetUserData(queryClient);
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export interface ProfileChanges {
  displayName?: string;
  locale?: Locale;
  phone?: string | null;
  email?: string | null;
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api.patch<Session>('/api/me', changes).then(receiveSession),
    onSuccess: (session) => queryClient.setQueryData(SESSION_KEY, session),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.put<void>('/api/me/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
