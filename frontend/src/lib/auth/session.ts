import { queryOptions, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { tokenStore } from '@/lib/auth/token-store';

export type CurrentUser = components['schemas']['Me'];

export const meQueryKey = ['auth', 'me'] as const;

/** What a reload may assume of the user before /auth/me answers (app/boot's prefetch); no secret, and only a hint. */
export type UserHint = Pick<CurrentUser, 'capabilities'> & { level?: CurrentUser['organisation']['level'] };
const USER_HINT_KEY = 'tmis.user';

export function userHint(): UserHint | null {
  try {
    const hint = JSON.parse(window.localStorage.getItem(USER_HINT_KEY) ?? 'null') as UserHint | null;
    return Array.isArray(hint?.capabilities) ? hint : null;
  } catch {
    return null;
  }
}

export async function fetchMe(): Promise<CurrentUser> {
  const user = await unwrap(api.GET('/api/v1/auth/me/'));
  try {
    const hint: UserHint = { capabilities: user.capabilities, level: user.organisation.level };
    window.localStorage.setItem(USER_HINT_KEY, JSON.stringify(hint));
  } catch {
    // no storage: a reload waits for /auth/me
  }
  return user;
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 5 * 60 * 1000,
    retry: false,
  });

/** Whether we hold tokens (re-renders on login and logout). */
export function useHasSession(): boolean {
  return useSyncExternalStore(tokenStore.subscribe, () => tokenStore.hasSession());
}

/** For the route guard: loads /auth/me while a session exists. */
export function useMeQuery() {
  const hasSession = useHasSession();
  return useQuery({ ...meQueryOptions(), enabled: hasSession });
}

/** The signed-in user; only inside the authenticated layout, which has loaded /auth/me already. */
export function useCurrentUser(): CurrentUser {
  return useSuspenseQuery(meQueryOptions()).data;
}

export function hasCapability(user: Pick<CurrentUser, 'capabilities'>, capability: string): boolean {
  return user.capabilities.includes(capability);
}

export function useCapability(capability: string): boolean {
  return hasCapability(useCurrentUser(), capability);
}

export type LoginResult = components['schemas']['LoginResult'];

/** Keeps the access token of a finished login (the refresh token is the server's HttpOnly cookie); true when there
 * was one (false: a further step is asked for). */
export function keepTokens(result: LoginResult): boolean {
  if (result.access) {
    tokenStore.setAccess(result.access);
    return true;
  }
  return false;
}

/**
 * The password step. Resolves with the server's answer (tokens kept, or `totp_required` with a challenge); a 403
 * `password_expired` / `totp_enrolment_required` rejects with an ApiError whose body carries the challenge.
 */
export async function login(credentials: { username: string; password: string }): Promise<LoginResult> {
  const result = await unwrap(api.POST('/api/v1/auth/token/', { body: credentials }));
  keepTokens(result);
  return result;
}

/** The second step: the authenticator's code with the challenge of the password step. */
export async function loginWithCode(challenge: string, code: string): Promise<LoginResult> {
  const result = await unwrap(api.POST('/api/v1/auth/token/totp/', { body: { challenge, code } }));
  keepTokens(result);
  return result;
}

/** Revokes the refresh cookie on the server, which clears it (best effort), and forgets the access token. */
export async function logout(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout/', { body: {} });
  } catch {
    // The server may be unreachable; the local session ends anyway.
  } finally {
    tokenStore.clear();
  }
}

/** Logout for buttons: revokes, forgets cached data of this user, and shows the login page. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await logout();
    queryClient.clear();
    await navigate('/login', { replace: true });
  };
}
