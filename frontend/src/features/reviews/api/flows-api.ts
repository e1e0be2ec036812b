import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

/** One kind's review chain in the caller's province (`GET /reviews/flows/`). */
export type Flow = components['schemas']['Flow'];
export type FlowLevel = components['schemas']['ReviewLevel'];

/** Levels in the order a submission climbs them. */
export const CLIMBING_ORDER: readonly FlowLevel[] = ['school', 'county', 'city', 'province'];

export const flowKeys = {
  all: ['reviews', 'flows'] as const,
};

export function getFlows(): Promise<Flow[]> {
  return unwrap(api.GET('/api/v1/reviews/flows/'));
}

export const flowsQueryOptions = () => queryOptions({ queryKey: flowKeys.all, queryFn: getFlows });

export function useFlows(enabled = true) {
  return useQuery({ ...flowsQueryOptions(), enabled });
}

/**
 * Sets one kind's levels, based on the version the list showed (its ETag in If-Match: a chain someone else
 * changed meanwhile answers 412).
 */
export function saveFlow(flow: Flow, levels: FlowLevel[]): Promise<Flow> {
  return unwrap(
    api.PATCH('/api/v1/reviews/flows/{kind}/', {
      params: { path: { kind: flow.kind }, header: { 'If-Match': flow.etag } },
      body: { levels },
    }),
  );
}

export function useSaveFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flow, levels }: { flow: Flow; levels: FlowLevel[] }) => saveFlow(flow, levels),
    // A base chain's change moves the chains derived from it too: read them all again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: flowKeys.all }),
  });
}

/** The chain a set of chosen levels makes: each once, in climbing order. */
export function chainOf(chosen: Iterable<FlowLevel>): FlowLevel[] {
  const set = new Set(chosen);
  return CLIMBING_ORDER.filter((level) => set.has(level));
}
