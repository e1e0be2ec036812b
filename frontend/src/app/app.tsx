import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { setSessionExpiredHandler } from '@/lib/auth/auth-fetch';

/** The SPA; `queryClient` is main's, which the cold start (app/boot) has begun to fill. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const [router] = useState(() => {
    const appRouter = createAppRouter();
    setSessionExpiredHandler(() => {
      queryClient.clear();
      const here = `${window.location.pathname}${window.location.search}`;
      const next = here.startsWith('/login') ? '' : `?next=${encodeURIComponent(here)}`;
      void appRouter.navigate(`/login${next}`, { replace: true });
    });
    return appRouter;
  });
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
