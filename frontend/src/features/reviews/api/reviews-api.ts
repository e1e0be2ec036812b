import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { reviewKindValues, reviewStateValues } from '@/api/generated/enums';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';
import { cursorFrom, cursorPagesOptions, toCursorPage } from '@/lib/cursor-pages';
import { listResults } from '@/lib/review-changes';

export type Submission = components['schemas']['Submission'];
export type SubmissionDetail = components['schemas']['SubmissionDetail'];
export type Decision = components['schemas']['Decision'];
export type ReviewKind = components['schemas']['ReviewKind'];
export type SubmissionState = components['schemas']['ReviewState'];
export type BulkAction = components['schemas']['BulkReviewAction'];
export type BulkResult = components['schemas']['BulkResult'];

export const REVIEW_KINDS: readonly ReviewKind[] = reviewKindValues;
/** States of an item still waiting for a decision (what a queue holds). */
export const OPEN_STATES: readonly SubmissionState[] = ['submitted', 'in_review'];
export const SUBMISSION_STATES: readonly SubmissionState[] = reviewStateValues;

/** The queue's views: waiting at my organisation, decided by me, everything in my scope. */
export const QUEUE_VIEWS = ['waiting', 'decided', 'scope'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export interface ReviewFilters {
  view?: QueueView;
  kind?: ReviewKind;
  state?: SubmissionState;
  school?: string;
  /** Only items submitted before this instant (ISO): the queue's "waiting longer than" filter. */
  submitted_before?: string;
  /** true: only the unattended items below (无人审核); false: only the caller's own steps; absent: both. */
  unattended?: boolean;
  /** Only items waiting longer than the province's overdue days. */
  overdue?: boolean;
}

export interface SubmissionPage {
  results: Submission[];
  nextCursor: string | null;
}

export const reviewKeys = {
  all: ['reviews'] as const,
  queue: (filters: ReviewFilters) => ['reviews', 'queue', filters] as const,
  queueCount: () => ['reviews', 'queue-count'] as const,
  mine: (filters: ReviewFilters) => ['reviews', 'mine', filters] as const,
  detail: (id: number) => ['reviews', 'detail', id] as const,
};

const queryOf = (filters: ReviewFilters, cursor: string | null) => ({
  ...(filters.view && filters.view !== 'waiting' ? { view: filters.view } : {}),
  ...(filters.kind ? { kind: filters.kind } : {}),
  ...(filters.state ? { state: filters.state } : {}),
  ...(filters.school ? { school: filters.school } : {}),
  ...(filters.submitted_before ? { submitted_before: filters.submitted_before } : {}),
  ...(filters.unattended !== undefined ? { unattended: String(filters.unattended) } : {}),
  ...(filters.overdue ? { overdue: 'true' } : {}),
  ...(cursor ? { cursor } : {}),
});

/** The caller's queue: open items whose current step is at the caller's organisation, oldest first. */
export async function getQueue(filters: ReviewFilters, cursor: string | null): Promise<SubmissionPage> {
  const page = await unwrap(api.GET('/api/v1/reviews/', { params: { query: queryOf(filters, cursor) } }));
  return toCursorPage(page);
}

export function useQueue(filters: ReviewFilters) {
  return useInfiniteQuery(cursorPagesOptions(reviewKeys.queue(filters), (cursor) => getQueue(filters, cursor)));
}

/** How many items wait in the queue, counted up to `QUEUE_COUNT_LIMIT` (the API keeps no total). */
export const QUEUE_COUNT_LIMIT = 99;

export async function getQueueCount(): Promise<{ count: number; more: boolean }> {
  const page = await unwrap(api.GET('/api/v1/reviews/', { params: { query: { page_size: QUEUE_COUNT_LIMIT } } }));
  return { count: page.results.length, more: Boolean(page.next) };
}

/** The menu badge: polled every minute while the page is open. */
export function useQueueCount(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.queueCount(),
    queryFn: getQueueCount,
    enabled,
    refetchInterval: 60_000,
  });
}

/**
 * The caller's own submissions. The generated client types this endpoint as one item; it answers a cursor page
 * like the queue, which is what is read here.
 */
export async function getMine(filters: ReviewFilters, cursor: string | null): Promise<SubmissionPage> {
  const data: unknown = await unwrap(api.GET('/api/v1/reviews/mine/', { params: { query: queryOf(filters, cursor) } as never }));
  const next = typeof data === 'object' && data !== null && 'next' in data && typeof data.next === 'string' ? data.next : null;
  return { results: listResults<Submission>(data), nextCursor: cursorFrom(next) };
}

export function useMine(filters: ReviewFilters) {
  return useInfiniteQuery(cursorPagesOptions(reviewKeys.mine(filters), (cursor) => getMine(filters, cursor)));
}

export function getReview(id: number): Promise<SubmissionDetail> {
  return unwrap(api.GET('/api/v1/reviews/{id}/', { params: { path: { id } } }));
}

export const reviewQueryOptions = (id: number) =>
  queryOptions({ queryKey: reviewKeys.detail(id), queryFn: () => getReview(id), enabled: Number.isFinite(id) });

export function useReview(id: number | null) {
  return useQuery({ ...reviewQueryOptions(id ?? Number.NaN), enabled: id !== null && Number.isFinite(id) });
}

export function approveReview(id: number): Promise<SubmissionDetail> {
  return unwrap(api.POST('/api/v1/reviews/{id}/approve/', { params: { path: { id } } }));
}

export function returnReview(id: number, reason: string): Promise<SubmissionDetail> {
  return unwrap(api.POST('/api/v1/reviews/{id}/return/', { params: { path: { id } }, body: { reason } }));
}

/**
 * Up to 1,000 decisions; one result per id, in order. The generated client types the answer as a page; the API
 * sends a bare list (both are read).
 */
export async function bulkDecide(action: BulkAction, ids: number[], reason = ''): Promise<BulkResult[]> {
  const data: unknown = await unwrap(api.POST('/api/v1/reviews/bulk/', { body: { action, ids, reason } }));
  return listResults<BulkResult>(data);
}

/** After a decision the queue, the item, the archive it concerns and the badge are read again. */
function useInvalidateAfterDecision() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['teachers'] }),
    ]);
}

export function useDecisions() {
  const invalidate = useInvalidateAfterDecision();
  const approve = useMutation({ mutationFn: approveReview, onSettled: invalidate });
  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => returnReview(id, reason),
    onSettled: invalidate,
  });
  const bulk = useMutation({
    mutationFn: ({ action, ids, reason }: { action: BulkAction; ids: number[]; reason?: string }) => bulkDecide(action, ids, reason),
    onSettled: invalidate,
  });
  return { approve, reject, bulk };
}

/** The submitter takes a submission back before the first decision of its round. */
export function withdrawReview(id: number): Promise<SubmissionDetail> {
  return unwrap(api.POST('/api/v1/reviews/{id}/withdraw/', { params: { path: { id } } }));
}

export function useWithdraw() {
  const invalidate = useInvalidateAfterDecision();
  return useMutation({ mutationFn: withdrawReview, onSettled: invalidate });
}
