import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { jobKeys } from '@/features/import-export/api/jobs-api';
import { isActive } from '@/features/import-export/utils/jobs';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';

export type ExportJob = components['schemas']['ExportJob'];
export type ExportColumn = components['schemas']['ExportColumn'];
export type ExportGroup = components['schemas']['ExportGroup'];
export type ExportFormat = components['schemas']['FileFormat'];
export type ExportState = components['schemas']['ExportState'];
export type ExportRequest = components['schemas']['ExportStartRequest'];

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];
export const EXPORT_POLL_MS = 700;

export const exportKeys = {
  all: ['exports'] as const,
  columns: () => ['exports', 'columns'] as const,
  groups: () => ['exports', 'groups'] as const,
  detail: (id: number) => ['exports', 'detail', id] as const,
};

/** The columns an export may have for the caller (their catalogue), in the default order. */
export function getColumns(): Promise<ExportColumn[]> {
  return unwrap(api.GET('/api/v1/exports/columns/'));
}

export function useExportColumns(enabled: boolean) {
  return useQuery({ queryKey: exportKeys.columns(), queryFn: getColumns, enabled, staleTime: 5 * 60 * 1000 });
}

/** The many-valued groups (学习经历 …) an export may add a sheet for; `owned` ones have no import template. */
export function getExportGroups(): Promise<ExportGroup[]> {
  return unwrap(api.GET('/api/v1/exports/groups/'));
}

export function useExportGroups(enabled = true) {
  return useQuery({ queryKey: exportKeys.groups(), queryFn: getExportGroups, enabled, staleTime: 5 * 60 * 1000 });
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
      return queryClient.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

/** The file, once: the server removes it as it hands it over (410 afterwards) and names it. */
export function downloadExport(job: Pick<ExportJob, 'id'> & Partial<Pick<ExportJob, 'format'>>): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/exports/{id}/download/', { params: { path: { id: job.id } }, parseAs: 'blob' }),
    `教师信息导出-${String(job.id)}${job.format ? `.${job.format}` : ''}`,
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
        queryClient.invalidateQueries({ queryKey: jobKeys.all }),
      ]),
  });
}
