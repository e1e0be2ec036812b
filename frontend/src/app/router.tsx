import { lazy, Suspense } from 'react';
import { createBrowserRouter, matchPath, type RouteObject } from 'react-router';

import { RequireAuth } from '@/app/require-auth';
import { PageLoading } from '@/app/routes/page-loading';
import { RouteError } from '@/app/routes/route-error';
import { RouteGate } from '@/app/routes/route-gate';
import { lazyPage, ROUTES, type AppRoute, type RouteHandle } from '@/app/routes/route-table';

// Pages, and the layout behind the login, download when first shown: the login page carries neither.
const LoginPage = lazy(() => import('@/features/auth/pages/login-page').then((m) => ({ default: m.LoginPage })));
const AppLayout = lazyPage(() => import('@/app/layout/app-layout').then((m) => ({ default: m.AppLayout })));

/** The route of the table a path opens (none: not found, or the login). */
export function routeOf(pathname: string): AppRoute | undefined {
  return ROUTES.find((candidate) => matchPath({ path: candidate.path, end: true }, pathname));
}

/**
 * A cold start on a page behind the login (a bookmark, a reload) downloads the layout's and the page's code while
 * the session is restored (token refresh, /auth/me), not after: on a slow link each wait is a round trip or more.
 * The login page starts nothing (its budget is its own code). Called by app/boot, right after the token refresh.
 */
export function preloadCurrentPage(pathname: string): void {
  if (pathname === '/login') return;
  void AppLayout.preload();
  void routeOf(pathname)?.page.preload();
}
const NotFound = lazy(() => import('@/app/routes/not-found'));

function toRouteObject(route: AppRoute): RouteObject {
  const handle: RouteHandle = { crumbs: route.crumbs };
  const element = <RouteGate route={route} />;
  return route.path === '/' ? { index: true, element, handle } : { path: route.path.slice(1), element, handle };
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/login',
      element: (
        <Suspense fallback={<PageLoading fullPage />}>
          <LoginPage />
        </Suspense>
      ),
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <Suspense fallback={<PageLoading fullPage />}>
            <AppLayout />
          </Suspense>
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        {
          // A page that fails shows its error inside the layout (menu and header stay).
          errorElement: <RouteError />,
          children: [...ROUTES.map(toRouteObject), {
              path: '*',
              element: (
                <Suspense fallback={<PageLoading />}>
                  <NotFound />
                </Suspense>
              ),
            },],
        },
      ],
    },
  ]);
}
