import { useState } from 'react';
import { RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { createAppRouter } from '@/app/router';
import { setSessionExpiredHandler } from '@/lib/auth/auth-fetch';
import { createQueryClient } from '@/lib/query-client';

export function App() {
  const [queryClient] = useState(createQueryClient);
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
