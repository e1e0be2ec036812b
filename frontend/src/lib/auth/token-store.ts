/**
 * Where the session's tokens live: the short-lived access token only in memory, the rotating refresh
 * token in localStorage so that a reload keeps the user signed in.
 */
export const REFRESH_STORAGE_KEY = 'tmis.refresh';

type Listener = () => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

function getRefresh(): string | null {
  try {
    return window.localStorage.getItem(REFRESH_STORAGE_KEY);
  } catch {
    return null;
  }
}

function getAccess(): string | null {
  return accessToken;
}

/** A session exists while we hold either token (the access token is gone after a reload). */
function hasSession(): boolean {
  return accessToken !== null || getRefresh() !== null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Stores a fresh pair; the refresh token rotates on every refresh, so the new one replaces the old. */
function setTokens(tokens: { access: string; refresh: string }): void {
  const hadSession = hasSession();
  accessToken = tokens.access;
  try {
    window.localStorage.setItem(REFRESH_STORAGE_KEY, tokens.refresh);
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
  if (!hadSession) notify();
}

function clear(): void {
  const hadSession = hasSession();
  accessToken = null;
  try {
    window.localStorage.removeItem(REFRESH_STORAGE_KEY);
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

export const tokenStore = { getAccess, getRefresh, hasSession, setTokens, clear, subscribe };
