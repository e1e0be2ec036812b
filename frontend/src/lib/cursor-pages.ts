import { infiniteQueryOptions, type QueryKey } from '@tanstack/react-query';

/** One page of a cursor-paged list (no total: the API keeps none on big lists). */
export interface CursorPage<T> {
  results: T[];
  nextCursor: string | null;
}

/** Reads the opaque `cursor` parameter out of a DRF cursor-pagination `next`/`previous` link. */
export function cursorFrom(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link, 'http://placeholder.invalid').searchParams.get('cursor');
  } catch {
    return null;
  }
}

/** An API page (`{ results, next }`) as a `CursorPage`. */
export function toCursorPage<T>(page: { results: T[]; next?: string | null }): CursorPage<T> {
  return { results: page.results, nextCursor: cursorFrom(page.next) };
}

/**
 * The one load-more pagination: TanStack infinite-query options that start without a cursor and follow each page's
 * `nextCursor`. Spread into `useInfiniteQuery` with any further options (`enabled`, `refetchInterval`).
 */
export function cursorPagesOptions<T, K extends QueryKey>(
  queryKey: K,
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last: CursorPage<T>) => last.nextCursor,
  });
}

/** Every row loaded so far, in order. */
export function loadedRows<T>(data: { pages: CursorPage<T>[] } | undefined): T[] {
  return data?.pages.flatMap((page) => page.results) ?? [];
}
