import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'tmis.showCodes';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether reference pages show the API's codes beside names (off by default: people read names, never codes). */
export function useShowCodes(): [boolean, (shown: boolean) => void] {
  const shown = useSyncExternalStore(subscribe, read, () => false);
  const set = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Private mode: the switch still works for this page view.
    }
    listeners.forEach((listener) => listener());
  }, []);
  return [shown, set];
}
