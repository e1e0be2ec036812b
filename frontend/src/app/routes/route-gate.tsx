import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router';

import { PageLoading } from '@/app/routes/page-loading';
import { ROUTES, routePermitted, type AppRoute } from '@/app/routes/route-table';
import { useCurrentUser } from '@/lib/auth/session';

const Forbidden = lazy(() => import('@/app/routes/forbidden'));

/**
 * One route's guard and loader: a user without the route's capability (or level) gets 403 and the page's code is
 * never downloaded; otherwise the page loads lazily behind a spinner. The home page of a user who may not open it
 * (the auditor: the audit log only) is the first menu item they may open.
 */
export function RouteGate({ route }: { route: AppRoute }) {
  const user = useCurrentUser();
  const permitted = routePermitted(route, user.capabilities, user.organisation.level);
  if (!permitted && route.path === '/') {
    const home = ROUTES.find(
      (candidate) => candidate.menu && routePermitted(candidate, user.capabilities, user.organisation.level),
    );
    if (home && home.path !== '/') return <Navigate to={home.path} replace />;
  }
  const Page = permitted ? route.page : Forbidden;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
