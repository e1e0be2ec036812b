import { lazy, Suspense } from 'react';

import { PageLoading } from '@/app/routes/page-loading';
import { routePermitted, type AppRoute } from '@/app/routes/route-table';
import { useCurrentUser } from '@/lib/auth/session';

const Forbidden = lazy(() => import('@/app/routes/forbidden'));

/**
 * One route's guard and loader: a user without the route's capability (or level) gets 403 and the page's code is
 * never downloaded; otherwise the page loads lazily behind a spinner.
 */
export function RouteGate({ route }: { route: AppRoute }) {
  const user = useCurrentUser();
  const Page = routePermitted(route, user.capabilities, user.organisation.level) ? route.page : Forbidden;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
