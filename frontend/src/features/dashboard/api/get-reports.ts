import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { api } from '@/api/client';
import type { components, operations } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';

export type Summary = components['schemas']['Summary'];
export type ChildrenSummary = components['schemas']['ChildrenSummary'];
export type SummaryRow = components['schemas']['SummaryRow'];
export type Organisation = components['schemas']['Organisation'];

type ReportQuery = NonNullable<operations['reports_summary']['parameters']['query']>;
export type SchoolType = NonNullable<ReportQuery['school_type']>;
export type Staff = NonNullable<ReportQuery['staff']>;

export const SCHOOL_TYPES: readonly SchoolType[] = [
  'kindergarten',
  'primary_secondary',
  'secondary_vocational',
  'special',
  'higher',
];

export function isSchoolType(value: unknown): value is SchoolType {
  return typeof value === 'string' && (SCHOOL_TYPES as readonly string[]).includes(value);
}

/** The dashboard's scope and filters: whose subtree, which schools, which staff. */
export interface ReportScope {
  org: string;
  schoolType?: SchoolType;
  staff: Staff;
}

/** One report: the scope and the dimension (or kept pair, `gender,age_band`; '' = the headcount only). */
export interface ReportParams extends ReportScope {
  by: string;
}

function toQuery({ org, by, schoolType, staff }: ReportParams): ReportQuery {
  return { org, by, staff, ...(schoolType ? { school_type: schoolType } : {}) };
}

/** The API names codes in the reader's language (Accept-Language): the language is part of every key. */
export const reportKeys = {
  all: ['reports'] as const,
  summary: (params: ReportParams, language: string) => ['reports', 'summary', toQuery(params), language] as const,
  children: (params: ReportParams, language: string) => ['reports', 'children', toQuery(params), language] as const,
};

export function getSummary(params: ReportParams): Promise<Summary> {
  return unwrap(api.GET('/api/v1/reports/summary/', { params: { query: toQuery(params) } }));
}

export function getChildren(params: ReportParams): Promise<ChildrenSummary> {
  return unwrap(api.GET('/api/v1/reports/children/', { params: { query: toQuery(params) } }));
}

/** The summary tables change every minute at most: a minute's cache, the previous figures kept while filters change. */
const FRESH_MS = 60_000;

export const summaryQueryOptions = (params: ReportParams, language: string) =>
  queryOptions({ queryKey: reportKeys.summary(params, language), queryFn: () => getSummary(params), staleTime: FRESH_MS });

export const childrenQueryOptions = (params: ReportParams, language: string) =>
  queryOptions({
    queryKey: reportKeys.children(params, language),
    queryFn: () => getChildren(params),
    staleTime: FRESH_MS,
  });

export function useSummary(params: ReportParams) {
  const { i18n } = useTranslation();
  return useQuery({ ...summaryQueryOptions(params, i18n.language), placeholderData: keepPreviousData });
}

export function useChildrenSummary(params: ReportParams) {
  const { i18n } = useTranslation();
  return useQuery({ ...childrenQueryOptions(params, i18n.language), placeholderData: keepPreviousData });
}

/** The figures of one chart as XLSX (names, not codes; the server names the file). */
export function downloadSummaryXlsx(params: ReportParams): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/reports/summary/xlsx/', { params: { query: toQuery(params) }, parseAs: 'blob' }),
    `summary-${params.org}.xlsx`,
  );
}

/** The children's figures (the drill-down) as XLSX. */
export function downloadChildrenXlsx(params: ReportParams): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/reports/children/xlsx/', { params: { query: toQuery(params) }, parseAs: 'blob' }),
    `children-${params.org}.xlsx`,
  );
}

/** One organisation (its path of codes names the breadcrumb); the organisation feature's key, so one cache entry. */
export function getOrganisation(code: string): Promise<Organisation> {
  return unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code } } }));
}

export const organisationQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['orgs', 'detail', code], queryFn: () => getOrganisation(code), staleTime: 5 * 60_000 });

/** The subtree's statistics headcount of a year against its archives (the collection rate's figures). */
export function useCollection(org: string, year: number) {
  return useQuery({
    queryKey: ['headcounts', 'gap', org, year],
    queryFn: () => unwrap(api.GET('/api/v1/headcounts/gap/', { params: { query: { org, year } } })),
    staleTime: FRESH_MS,
    select: (gap) => gap.total,
  });
}
