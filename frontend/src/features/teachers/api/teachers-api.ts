import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { recordStateValues } from '@/api/generated/enums';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorPagesOptions, toCursorPage } from '@/lib/cursor-pages';
import { saveDownload } from '@/lib/download';
import { listResults } from '@/lib/review-changes';

export type Teacher = components['schemas']['Teacher'];
export type TeacherResult = components['schemas']['TeacherResult'];
export type TeacherWrite = components['schemas']['TeacherWriteRequest'];
export type RecordState = components['schemas']['RecordState'];
export type TimelineEntry = components['schemas']['TimelineEntry'];
export type SubmissionResult = components['schemas']['Submission'];

export const RECORD_STATES: readonly RecordState[] = recordStateValues;

export type SchoolStage = components['schemas']['SchoolStage'];

export const TEACHER_STATUSES = ['current', 'left', 'all'] as const;
export type TeacherStatus = (typeof TEACHER_STATUSES)[number];

export interface TeacherFilters {
  q?: string;
  id_number?: string;
  /** The ID number's first 6+ characters. */
  id_prefix?: string;
  org?: string;
  record_state?: RecordState;
  /** 在职 (the API's default) / 已离开 (left: retired, resigned …) / 全部. */
  status?: TeacherStatus;
  school_stage?: SchoolStage;
  full_time_teacher?: boolean;
  ordering?: string;
  /** Coded indicators of 基本信息 (field → code; booleans as 'true'/'false'). */
  codes?: Record<string, string>;
}

export interface TeacherPage {
  results: Teacher[];
  nextCursor: string | null;
  /** The list's size (first page only): exact up to 10,000, an estimate above. */
  count?: number;
  countEstimated?: boolean;
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
  timeline: (id: number) => ['teachers', 'timeline', id] as const,
  /** Under the archive's key: whatever reloads the archive (a save, a record's write, a submit) asks again. */
  problems: (id: number) => ['teachers', 'detail', id, 'problems'] as const,
};

export type ArchiveProblems = components['schemas']['ArchiveProblems'];

/** The fields the list shows (rows and cards). */
export const TEACHER_LIST_FIELDS = [
  'id',
  'name',
  'teacher_no',
  'gender',
  'id_number',
  'school',
  'school_name',
  'record_state',
  'pending_change',
  'active',
  'updated_at',
] as const;

export async function getTeachers(filters: TeacherFilters, cursor: string | null): Promise<TeacherPage> {
  const { codes, full_time_teacher, ...plain } = filters;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...plain, ...codes })) if (value) query[key] = value;
  if (full_time_teacher !== undefined) query.full_time_teacher = String(full_time_teacher);
  if (cursor) query.cursor = cursor;
  else query.count = 'true';
  // The list shows a few columns of 70-field archives: a page is 8 KB instead of 90 (a slow link's second).
  query.fields = TEACHER_LIST_FIELDS.join(',');
  const page = await unwrap(api.GET('/api/v1/teachers/', { params: { query } }));
  return { ...toCursorPage(page), count: page.count, countEstimated: page.count_estimated };
}

/** The list's infinite query: the page's hook and the cold start's prefetch (app/boot) share it. */
export const teacherListOptions = (filters: TeacherFilters) =>
  cursorPagesOptions(teacherKeys.list(filters), (cursor) => getTeachers(filters, cursor));

export function useTeachers(filters: TeacherFilters) {
  return useInfiniteQuery(teacherListOptions(filters));
}

/** Where the list opens: the Ministry (every province's archives) starts on approved archives, newest first. */
export function initialTeacherFilters(level: string | undefined): TeacherFilters {
  return level === 'central' ? { record_state: 'approved', ordering: '-updated_at' } : {};
}

const etagOf = (response: Response, teacher: { etag: string }) => response.headers.get('ETag') ?? teacher.etag;

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

export interface UpdateResult {
  result: TeacherResult;
  etag: string;
  /**
   * The archive is approved: the change became a change request (HTTP 202) and waits for review; `result` holds
   * the values still in force.
   */
  pending: boolean;
}

export async function updateTeacher(id: number, etag: string, body: TeacherWrite): Promise<UpdateResult> {
  const response = await api.PATCH('/api/v1/teachers/{id}/', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body,
  });
  const result = await unwrap(Promise.resolve(response));
  return { result, etag: etagOf(response.response, result), pending: response.response.status === 202 };
}

