import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components, operations } from '@/api/generated/schema';
import { jobKeys } from '@/features/import-export/api/jobs-api';
import { isActive } from '@/features/import-export/utils/jobs';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';
import { cursorPagesOptions, toCursorPage } from '@/lib/cursor-pages';

export type ImportJob = components['schemas']['ImportJob'];
export type ImportProblem = components['schemas']['ImportProblem'];
export type ImportState = components['schemas']['JobState'];
export type ImportMode = components['schemas']['ImportMode'];
export type Severity = components['schemas']['ImportSeverity'];
export type ImportColumn = components['schemas']['ImportColumn'];
export type ImportField = components['schemas']['ImportField'];
export type ImportRerun = components['schemas']['ImportRerunRequest'];

export const IMPORT_MODES: readonly ImportMode[] = ['create', 'upsert'];
export type GroupMode = 'append' | 'replace';
/** What a group sheet's rows (学习经历 …) do to a teacher's records of the group. */
export const GROUP_MODES: readonly GroupMode[] = ['append', 'replace'];
/** How often a running import is asked for its progress. */
export const IMPORT_POLL_MS = 700;
const HISTORY_POLL_MS = 2000;

const PROBLEMS_PAGE_SIZE = 50;

export interface ImportOptions {
  dry_run: boolean;
  strict: boolean;
  mode: ImportMode;
  group_mode: GroupMode;
}

export interface Page<T> {
  results: T[];
  nextCursor: string | null;
}

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  detail: (id: number) => ['imports', 'detail', id] as const,
  problems: (id: number, severity: Severity) => ['imports', 'problems', id, severity] as const,
  fields: (org: string) => ['imports', 'fields', org] as const,
};

/** The caller's own imports, newest first. */
export async function getImports(cursor: string | null): Promise<Page<ImportJob>> {
  const page = await unwrap(api.GET('/api/v1/imports/', { params: { query: cursor ? { cursor } : {} } }));
  return toCursorPage(page);
}

export function useImports() {
  return useInfiniteQuery({
    ...cursorPagesOptions(importKeys.list(), (cursor) => getImports(cursor)),
    // While one of the listed imports runs, the list follows its state.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.results.some((job) => isActive(job.state))) ? HISTORY_POLL_MS : false,
  });
}

export function getImport(id: number): Promise<ImportJob> {
  return unwrap(api.GET('/api/v1/imports/{id}/', { params: { path: { id } } }));
}

/** One import; polled every {@link IMPORT_POLL_MS} while it is queued or running. */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: importKeys.detail(id),
    queryFn: () => getImport(id),
    enabled: Number.isFinite(id),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data.state) ? false : IMPORT_POLL_MS),
    refetchIntervalInBackground: true,
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? Number.NaN), enabled: id !== null && Number.isFinite(id) });
}

/** Uploads the file (multipart) and starts its import: 202 with the queued job. */
export function startImport(file: File, options: ImportOptions): Promise<ImportJob> {
  return unwrap(
    api.POST('/api/v1/imports/', {
      // The generated type has `file` as a string (OpenAPI `binary`); the body goes out as FormData.
      body: { file: file.name, ...options },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('file', file, file.name);
        form.append('dry_run', String(body.dry_run));
        form.append('strict', String(body.strict));
        form.append('mode', body.mode);
        form.append('group_mode', body.group_mode);
        return form;
      },
    }),
  );
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => startImport(file, options),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.list() }),
        queryClient.invalidateQueries({ queryKey: jobKeys.all }),
      ]);
    },
  });
}

/** The problems of one import by severity, by row (cursor pages, no total). */
export async function getProblems(id: number, severity: Severity, cursor: string | null): Promise<Page<ImportProblem>> {
  const query = { severity, page_size: PROBLEMS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  const page = await unwrap(api.GET('/api/v1/imports/{id}/errors/', { params: { path: { id }, query } }));
  return toCursorPage(page);
}

export function useProblems(id: number, severity: Severity, enabled: boolean) {
  return useInfiniteQuery({
    ...cursorPagesOptions(importKeys.problems(id, severity), (cursor) => getProblems(id, severity, cursor)),
    enabled,
  });
}

/** The report workbook of a finished import (the uploaded rows with their results). */
export function downloadReport(id: number): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/imports/{id}/report.xlsx/', { params: { path: { id } }, parseAs: 'blob' }),
    `导入结果-${String(id)}.xlsx`,
  );
}

/** Which template: `basic` (基本信息 + 联系方式), `all` (basic and every importable group) or one group's code. */
export type TemplateGroup = NonNullable<NonNullable<operations['imports_template']['parameters']['query']>['group']>;

/** The XLSX template of an organisation's catalogue: the basic sheet, one group's sheet, or all of them. */
export function downloadTemplate(org: string, group: TemplateGroup = 'basic'): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/imports/template/', { params: { query: { org, group } }, parseAs: 'blob' }),
    group === 'basic' ? `教师信息导入模板-${org}.xlsx` : `教师信息导入模板-${org}-${group}.xlsx`,
  );
}

/** The columns an import into the organisation reads: what the mapping step offers for each column of a file. */
export function useImportFields(org: string, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.fields(org),
    queryFn: () => unwrap(api.GET('/api/v1/imports/fields/', { params: { query: { org } } })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The mapping step: the same file imported again as a new job with the columns mapped as chosen. */
export function useRerunImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportRerun) => unwrap(api.POST('/api/v1/imports/{id}/rerun/', { params: { path: { id } }, body })),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.detail(job.id), job);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.list() }),
        queryClient.invalidateQueries({ queryKey: jobKeys.all }),
      ]);
    },
  });
}
