import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useNow } from '@/lib/use-now';

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T08:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('moves on every interval while ticking', () => {
    const { result } = renderHook(() => useNow(true, 60_000));
    const start = result.current;
    act(() => {
      vi.advanceTimersByTime(59_000);
    });
    expect(result.current).toBe(start);
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(result.current).toBe(start + 60_000);
  });

  it('stands still while not ticking and catches up on its first tick', () => {
    const { result, rerender } = renderHook(({ ticking }) => useNow(ticking), { initialProps: { ticking: false } });
    const start = result.current;
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(result.current).toBe(start);
    rerender({ ticking: true });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(result.current).toBe(start + 6_000);
  });
});
