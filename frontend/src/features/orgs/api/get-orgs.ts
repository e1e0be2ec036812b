import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorFrom } from '@/lib/cursor-pages';

export type Organisation = components['schemas']['Organisation'];
export type OrgCounts = components['schemas']['SubtreeCounts'];
export type SchoolCodeLists = components['schemas']['SchoolCodeLists'];
export type SchoolCodeField = keyof SchoolCodeLists;

export interface OrgPage {
  results: Organisation[];
  /** Cursor of the next page, already taken out of the `next` link; null on the last page. */
  nextCursor: string | null;
}

export const orgKeys = {
  all: ['orgs'] as const,
  roots: () => ['orgs', 'roots'] as const,
  detail: (code: string) => ['orgs', 'detail', code] as const,
  counts: (code: string) => ['orgs', 'counts', code] as const,
  schoolCodes: () => ['orgs', 'school-codes'] as const,
  children: (code: string, cursor: string | null) => ['orgs', 'children', code, cursor] as const,
  search: (q: string, cursor: string | null) => ['orgs', 'search', q, cursor] as const,
};

export function getRoots(): Promise<Organisation[]> {
  return unwrap(api.GET('/api/v1/orgs/roots/'));
}

export function getOrg(code: string): Promise<Organisation> {
  return unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code } } }));
}

export function getOrgCounts(code: string): Promise<OrgCounts> {
  return unwrap(api.GET('/api/v1/orgs/{code}/counts/', { params: { path: { code } } }));
}

export function getSchoolCodes(): Promise<SchoolCodeLists> {
  return unwrap(api.GET('/api/v1/orgs/school-codes/'));
}

export async function getChildren(code: string, cursor: string | null): Promise<OrgPage> {
  const page = await unwrap(
    api.GET('/api/v1/orgs/{code}/children/', {
      params: { path: { code }, query: cursor ? { cursor } : {} },
    }),
  );
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export async function searchOrgs(q: string, cursor: string | null): Promise<OrgPage> {
  const page = await unwrap(
    api.GET('/api/v1/orgs/', { params: { query: cursor ? { q, cursor } : { q } } }),
  );
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export const rootsQueryOptions = () =>
  queryOptions({ queryKey: orgKeys.roots(), queryFn: getRoots, staleTime: 5 * 60 * 1000 });

export const orgQueryOptions = (code: string) =>
  queryOptions({ queryKey: orgKeys.detail(code), queryFn: () => getOrg(code) });

export const orgCountsQueryOptions = (code: string) =>
  queryOptions({ queryKey: orgKeys.counts(code), queryFn: () => getOrgCounts(code) });

export const schoolCodesQueryOptions = () =>
  queryOptions({ queryKey: orgKeys.schoolCodes(), queryFn: getSchoolCodes, staleTime: Infinity });

export const childrenQueryOptions = (code: string, cursor: string | null) =>
  queryOptions({ queryKey: orgKeys.children(code, cursor), queryFn: () => getChildren(code, cursor) });

export const searchQueryOptions = (q: string, cursor: string | null) =>
  queryOptions({ queryKey: orgKeys.search(q, cursor), queryFn: () => searchOrgs(q, cursor) });

export function useRoots() {
  return useQuery(rootsQueryOptions());
}

export function useOrg(code: string | null | undefined) {
  return useQuery({ ...orgQueryOptions(code ?? ''), enabled: Boolean(code) });
}

export function useOrgCounts(code: string | null | undefined) {
  return useQuery({ ...orgCountsQueryOptions(code ?? ''), enabled: Boolean(code) });
}

/** The four school attribute code lists (办学类型, 办别, 城乡分类, 举办者); they change with the software only. */
export function useSchoolCodes() {
  return useQuery(schoolCodesQueryOptions());
}

/** "211 小学" for a code, or the bare code while the lists load (or if the code is unknown). */
export function codeLabel(lists: SchoolCodeLists | undefined, field: SchoolCodeField, code: string | null): string {
  if (!code) return '';
  const item = lists?.[field].find((entry) => entry.code === code);
  return item ? `${item.code} ${item.name}` : code;
}
