import { useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components, paths } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorPagesOptions, toCursorPage, type CursorPage } from '@/lib/cursor-pages';

export type QualityRule = components['schemas']['Rule'];
export type QualityIssue = components['schemas']['Issue'];
export type OrgFigures = components['schemas']['OrgFigures'];
export type QualitySummary = components['schemas']['QualitySummary'];
type RuleCode = NonNullable<NonNullable<paths['/api/v1/quality/issues/']['get']['parameters']['query']>['rule']>;

/** What the worklist shows: the issues under `org` (default: the user's), of one school and one rule if given. */
export interface IssueQuery {
  org?: string;
  school?: string;
  rule?: string;
}

export const qualityKeys = {
  rules: ['quality', 'rules'] as const,
  summary: (org: string | undefined) => ['quality', 'summary', org ?? ''] as const,
  issues: (query: IssueQuery) => ['quality', 'issues', query.org ?? '', query.school ?? '', query.rule ?? ''] as const,
};

/** The quality rules in the reader's language (names for the columns and the filter). */
export function useQualityRules() {
  return useQuery({
    queryKey: qualityKeys.rules,
    queryFn: () => unwrap(api.GET('/api/v1/quality/rules/')),
    staleTime: Infinity,
  });
}

/** An organisation's figures and each child's: archives, flagged archives, issues per rule, score. */
export function useQualitySummary(org: string | undefined, enabled = true) {
  return useQuery({
    queryKey: qualityKeys.summary(org),
    queryFn: () => unwrap(api.GET('/api/v1/quality/summary/', { params: { query: org ? { org } : {} } })),
    enabled,
  });
}

async function getIssues(query: IssueQuery, cursor: string | null): Promise<CursorPage<QualityIssue>> {
  const params = {
    ...(query.org ? { org: query.org } : {}),
    ...(query.school ? { school: query.school } : {}),
    ...(query.rule ? { rule: query.rule as RuleCode } : {}),
    ...(cursor ? { cursor } : {}),
  };
  return toCursorPage(await unwrap(api.GET('/api/v1/quality/issues/', { params: { query: params } })));
}

/** The worklist, page by page ("load more"). */
export function useQualityIssues(query: IssueQuery, enabled = true) {
  return useInfiniteQuery({ ...cursorPagesOptions(qualityKeys.issues(query), (cursor) => getIssues(query, cursor)), enabled });
}
