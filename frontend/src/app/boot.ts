import type { QueryClient } from '@tanstack/react-query';

import { preloadCurrentPage, routeOf } from '@/app/router';
import { routePermitted, type AppRoute, type RoutePrefetch } from '@/app/routes/route-table';
import { refreshTokens } from '@/lib/auth/auth-fetch';
import { meQueryOptions, userHint, type UserHint } from '@/lib/auth/session';
import { tokenStore } from '@/lib/auth/token-store';

function prefetchFor(
  queryClient: QueryClient,
  route: AppRoute | undefined,
  loaded: RoutePrefetch | undefined,
  user: UserHint,
): Promise<void> | undefined {
  if (!route || !loaded || !routePermitted(route, user.capabilities, user.level)) return undefined;
  return loaded.prefetchRoute(queryClient, user.level);
}

/**
 * A cold start on a page behind the login (a bookmark, a reload). The server speaks HTTP/1.1: six connections, a
 * round trip each. The calls go first — the token refresh (with the small module of the route's `prefetch`), then
 * /auth/me and the route's data together (the level and capabilities the last /auth/me told, a hint checked when
 * /auth/me answers) — and the code of the layout and the page starts right behind the refresh: it is one file for
 * the teacher list (the `shell` chunk of vite.config.ts), which leaves connections for the calls. (When it was ~70
 * files, a call made after them waited for them all.) The page then finds its data in the cache.
 */
export function startColdLoad(queryClient: QueryClient, pathname: string): void {
  if (pathname === '/login' || !tokenStore.hasSession()) return;
  const route = routeOf(pathname);
  const prefetch = route?.prefetch?.().catch(() => undefined);
  const session = tokenStore.getAccess() ? Promise.resolve(true) : refreshTokens();
  // After the refresh is on the wire (fetch starts in a later task).
  setTimeout(() => {
    preloadCurrentPage(pathname);
  }, 0);
  void session.then(async (ok) => {
    const me = ok ? queryClient.query(meQueryOptions()).catch(() => undefined) : undefined;
    const hint = ok ? userHint() : null;
    const loaded = hint ? await prefetch : undefined;
    if (hint) void prefetchFor(queryClient, route, loaded, hint);
    const user = await me;
    if (!user) return;
    const known = { capabilities: user.capabilities, level: user.organisation.level };
    if (known.level !== hint?.level) await prefetchFor(queryClient, route, await prefetch, known);
  });
}
