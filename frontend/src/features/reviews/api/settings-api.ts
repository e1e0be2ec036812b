import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

/** The caller's province's review settings (`GET /reviews/settings/`). */
export type ReviewSettings = components['schemas']['ReviewSettings'];

const settingsKey = ['reviews', 'settings'] as const;

export function useReviewSettings(enabled = true) {
  return useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET('/api/v1/reviews/settings/')), enabled });
}

/** Sets the overdue days, based on the version shown (its ETag: a change made meanwhile answers 412). */
export function useSaveReviewSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, overdueDays }: { etag: string; overdueDays: number }) =>
      unwrap(
        api.PATCH('/api/v1/reviews/settings/', {
          params: { header: { 'If-Match': etag } },
          body: { overdue_days: overdueDays },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(settingsKey, data),
  });
}
