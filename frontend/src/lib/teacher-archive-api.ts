import { queryOptions } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

export type TeacherArchive = components['schemas']['TeacherArchive'];
export type ChangeIdNumbers = components['schemas']['IdNumber'];

/** The whole archive in one answer: the one-row groups' values and every group's records (the review drawer). */
export const archiveQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['teachers', 'detail', id, 'archive'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/teachers/{id}/archive/', { params: { path: { id } } })),
  });

/** The full old and new numbers of a key-information change (logged by the API like any full view). */
export function getChangeIdNumbers(id: number, submission: number): Promise<ChangeIdNumbers> {
  return unwrap(api.GET('/api/v1/teachers/{id}/id-number/', { params: { path: { id }, query: { submission } } }));
}
