import { queryOptions } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

export type CodeItem = components['schemas']['CodeItem'];
export type EffectiveSchema = components['schemas']['EffectiveSchema'];
export type EffectiveGroup = components['schemas']['EffectiveGroup'];
export type SpecCodeTable = components['schemas']['SpecCodeTable'];

/** The catalogue changes rarely (a province publishes a version now and then). */
export const CATALOGUE_STALE = 5 * 60 * 1000;

export function getCodeItems(slug: string, q = '', parent = ''): Promise<CodeItem[]> {
  const query = { ...(q ? { q } : {}), ...(parent ? { parent } : {}) };
  return unwrap(api.GET('/api/v1/catalog/code-tables/{slug}/items/', { params: { path: { slug }, query } }));
}

/** The items of a national code table (shared by the catalogue screens and every generated form). */
export const codeItemsQueryOptions = (slug: string, q = '', parent = '') =>
  queryOptions({
    queryKey: ['catalog', 'items', slug, q, parent] as const,
    queryFn: () => getCodeItems(slug, q, parent),
    staleTime: CATALOGUE_STALE,
    enabled: Boolean(slug),
  });

export function getEffectiveSchema(org: string): Promise<EffectiveSchema> {
  return unwrap(api.GET('/api/v1/catalog/schema/', { params: { query: { org } } }));
}

/** The effective catalogue of an organisation (for a school: what its forms are generated from). */
export const effectiveSchemaQueryOptions = (org: string) =>
  queryOptions({
    queryKey: ['catalog', 'schema', org] as const,
    queryFn: () => getEffectiveSchema(org),
    staleTime: CATALOGUE_STALE,
    enabled: Boolean(org),
  });
