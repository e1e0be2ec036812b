import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorFrom } from '@/lib/org-levels';

export type Teacher = components['schemas']['Teacher'];
export type TeacherResult = components['schemas']['TeacherResult'];
export type TeacherWrite = components['schemas']['TeacherWriteRequest'];
export type RecordState = components['schemas']['RecordStateEnum'];

export const RECORD_STATES: readonly RecordState[] = ['draft', 'submitted', 'in_review', 'approved', 'returned'];

export interface TeacherFilters {
  q?: string;
  id_number?: string;
  org?: string;
  record_state?: RecordState;
}

export interface TeacherPage {
  results: Teacher[];
  nextCursor: string | null;
}

/** An archive with the ETag its next change must send in If-Match. */
export interface VersionedTeacher {
  teacher: Teacher;
  etag: string;
}

export const teacherKeys = {
  all: ['teachers'] as const,
  list: (filters: TeacherFilters) => ['teachers', 'list', filters] as const,
  detail: (id: number) => ['teachers', 'detail', id] as const,
};

export async function getTeachers(filters: TeacherFilters, cursor: string | null): Promise<TeacherPage> {
  const query = {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.id_number ? { id_number: filters.id_number } : {}),
    ...(filters.org ? { org: filters.org } : {}),
    ...(filters.record_state ? { record_state: filters.record_state } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await unwrap(api.GET('/api/v1/teachers/', { params: { query } }));
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

export function useTeachers(filters: TeacherFilters) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: teacherKeys.list(filters),
      queryFn: ({ pageParam }) => getTeachers(filters, pageParam),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  );
}

const etagOf = (response: Response, teacher: { id: number; version: number }) =>
  response.headers.get('ETag') ?? `"${teacher.id}-v${teacher.version}"`;

export async function getTeacher(id: number): Promise<VersionedTeacher> {
  const result = await api.GET('/api/v1/teachers/{id}/', { params: { path: { id } } });
  const teacher = await unwrap(Promise.resolve(result));
  return { teacher, etag: etagOf(result.response, teacher) };
}

export const teacherQueryOptions = (id: number) =>
  queryOptions({ queryKey: teacherKeys.detail(id), queryFn: () => getTeacher(id), enabled: Number.isFinite(id) });

export function useTeacher(id: number) {
  return useQuery(teacherQueryOptions(id));
}

export function createTeacher(body: TeacherWrite): Promise<TeacherResult> {
  return unwrap(api.POST('/api/v1/teachers/', { body }));
}

export async function updateTeacher(id: number, etag: string, body: TeacherWrite): Promise<{ result: TeacherResult; etag: string }> {
  const response = await api.PATCH('/api/v1/teachers/{id}/', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body,
  });
  const result = await unwrap(Promise.resolve(response));
  return { result, etag: etagOf(response.response, result) };
}

export async function getFullIdNumber(id: number): Promise<string> {
  return (await unwrap(api.GET('/api/v1/teachers/{id}/id-number/', { params: { path: { id } } }))).id_number;
}

export function useCreateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeacher,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teacherKeys.all }),
  });
}

export function useUpdateTeacher(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string; body: TeacherWrite }) => updateTeacher(id, etag, body),
    onSuccess: ({ result, etag }) => {
      const teacher: Teacher = result;
      queryClient.setQueryData(teacherKeys.detail(id), { teacher, etag });
      return queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] });
    },
  });
}

/** Deletes a draft that was never approved (204); anything else answers 409 `not_deletable`. */
export async function deleteTeacher(id: number): Promise<void> {
  const { response, error } = await api.DELETE('/api/v1/teachers/{id}/', { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

export function useDeleteTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTeacher,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: teacherKeys.detail(id) });
      queryClient.removeQueries({ queryKey: ['teachers', 'records', id] });
      return queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] });
    },
  });
}
