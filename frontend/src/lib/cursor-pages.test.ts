import { describe, expect, it } from 'vitest';

import { cursorPagesOptions, loadedRows, toCursorPage } from '@/lib/cursor-pages';

describe('cursor pages', () => {
  it('turns an API page into a cursor page', () => {
    expect(toCursorPage({ results: [1, 2], next: '/api/v1/teachers/?cursor=abc%3D&q=x' })).toEqual({
      results: [1, 2],
      nextCursor: 'abc=',
    });
    expect(toCursorPage({ results: [], next: null })).toEqual({ results: [], nextCursor: null });
  });

  it('starts without a cursor and follows each page', () => {
    const options = cursorPagesOptions(['x'], (cursor) => Promise.resolve({ results: [cursor], nextCursor: 'c2' }));
    expect(options.initialPageParam).toBeNull();
    expect(options.getNextPageParam({ results: [], nextCursor: 'c2' }, [], null, [])).toBe('c2');
    expect(options.getNextPageParam({ results: [], nextCursor: null }, [], 'c2', ['c2'])).toBeNull();
  });

  it('lists the loaded rows in order', () => {
    expect(loadedRows({ pages: [{ results: [1, 2], nextCursor: 'a' }, { results: [3], nextCursor: null }] })).toEqual([1, 2, 3]);
    expect(loadedRows(undefined)).toEqual([]);
  });
});
