import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorFrom, cursorPagesOptions } from '@/lib/cursor-pages';
import type { Role } from '@/lib/roles';

export type User = components['schemas']['User'];
export type UserCreateInput = components['schemas']['UserCreateRequest'];
export type UserUpdateInput = components['schemas']['PatchedUserUpdateRequest'];

export interface UserFilters {
  organisation?: string;
  q?: string;
  role?: Role;
}

export interface UserPage {
  results: User[];
  nextCursor: string | null;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
};

export async function getUsers(filters: UserFilters, cursor: string | null): Promise<UserPage> {
  const query = {
    ...(filters.organisation ? { organisation: filters.organisation } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await unwrap(api.GET('/api/v1/users/', { params: { query } }));
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export const usersQueryOptions = (filters: UserFilters) =>
  cursorPagesOptions(userKeys.list(filters), (cursor) => getUsers(filters, cursor));

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery(usersQueryOptions(filters));
}

export function createUser(body: UserCreateInput): Promise<User> {
  return unwrap(api.POST('/api/v1/users/', { body }));
}

export function getUser(id: number): Promise<User> {
  return unwrap(api.GET('/api/v1/users/{id}/', { params: { path: { id } } }));
}

/** `etag` is the version the change is based on (the row's `etag`): someone else's change since answers 412. */
export function updateUser(id: number, etag: string, body: UserUpdateInput): Promise<User> {
  return unwrap(api.PATCH('/api/v1/users/{id}/', { params: { path: { id }, header: { 'If-Match': etag } }, body }));
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, body }: { id: number; etag: string; body: UserUpdateInput }) => updateUser(id, etag, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** 三员分立: the security administrator (or a business administrator) assigns roles; nothing else changes. */
export function assignUserRoles(id: number, etag: string, roles: Role[]): Promise<User> {
  return unwrap(
    api.PUT('/api/v1/users/{id}/roles/', { params: { path: { id }, header: { 'If-Match': etag } }, body: { roles } }),
  );
}

export function useAssignUserRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, roles }: { id: number; etag: string; roles: Role[] }) => assignUserRoles(id, etag, roles),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Recovery for a lost phone: removes the user's second factor and ends their sessions. */
export async function resetUserTotp(id: number): Promise<void> {
  const { error, response } = await api.POST('/api/v1/users/{id}/totp-reset/', { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

export function useResetUserTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export type UserLockout = components['schemas']['UserLockout'];

export const lockoutsQueryOptions = () =>
  queryOptions({
    queryKey: ['users', 'lockouts'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/users/lockouts/')),
    staleTime: 15 * 1000,
  });

/** Accounts whose failed logins delay them (only for who may unlock: `users.unlock`). */
export function useLockouts(enabled: boolean) {
  return useQuery({ ...lockoutsQueryOptions(), enabled });
}

/** Clears an account's login delays (every address). */
export async function unlockUser(id: number): Promise<void> {
  const { error, response } = await api.POST('/api/v1/users/{id}/unlock/', { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export type UserPasswordReset = components['schemas']['UserPasswordReset'];

/** A temporary password for the user (shown once); their next login must replace it. */
export function resetUserPassword(id: number): Promise<UserPasswordReset> {
  return unwrap(api.POST('/api/v1/users/{id}/password-reset/', { params: { path: { id } } }));
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
