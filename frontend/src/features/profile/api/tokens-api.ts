import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorFrom, cursorPagesOptions } from '@/lib/cursor-pages';

export type ApiToken = components['schemas']['ApiToken'];
export type ApiTokenIssued = components['schemas']['ApiTokenIssued'];
export type ApiTokenCreateInput = components['schemas']['ApiTokenCreateRequest'];

export const tokenKeys = { all: ['api-tokens'] as const };

async function getTokens(cursor: string | null): Promise<{ results: ApiToken[]; nextCursor: string | null }> {
  const page = await unwrap(api.GET('/api/v1/tokens/', { params: { query: cursor ? { cursor } : {} } }));
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export function useApiTokens() {
  return useInfiniteQuery(cursorPagesOptions(tokenKeys.all, getTokens));
}

/** The answer holds the key: the only time it is ever shown. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreateInput) => unwrap(api.POST('/api/v1/tokens/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/tokens/{id}/revoke/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
