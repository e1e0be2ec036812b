import type { QueryClient } from '@tanstack/react-query';

import { initialTeacherFilters, teacherListOptions } from '@/features/teachers/api/teachers-api';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';

/**
 * A cold start on /teachers asks for the list's first page as soon as the user's level is known (or hinted), while the page's code is
 * still downloading: the page then renders from the cache (same key and options as `useTeachers`).
 */
export async function prefetchRoute(queryClient: QueryClient, level: string | undefined): Promise<void> {
  const ignore = () => undefined; // a failed call shows in the page, which asks again
  await Promise.all([
    queryClient.infiniteQuery(teacherListOptions(initialTeacherFilters(level))).catch(ignore),
    queryClient.query(codeItemsQueryOptions('gender')).catch(ignore),
  ]);
}
