import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { IDLE_POLL_MS, isActive, RECENT_JOBS } from '@/features/import-export/utils/jobs';
import { unwrap } from '@/lib/api-error';

/** One background job of any kind (`GET /jobs/`): imports, exports and the kinds to come. */
export type Job = components['schemas']['Job'];
export type JobKind = components['schemas']['JobKind'];

const JOBS_POLL_MS = 2000;
/** The query keys of each kind's own endpoints (an import's page follows a cancel too). */
const KIND_KEYS: Record<JobKind, readonly string[]> = { import: ['imports'], export: ['exports'] };

export const jobKeys = {
  all: ['jobs'] as const,
  recent: () => ['jobs', 'recent'] as const,
};

/** The caller's newest jobs of every kind in one request (the header's jobs indicator). */
export async function getRecentJobs(): Promise<Job[]> {
  return (await unwrap(api.GET('/api/v1/jobs/', { params: { query: { page_size: RECENT_JOBS } } }))).results;
}

/** Followed every 2 s while one of them runs, else each minute (jobs started in another tab). */
export function useRecentJobs() {
  return useQuery({
    queryKey: jobKeys.recent(),
    queryFn: getRecentJobs,
    refetchInterval: (query) => (query.state.data?.some((job) => isActive(job.state)) ? JOBS_POLL_MS : IDLE_POLL_MS),
  });
}

/** A queued job is cancelled at once; a running one stops at its next checkpoint (`cancel_requested` until then). */
export function cancelJob(job: Pick<Job, 'kind' | 'id'>): Promise<Job> {
  return unwrap(api.POST('/api/v1/jobs/{kind}/{id}/cancel/', { params: { path: { kind: job.kind, id: job.id } } }));
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelJob,
    onSettled: (_job, _error, job) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: jobKeys.all }),
        queryClient.invalidateQueries({ queryKey: KIND_KEYS[job.kind] }),
      ]),
  });
}
