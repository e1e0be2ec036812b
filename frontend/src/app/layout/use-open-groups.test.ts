import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { useOpenGroups } from '@/app/layout/use-open-groups';

describe('useOpenGroups', () => {
  it('opens a group that appears after the first render', () => {
    const { result, rerender } = renderHook(({ keys }) => useOpenGroups(keys), { initialProps: { keys: ['admin'] } });
    expect(result.current[0]).toEqual(['admin']);
    rerender({ keys: ['teachers', 'reports', 'admin'] });
    expect(result.current[0]).toEqual(['teachers', 'reports', 'admin']);
  });

  it('keeps a group the user closed closed when others appear', () => {
    const { result, rerender } = renderHook(({ keys }) => useOpenGroups(keys), {
      initialProps: { keys: ['teachers', 'admin'] },
    });
    act(() => result.current[1](['admin']));
    expect(result.current[0]).toEqual(['admin']);
    rerender({ keys: ['teachers', 'reports', 'admin'] });
    expect(result.current[0]).toEqual(['reports', 'admin']);
    act(() => result.current[1](['teachers', 'reports', 'admin']));
    expect(result.current[0]).toEqual(['teachers', 'reports', 'admin']);
  });
});
