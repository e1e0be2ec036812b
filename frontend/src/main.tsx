import '@/app/global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from '@/app/app';
import { startColdLoad } from '@/app/boot';
import { languageReady } from '@/lib/i18n';
import { createQueryClient } from '@/lib/query-client';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

const queryClient = createQueryClient();
startColdLoad(queryClient, window.location.pathname);

// A user who chose English gets the English texts before the first paint (no flash of Chinese).
void languageReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
});
