import { useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { unwrap } from '@/lib/api-error';

export type HomeTodos = components['schemas']['HomeTodos'];

export function getHomeTodos(): Promise<HomeTodos> {
  return unwrap(api.GET('/api/v1/home/todos/'));
}

/** The home page's to-dos for the caller's scope (read again every minute while the page is open). */
export function useHomeTodos() {
  return useQuery({ queryKey: ['home', 'todos'], queryFn: getHomeTodos, refetchInterval: 60_000 });
}
