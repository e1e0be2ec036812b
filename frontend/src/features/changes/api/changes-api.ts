import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { ApiError, toApiError, unwrap } from '@/lib/api-error';
import { cursorPagesOptions, toCursorPage, type CursorPage } from '@/lib/cursor-pages';
import {
  readStates,
  retryAfterSeconds,
  type ChangeQuery,
  type ChangeState,
} from '@/features/changes/utils/changes';

export type Change = components['schemas']['Change'];
export type ChangeCreate = components['schemas']['ChangeCreateRequest'];
export type Lookup = components['schemas']['Lookup'];

export const changeKeys = {
  all: ['changes'] as const,
  list: (query: ChangeQuery) => ['changes', 'list', query] as const,
};

async function getChangesPage(
  query: ChangeQuery,
  state: ChangeState | undefined,
  cursor: string | null,
): Promise<CursorPage<Change>> {
  const params = {
    ...(query.direction ? { direction: query.direction } : {}),
    ...(state ? { state } : {}),
    ...(query.teacher ? { teacher: query.teacher } : {}),
    ...(cursor ? { cursor } : {}),
  };
  return toCursorPage(await unwrap(api.GET('/api/v1/changes/', { params: { query: params } })));
}

/**
 * Changes newest first. Several states (the open ones: submitted and in review) are asked one after the other
 * (utils `readStates`): "load more" goes through the first state's pages, then the next's.
 */
export function getChanges(query: ChangeQuery, cursor: string | null): Promise<CursorPage<Change>> {
  const states: readonly (ChangeState | undefined)[] = query.states ?? [undefined];
  return readStates(states, cursor, (state, inner) => getChangesPage(query, state, inner));
}

export function useChanges(query: ChangeQuery, enabled = true) {
  return useInfiniteQuery({
    ...cursorPagesOptions(changeKeys.list(query), (cursor) => getChanges(query, cursor)),
    enabled,
  });
}

/** A 429 of the look-up, with how long to wait. */
export class LookupThrottled extends Error {
  constructor(readonly seconds: number | null) {
    super('throttled');
  }
}

/** Whether an archive anywhere holds this ID document: the number, the masked name, province and county. */
export async function lookupTeacher(idType: string, idNumber: string): Promise<Lookup> {
  const { data, error, response } = await api.GET('/api/v1/teachers/lookup/', {
    params: { query: { id_type: idType, id_number: idNumber } },
  });
  if (response.status === 429) {
    // The header, else the body's `retry_after` (the API sends both).
    const body: unknown = error;
    const inBody = typeof body === 'object' && body !== null && 'retry_after' in body ? String(body.retry_after) : null;
    throw new LookupThrottled(retryAfterSeconds(response.headers.get('Retry-After')) ?? retryAfterSeconds(inBody));
  }
  if (!response.ok || data === undefined) throw toApiError(error, response);
  return data;
}

export function useLookup() {
  return useMutation({ mutationFn: ({ idType, idNumber }: { idType: string; idNumber: string }) => lookupTeacher(idType, idNumber) });
}

export function createChange(body: ChangeCreate): Promise<Change> {
  return unwrap(api.POST('/api/v1/changes/', { body }));
}

/** Applies for a change; the archive (locked now), the lists and the review queue ask again. */
export function useCreateChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createChange,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: changeKeys.all }),
        // The archive (now locked: open_change), its timeline and the lists (the teachers feature's keys).
        queryClient.invalidateQueries({ queryKey: ['teachers'] }),
        queryClient.invalidateQueries({ queryKey: ['reviews'] }),
      ]),
  });
}

/** The open change's 409 names it (`open_change`). */
export function openChangeOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'change_open') return null;
  const id = error.body.open_change;
  return typeof id === 'number' ? id : null;
}
