import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';

export type Snapshot = components['schemas']['Snapshot'];
export type MonthlyReport = components['schemas']['MonthlyReport'];
export type MonthlyEntry = components['schemas']['MonthlyEntry'];
export type Figures = components['schemas']['Figures'];
export type KindFigures = components['schemas']['KindFigures'];
export type Ranking = components['schemas']['Ranking'];
export type RankingEntry = components['schemas']['RankingEntry'];
export type OrganisationRef = components['schemas']['OrganisationRef'];

export const reportKeys = {
  snapshots: ['reports', 'monthly', 'snapshots'] as const,
  monthly: (period: string, org: string | undefined) => ['reports', 'monthly', period, org ?? ''] as const,
  ranking: (period: string, org: string | undefined) => ['reports', 'ranking', period, org ?? ''] as const,
  org: (code: string) => ['reports', 'org', code] as const,
};

const orgQuery = (org: string | undefined) => (org ? { org } : {});

/** The snapshots taken, newest first. */
export function useSnapshots() {
  return useQuery({
    queryKey: reportKeys.snapshots,
    queryFn: () => unwrap(api.GET('/api/v1/reports/monthly/')),
  });
}

/** One month's figures of an organisation (default: the user's own) and of each child. */
export function useMonthlyReport(period: string | undefined, org: string | undefined) {
  return useQuery({
    queryKey: reportKeys.monthly(period ?? '', org),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reports/monthly/{period}/', {
          params: { path: { period: period ?? '' }, query: orgQuery(org) },
        }),
      ),
    enabled: Boolean(period),
  });
}

/** 通报: the children ranked by approval rate, with the change since the previous period. */
export function useRanking(period: string | undefined, org: string | undefined) {
  return useQuery({
    queryKey: reportKeys.ranking(period ?? '', org),
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/ranking/', { params: { query: { period: period ?? '', ...orgQuery(org) } } })),
    enabled: Boolean(period),
  });
}

/** 生成本月快照 (Ministry and province administrators); the list and the reports are read again. */
export function useTakeSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/reports/monthly/')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports'] }),
  });
}

/** The XLSX form (附件3) of a month, downloaded with the token; returns the file's name. */
export function downloadMonthlyXlsx(period: string, org: string | undefined): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/reports/monthly/{period}/xlsx/', {
      params: { path: { period }, query: orgQuery(org) },
      parseAs: 'blob',
    }),
    `月报表-${org ?? ''}-${period}.xlsx`.replace('--', '-'),
  );
}

/** Organisations by code (for the breadcrumb between the user's organisation and the one shown). */
export function useOrganisations(codes: readonly string[]) {
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: reportKeys.org(code),
      queryFn: () => unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code } } })),
      staleTime: 10 * 60 * 1000,
    })),
  });
}