export async function getFullIdNumber(id: number): Promise<string> {
  return (await unwrap(api.GET('/api/v1/teachers/{id}/id-number/', { params: { path: { id } } }))).id_number;
}

/** The whole archive as a workbook (basic sheet + a sheet per group); full ID numbers need `teachers.view_id`. */
export function downloadArchive(id: number, fullId: boolean): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/teachers/{teacher_pk}/archive.xlsx', {
      params: { path: { teacher_pk: String(id) }, query: fullId ? { full_id: true } : {} },
      parseAs: 'blob',
    }),
    `教师档案-${String(id)}.xlsx`,
  );
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
    onSuccess: ({ result, etag, pending }) => {
      if (pending) {
        // The archive now has an open change request (pending_change) and a new timeline entry.
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: teacherKeys.detail(id) }),
          queryClient.invalidateQueries({ queryKey: teacherKeys.timeline(id) }),
          queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] }),
        ]);
      }
      const teacher: Teacher = result;
      queryClient.setQueryData(teacherKeys.detail(id), { teacher, etag });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: teacherKeys.problems(id) }),
        queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] }),
      ]);
    },
  });
}

/**
 * Deletes a draft that was never approved (204); anything else answers 409 `not_deletable`, a change by someone
 * else since `etag` 412.
 */
export async function deleteTeacher(id: number, etag: string): Promise<void> {
  const { response, error } = await api.DELETE('/api/v1/teachers/{id}/', {
    params: { path: { id }, header: { 'If-Match': etag } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export function useDeleteTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: number; etag: string }) => deleteTeacher(id, etag),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: teacherKeys.detail(id) });
      queryClient.removeQueries({ queryKey: ['teachers', 'records', id] });
      return queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] });
    },
  });
}

/**
 * The archive's history, oldest first. The generated client types the answer as a page; the API sends a bare
 * list (both are read).
 */
export async function getTimeline(id: number): Promise<TimelineEntry[]> {
  const data: unknown = await unwrap(api.GET('/api/v1/teachers/{id}/timeline/', { params: { path: { id } } }));
  return listResults<TimelineEntry>(data);
}

export const timelineQueryOptions = (id: number) =>
  queryOptions({ queryKey: teacherKeys.timeline(id), queryFn: () => getTimeline(id), enabled: Number.isFinite(id) });

export function useTimeline(id: number) {
  return useQuery(timelineQueryOptions(id));
}

/** What the archive still lacks before it can be submitted: the submit's own check, asked at any time. */
export function getArchiveProblems(id: number): Promise<ArchiveProblems> {
  return unwrap(api.GET('/api/v1/teachers/{id}/problems/', { params: { path: { id } } }));
}

/** The one list of what is missing, for an archive its filler can still submit (`enabled`). */
export function useArchiveProblems(id: number, enabled: boolean) {
  return useQuery({ queryKey: teacherKeys.problems(id), queryFn: () => getArchiveProblems(id), enabled });
}

/** Submits a draft, or resubmits a returned archive; 400 lists every catalogue problem per field. */
export function submitTeacher(id: number): Promise<SubmissionResult> {
  return unwrap(api.POST('/api/v1/teachers/{id}/submit/', { params: { path: { id } } }));
}

/** Takes the caller's own submission back before anyone decided on it (409 `not_withdrawable` after). */
export async function withdrawSubmission(submissionId: number): Promise<void> {
  await unwrap(api.POST('/api/v1/reviews/{id}/withdraw/', { params: { path: { id: submissionId } } }));
}

/** After a submit or withdraw: the archive (its state), its timeline, the lists and the review screens. */
function useInvalidateReviewState(id: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: teacherKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: teacherKeys.timeline(id) }),
      queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['reviews'] }),
    ]);
}

export function useSubmitTeacher(id: number) {
  const invalidate = useInvalidateReviewState(id);
  return useMutation({ mutationFn: () => submitTeacher(id), onSuccess: invalidate });
}

export function useWithdrawSubmission(id: number) {
  const invalidate = useInvalidateReviewState(id);
  return useMutation({ mutationFn: withdrawSubmission, onSettled: invalidate });
}
