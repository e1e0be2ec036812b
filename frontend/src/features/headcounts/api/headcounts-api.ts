import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { saveDownload } from '@/lib/download';

export type GapReport = components['schemas']['HeadcountGap'];
export type GapRow = components['schemas']['HeadcountGapRow'];
export type GapFigures = components['schemas']['HeadcountGapFigures'];
export type ImportResult = components['schemas']['HeadcountImportResult'];
export type ImportProblem = components['schemas']['HeadcountImportProblem'];

export const headcountKeys = {
  all: ['headcounts'] as const,
  gap: (org: string | undefined, year: number) => ['headcounts', 'gap', org ?? '', year] as const,
  org: (code: string) => ['headcounts', 'org', code] as const,
};

const orgQuery = (org: string | undefined) => (org ? { org } : {});

/** 统计人数 against the archives: the organisation's total and its children (a county's: its schools). */
export function useGap(org: string | undefined, year: number) {
  return useQuery({
    queryKey: headcountKeys.gap(org, year),
    queryFn: () => unwrap(api.GET('/api/v1/headcounts/gap/', { params: { query: { year, ...orgQuery(org) } } })),
  });
}

/** Sets one school's two figures of a year; the gap reports are read again. */
export function useSetHeadcount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ school, year, fulltime, staff }: { school: string; year: number; fulltime: number; staff: number }) =>
      unwrap(
        api.PUT('/api/v1/headcounts/{school_code}/{year}/', {
          params: { path: { school_code: school, year } },
          body: { fulltime, staff },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: headcountKeys.all }),
  });
}

/** Uploads a file of figures: checked (and, unless `dryRun`, its valid rows saved) at once. */
export function importHeadcounts(file: File, dryRun: boolean): Promise<ImportResult> {
  return unwrap(
    api.POST('/api/v1/headcounts/import/', {
      // The generated type has `file` as a string (OpenAPI `binary`); the body goes out as FormData.
      body: { file: file.name, dry_run: dryRun },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        form.append('dry_run', String(dryRun));
        return form;
      },
    }),
  );
}

export function useImportHeadcounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => importHeadcounts(file, dryRun),
    onSuccess: (result) => (result.dry_run ? undefined : queryClient.invalidateQueries({ queryKey: headcountKeys.all })),
  });
}

/** The gap report as XLSX, downloaded with the token; returns the file's name. */
export function downloadGapXlsx(org: string | undefined, year: number): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/headcounts/gap/xlsx/', { params: { query: { year, ...orgQuery(org) } }, parseAs: 'blob' }),
    `统计人数对比-${String(year)}.xlsx`,
  );
}

/** The import template pre-filled with the schools in scope. */
export function downloadTemplate(org: string | undefined, year: number): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/headcounts/template/', { params: { query: { year, ...orgQuery(org) } }, parseAs: 'blob' }),
    `统计人数-${String(year)}.xlsx`,
  );
}

/** Organisations by code (the trail between the user's organisation and the one shown). */
export function useOrganisations(codes: readonly string[]) {
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: headcountKeys.org(code),
      queryFn: () => unwrap(api.GET('/api/v1/orgs/{code}/', { params: { path: { code } } })),
      staleTime: 10 * 60 * 1000,
    })),
  });
}
