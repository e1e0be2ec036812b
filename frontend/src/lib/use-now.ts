import { useEffect, useState } from 'react';

/**
 * "Now" in milliseconds, moved on every `intervalMs` while `ticking`: the one clock for everything that ticks
 * (elapsed times and estimates of running jobs, how long review items have waited). Stopped, it keeps the last value.
 */
export function useNow(ticking = true, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [ticking, intervalMs]);
  return now;
}
