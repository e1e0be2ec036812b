import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

export type Notification = components['schemas']['Notification'];

export interface NotificationList {
  results: Notification[];
  unread: number;
}

/** How many of the newest notifications the header's list shows. */
export const NOTIFICATIONS_SHOWN = 20;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => ['notifications', 'list'] as const,
};

export async function getNotifications(): Promise<NotificationList> {
  const page = await unwrap(api.GET('/api/v1/notifications/', { params: { query: { page_size: NOTIFICATIONS_SHOWN } } }));
  return { results: page.results, unread: page.unread };
}

/** The newest notifications and the unread count, polled every minute while the page is open. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list(),
    queryFn: getNotifications,
    refetchInterval: 60_000,
  });
}

/** Marks the given notifications read, or all of them without ids. */
export async function markRead(ids?: number[]): Promise<number> {
  return (await unwrap(api.POST('/api/v1/notifications/read/', { body: ids ? { ids } : {} }))).marked;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => markRead(ids),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
