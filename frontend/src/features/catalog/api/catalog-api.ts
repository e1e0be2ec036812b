import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { CATALOGUE_STALE, codeItemsQueryOptions } from '@/lib/catalogue-api';

export type CodeTable = components['schemas']['CodeTable'];
export type CodeItem = components['schemas']['CodeItem'];
export type IndicatorGroup = components['schemas']['IndicatorGroup'];
export type Indicator = components['schemas']['Indicator'];
export type DataType = components['schemas']['DataType'];
export type SchoolStage = components['schemas']['SchoolStage'];
export type EffectiveSchema = components['schemas']['EffectiveSchema'];
export type EffectiveGroup = components['schemas']['EffectiveGroup'];
export type CatalogueSpec = components['schemas']['CatalogueSpec'];
export type SpecExtension = components['schemas']['SpecExtension'];
export type SpecCodeTable = components['schemas']['SpecCodeTable'];
export type ProvinceCatalogue = components['schemas']['ProvinceCatalogue'];
export type ProvinceCatalogueState = components['schemas']['ProvinceCatalogueState'];
export type CatalogueDiff = components['schemas']['CatalogueDiff'];

export const SCHOOL_STAGES: readonly SchoolStage[] = [
  'kindergarten',
  'primary_secondary',
  'secondary_vocational',
  'special',
  'higher',
];

export const DATA_TYPES: readonly DataType[] = [
  'text',
  'integer',
  'decimal',
  'date',
  'year_month',
  'boolean',
  'code',
  'multi_code',
  'id_number',
  'phone',
  'email',
  'org_ref',
];

export const catalogKeys = {
  all: ['catalog'] as const,
  codeTables: (q: string) => ['catalog', 'code-tables', q] as const,
  groups: (q: string, stage: SchoolStage | undefined) => ['catalog', 'groups', q, stage ?? ''] as const,
  province: (code: string) => ['catalog', 'province', code] as const,
  preview: (code: string, stage: SchoolStage, stamp: string) => ['catalog', 'province', code, 'preview', stage, stamp] as const,
};

export function getCodeTables(q: string): Promise<CodeTable[]> {
  return unwrap(api.GET('/api/v1/catalog/code-tables/', { params: { query: q ? { q } : {} } }));
}

export const codeTablesQueryOptions = (q = '') =>
  queryOptions({ queryKey: catalogKeys.codeTables(q), queryFn: () => getCodeTables(q), staleTime: CATALOGUE_STALE });

export function useCodeTables(q = '') {
  return useQuery(codeTablesQueryOptions(q));
}

export function useCodeItems(slug: string | undefined, q = '') {
  return useQuery(codeItemsQueryOptions(slug ?? '', q));
}

export function getGroups(q: string, stage: SchoolStage | undefined): Promise<IndicatorGroup[]> {
  const query = { ...(q ? { q } : {}), ...(stage ? { stage } : {}) };
  return unwrap(api.GET('/api/v1/catalog/groups/', { params: { query } }));
}

export const groupsQueryOptions = (q = '', stage?: SchoolStage) =>
  queryOptions({ queryKey: catalogKeys.groups(q, stage), queryFn: () => getGroups(q, stage), staleTime: CATALOGUE_STALE });

export function useGroups(q = '', stage?: SchoolStage) {
  return useQuery(groupsQueryOptions(q, stage));
}

export function getProvinceCatalogue(code: string): Promise<ProvinceCatalogueState> {
  return unwrap(api.GET('/api/v1/catalog/provinces/{code}/', { params: { path: { code } } }));
}

export function useProvinceCatalogue(code: string) {
  return useQuery({ queryKey: catalogKeys.province(code), queryFn: () => getProvinceCatalogue(code) });
}

/**
 * Replaces the draft whose version is `etag`, or starts one when there is none (`etag` null: If-None-Match: *).
 * Someone else's change since (or their new draft) answers 412.
 */
export function saveDraft(code: string, spec: CatalogueSpec, etag: string | null): Promise<ProvinceCatalogue> {
  const header = etag ? { 'If-Match': etag } : { 'If-None-Match': '*' };
  return unwrap(api.PUT('/api/v1/catalog/provinces/{code}/draft/', { params: { path: { code }, header }, body: spec }));
}

export async function discardDraft(code: string, etag: string): Promise<void> {
  const { response, error } = await api.DELETE('/api/v1/catalog/provinces/{code}/draft/', {
    params: { path: { code }, header: { 'If-Match': etag } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export function getDraftDiff(code: string): Promise<CatalogueDiff> {
  return unwrap(api.GET('/api/v1/catalog/provinces/{code}/draft/diff/', { params: { path: { code } } }));
}

export function getDraftPreview(code: string, stage: SchoolStage): Promise<EffectiveSchema> {
  return unwrap(
    api.GET('/api/v1/catalog/provinces/{code}/draft/preview/', { params: { path: { code }, query: { stage } } }),
  );
}

/** `stamp` (the draft's updated_at, or the version in force without a draft) makes a new state load a fresh
 * preview. */
export function useDraftPreview(code: string, stage: SchoolStage, stamp: string) {
  return useQuery({
    queryKey: catalogKeys.preview(code, stage, stamp),
    queryFn: () => getDraftPreview(code, stage),
  });
}

/** Publishes the draft whose version is `etag` (the one whose diff was reviewed); a newer draft answers 412. */
export function publishDraft(code: string, etag: string) {
  return unwrap(
    api.POST('/api/v1/catalog/provinces/{code}/publish/', { params: { path: { code }, header: { 'If-Match': etag } } }),
  );
}

export function useSaveDraft(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ spec, etag }: { spec: CatalogueSpec; etag: string | null }) => saveDraft(code, spec, etag),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.province(code) }),
  });
}

/** After a 412: the province's catalogue read again (the editor restarts from the current draft). */
export function useReloadProvinceCatalogue(code: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: catalogKeys.province(code) });
}

export function useDiscardDraft(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) => discardDraft(code, etag),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.province(code) }),
  });
}

export function usePublishDraft(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) => publishDraft(code, etag),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.province(code) }),
  });
}
