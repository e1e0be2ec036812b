import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { IDLE_POLL_MS, isActive, RECENT_JOBS } from '@/features/import-export/utils/jobs';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';

export type ExportJob = components['schemas']['ExportJob'];
export type ExportColumn = components['schemas']['ExportColumn'];
export type ExportFormat = components['schemas']['FormatEnum'];
export type ExportState = components['schemas']['ExportStateEnum'];
export type ExportRequest = components['schemas']['ExportStartRequest'];

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];
export const EXPORT_POLL_MS = 700;
const JOBS_POLL_MS = 2000;

export const exportKeys = {
  all: ['exports'] as const,
  columns: () => ['exports', 'columns'] as const,
  recent: () => ['exports', 'recent'] as const,
  detail: (id: number) => ['exports', 'detail', id] as const,
};

/** The columns an export may have for the caller (their catalogue), in the default order. */
export function getColumns(): Promise<ExportColumn[]> {
  return unwrap(api.GET('/api/v1/exports/columns/'));
}

export function useExportColumns(enabled: boolean) {
  return useQuery({ queryKey: exportKeys.columns(), queryFn: getColumns, enabled, staleTime: 5 * 60 * 1000 });
}

/** The caller's newest exports (the header's jobs indicator, where a finished file can still be downloaded). */
export function useRecentExports() {
  return useQuery({
    queryKey: exportKeys.recent(),
    queryFn: async () => (await unwrap(api.GET('/api/v1/exports/', { params: { query: { page_size: RECENT_JOBS } } }))).results,
    refetchInterval: (query) => (query.state.data?.some((job) => isActive(job.state)) ? JOBS_POLL_MS : IDLE_POLL_MS),
  });
}

export function getExport(id: number): Promise<ExportJob> {
  return unwrap(api.GET('/api/v1/exports/{id}/', { params: { path: { id } } }));
}

export const exportQueryOptions = (id: number) =>
  queryOptions({
    queryKey: exportKeys.detail(id),
    queryFn: () => getExport(id),
    enabled: Number.isFinite(id),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.state) ? false : EXPORT_POLL_MS),
    refetchIntervalInBackground: true,
  });

export function useExport(id: number | null) {
  return useQuery({ ...exportQueryOptions(id ?? Number.NaN), enabled: id !== null && Number.isFinite(id) });
}

export function startExport(body: ExportRequest): Promise<ExportJob> {
  return unwrap(api.POST('/api/v1/exports/', { body }));
}

export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startExport,
    onSuccess: (job) => {
      queryClient.setQueryData(exportKeys.detail(job.id), job);
      return queryClient.invalidateQueries({ queryKey: exportKeys.recent() });
    },
  });
}

/** The file, once: the server removes it as it hands it over (410 afterwards). */
export function downloadExport(job: Pick<ExportJob, 'id' | 'format'>): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/exports/{id}/download/', { params: { path: { id: job.id } }, parseAs: 'blob' }),
    `教师信息导出-${String(job.id)}.${job.format}`,
  );
}

export function useDownloadExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: downloadExport,
    // Downloaded (or gone): the job's state says which.
    onSettled: (_name, _error, job) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: exportKeys.detail(job.id) }),
        queryClient.invalidateQueries({ queryKey: exportKeys.recent() }),
      ]),
  });
}
