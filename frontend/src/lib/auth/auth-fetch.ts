import { tokenStore } from '@/lib/auth/token-store';

export const API_PREFIX = '/api/v1';
const REFRESH_URL = `${API_PREFIX}/auth/token/refresh/`;
/** Calls that must never trigger a refresh-and-retry (they are the auth flow itself). */
const NO_RETRY_PATHS = [
  `${API_PREFIX}/auth/token/`,
  `${API_PREFIX}/auth/token/totp/`,
  REFRESH_URL,
  `${API_PREFIX}/auth/logout/`,
];

type LanguageGetter = () => string;
let currentLanguage: LanguageGetter = () => 'zh-CN';
let onSessionExpired: () => void = () => undefined;

/** The i18n module tells us the UI language; every request carries it as Accept-Language. */
export function setLanguageGetter(getter: LanguageGetter): void {
  currentLanguage = getter;
}

/** Called once when a refresh fails: the app goes back to the login page. */
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

/** Asks /auth/ endpoints to keep the refresh token in their HttpOnly cookie (and proves the call is ours). */
export const REFRESH_COOKIE_HEADER = 'X-Refresh-Cookie';

function hasAccess(value: unknown): value is { access: string } {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as Record<string, unknown>).access === 'string';
}

let refreshInFlight: Promise<boolean> | null = null;

async function doRefresh(): Promise<boolean> {
  if (!tokenStore.mayRefresh()) return false;
  try {
    // The refresh token is the HttpOnly cookie the browser sends itself (same origin).
    const response = await fetch(REFRESH_URL, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        'Accept-Language': currentLanguage(),
        [REFRESH_COOKIE_HEADER]: '1',
      },
      body: '{}',
    });
    if (!response.ok) return false;
    const body: unknown = await response.json();
    if (!hasAccess(body)) return false;
    tokenStore.setAccess(body.access);
    return true;
  } catch {
    return false;
  }
}

/**
 * Exchanges the refresh cookie for a new access token (and cookie). Concurrent callers share one request, because
 * the refresh token rotates: a second request with the old token would be refused (it is blacklisted).
 */
export function refreshTokens(): Promise<boolean> {
  refreshInFlight ??= doRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

function expireSession(): void {
  tokenStore.clear();
  onSessionExpired();
}

function withHeaders(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set('Accept-Language', currentLanguage());
  if (pathOf(request).startsWith(`${API_PREFIX}/auth/`)) headers.set(REFRESH_COOKIE_HEADER, '1');
  const access = tokenStore.getAccess();
  if (access) headers.set('Authorization', `Bearer ${access}`);
  else headers.delete('Authorization');
  return new Request(request, { headers });
}

function pathOf(request: Request): string {
  return new URL(request.url, window.location.origin).pathname;
}

/**
 * fetch for the API client: adds Accept-Language and the bearer token; on a 401 it refreshes once and
 * retries once; when the refresh fails the session is cleared and the app is told to show the login.
 */
export async function authFetch(input: Request): Promise<Response> {
  const path = pathOf(input);
  const retryable = !NO_RETRY_PATHS.includes(path);
  // Keep an unread copy for the retry: a request body can be read only once.
  const spare = retryable ? input.clone() : null;

  if (retryable && !tokenStore.getAccess() && tokenStore.mayRefresh()) {
    // After a reload only the refresh cookie is left: get an access token before the first call.
    if (!(await refreshTokens())) expireSession();
  }
  const response = await fetch(withHeaders(input));
  if (response.status !== 401 || !spare || !tokenStore.hasSession()) return response;

  const refreshed = await refreshTokens();
  if (!refreshed) {
    expireSession();
    return response;
  }
  return fetch(withHeaders(spare));
}
