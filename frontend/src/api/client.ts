import createClient from 'openapi-fetch';

import type { paths } from '@/api/generated/schema';
import { authFetch } from '@/lib/auth/auth-fetch';

/**
 * The one typed API client. Paths and bodies come from the generated OpenAPI types; authFetch adds the
 * bearer token and Accept-Language and handles the refresh-on-401 retry.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (request: Request) => authFetch(request),
});
