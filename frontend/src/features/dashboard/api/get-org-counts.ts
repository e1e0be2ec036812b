import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

export type OrgCounts = components['schemas']['SubtreeCounts'];

export function getOrgCounts(code: string): Promise<OrgCounts> {
  return unwrap(api.GET('/api/v1/orgs/{code}/counts/', { params: { path: { code } } }));
}

/** Same key as the organisation feature's counts query, so both share one cache entry. */
export const orgCountsQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['orgs', 'counts', code], queryFn: () => getOrgCounts(code) });

export function useOrgCounts(code: string) {
  return useQuery(orgCountsQueryOptions(code));
}
