import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { paths } from '@/api/generated/schema';
import { teacherKeys } from '@/features/teachers/api/teachers-api';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorFrom } from '@/lib/cursor-pages';

type GroupOf<P> = P extends `/api/v1/teachers/{teacher_pk}/${infer G}/` ? (G extends `${string}/${string}` ? never : G) : never;

/** The many-valued groups the API serves under `/teachers/{id}/<group>/` (read off the generated client). */
export type GroupCode = GroupOf<keyof paths>;

type ListPath = `/api/v1/teachers/{teacher_pk}/${GroupCode}/`;
type DetailPath = `/api/v1/teachers/{teacher_pk}/${GroupCode}/{id}/`;

/** Every group code, at run time; the type below fails to compile when the API gains or loses a group. */
export const GROUP_CODES = [
  'study',
  'work',
  'post',
  'title',
  'treatment',
  'assessment',
  'qualification',
  'ethics',
  'teaching',
  'achievements',
  'talent',
  'training',
  'overseas',
  'skills',
  'rotation',
] as const satisfies readonly GroupCode[];

type AssertNever<T extends never> = T;
/** Fails to compile while a group of the API is missing from GROUP_CODES. */
export type UnlistedGroups = AssertNever<Exclude<GroupCode, (typeof GROUP_CODES)[number]>>;

export function isGroupCode(code: string): code is GroupCode {
  return (GROUP_CODES as readonly string[]).includes(code);
}

/** Catalogue problems of a save that do not block it, by field code (`extra.<code>` for extensions). */
export type RecordWarnings = Record<string, Record<string, unknown>[]>;

/** One record of any group: its indicators by code, `extra` for province extensions. */
export type GroupRecord = {
  readonly id: number;
  /** The version's ETag: a change or deletion sends it in If-Match. */
  readonly etag: string;
  extra?: unknown;
  readonly warnings: RecordWarnings;
} & Record<string, unknown>;

/** A record's fields as sent: indicators by code, extensions under `extra`. */
export type GroupRecordWrite = Record<string, unknown>;

type ListResponse = paths[ListPath]['get']['responses'][200]['content']['application/json'];
type ApiRecord = ListResponse['results'][number];

const listPath = (group: GroupCode): ListPath => `/api/v1/teachers/{teacher_pk}/${group}/`;
const detailPath = (group: GroupCode): DetailPath => `/api/v1/teachers/{teacher_pk}/${group}/{id}/`;

const asRecord = (record: ApiRecord): GroupRecord => record;

/** On an approved archive a write waits for review: the API answers 202 with the change request instead. */
export interface PendingChange {
  pending_change: boolean;
  change_request: number;
}

export type SavedRecord = GroupRecord | PendingChange;

export const isPendingChange = (saved: SavedRecord): saved is PendingChange => 'change_request' in saved;

const asSaved = (saved: ApiRecord | PendingChange): SavedRecord => ('change_request' in saved ? saved : asRecord(saved));

export const groupRecordKeys = {
  all: (teacherId: number) => ['teachers', 'records', teacherId] as const,
  list: (teacherId: number, group: GroupCode) => ['teachers', 'records', teacherId, group] as const,
};

/** A teacher has a handful of records per group: all pages are read, in the order they were added. */
export async function getGroupRecords(teacherId: number, group: GroupCode): Promise<GroupRecord[]> {
  const out: GroupRecord[] = [];
  let cursor: string | null = null;
  do {
    const query: { page_size: number; cursor?: string } = { page_size: 100, ...(cursor ? { cursor } : {}) };
    const page = await unwrap(
      api.GET(listPath(group), { params: { path: { teacher_pk: String(teacherId) }, query } }),
    );
    out.push(...page.results.map(asRecord));
    cursor = cursorFrom(page.next);
  } while (cursor);
  return out;
}

export const groupRecordsQueryOptions = (teacherId: number, group: GroupCode) =>
  queryOptions({
    queryKey: groupRecordKeys.list(teacherId, group),
    queryFn: () => getGroupRecords(teacherId, group),
    enabled: Number.isFinite(teacherId),
  });

export function useGroupRecords(teacherId: number, group: GroupCode) {
  return useQuery(groupRecordsQueryOptions(teacherId, group));
}

export async function createGroupRecord(teacherId: number, group: GroupCode, body: GroupRecordWrite): Promise<SavedRecord> {
  const saved = await unwrap(
    api.POST(listPath(group), { params: { path: { teacher_pk: String(teacherId) } }, body }),
  );
  return asSaved(saved);
}

export async function getGroupRecord(teacherId: number, group: GroupCode, id: number): Promise<GroupRecord> {
  return asRecord(await unwrap(api.GET(detailPath(group), { params: { path: { teacher_pk: String(teacherId), id } } })));
}

/** `etag` is the version the change is based on (the row's `etag`): someone else's change since answers 412. */
export async function updateGroupRecord(
  teacherId: number,
  group: GroupCode,
  record: { id: number; etag: string },
  body: GroupRecordWrite,
): Promise<SavedRecord> {
  const saved = await unwrap(
    api.PATCH(detailPath(group), {
      params: { path: { teacher_pk: String(teacherId), id: record.id }, header: { 'If-Match': record.etag } },
      body,
    }),
  );
  return asSaved(saved);
}

export async function deleteGroupRecord(
  teacherId: number,
  group: GroupCode,
  record: { id: number; etag: string },
): Promise<void> {
  const { response, error } = await api.DELETE(detailPath(group), {
    params: { path: { teacher_pk: String(teacherId), id: record.id }, header: { 'If-Match': record.etag } },
  });
  if (!response.ok) throw toApiError(error, response);
}

/**
 * Writes of a group's records: the list is read again, and so is the archive, whose version (its ETag) every
 * record write advances.
 */
export function useGroupRecordMutations(teacherId: number, group: GroupCode) {
  const queryClient = useQueryClient();
  const onSuccess = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: groupRecordKeys.list(teacherId, group) }),
      queryClient.invalidateQueries({ queryKey: teacherKeys.detail(teacherId) }),
      queryClient.invalidateQueries({ queryKey: teacherKeys.timeline(teacherId) }),
      queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] }),
    ]);
  const create = useMutation({
    mutationFn: (body: GroupRecordWrite) => createGroupRecord(teacherId, group, body),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: ({ record, body }: { record: GroupRecord; body: GroupRecordWrite }) =>
      updateGroupRecord(teacherId, group, record, body),
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: (record: GroupRecord) => deleteGroupRecord(teacherId, group, record),
    onSuccess,
  });
  /** After a 412: the list (and the archive) read again. */
  const reload = onSuccess;
  return { create, update, remove, reload };
}
