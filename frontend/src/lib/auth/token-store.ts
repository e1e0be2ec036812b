/**
 * Where the session's tokens live: the short-lived access token only in memory; the refresh token never reaches
 * the page — the server keeps it in an HttpOnly cookie scoped to /api/v1/auth/ (issue 14). A reload therefore
 * starts with no access token and asks the refresh endpoint (with the cookie) for one. Only a marker that a session
 * may exist is kept in localStorage, so that a reload knows to try; it is no secret.
 */
export const SESSION_MARKER_KEY = 'tmis.session';

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

function markerSet(): boolean {
  try {
    return window.localStorage.getItem(SESSION_MARKER_KEY) === '1';
  } catch {
    return false;
  }
}

function getAccess(): string | null {
  return accessToken;
}

/** Whether a refresh cookie may exist (a login happened in this browser and no logout since). */
function mayRefresh(): boolean {
  return markerSet();
}

/** A session exists while we hold an access token or may get one through the cookie. */
function hasSession(): boolean {
  return accessToken !== null || markerSet();
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Keeps a fresh access token (the refresh token is the server's cookie). */
function setAccess(access: string): void {
  const hadSession = hasSession();
  accessToken = access;
  try {
    window.localStorage.setItem(SESSION_MARKER_KEY, '1');
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
  if (!hadSession) notify();
}

function clear(): void {
  const hadSession = hasSession();
  accessToken = null;
  try {
    window.localStorage.removeItem(SESSION_MARKER_KEY);
    window.localStorage.removeItem('tmis.refresh'); // the refresh token kept there before issue 14
    window.localStorage.removeItem('tmis.user'); // the user hint of lib/auth/session
  } catch {
    // ignore
  }
  if (hadSession) notify();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export const tokenStore = { getAccess, mayRefresh, hasSession, setAccess, clear, subscribe };
