import { describe, expect, it } from 'vitest';

import { cursorFrom } from '@/lib/cursor-pages';
import { levelsBelow } from '@/lib/org-levels';

describe('organisation helpers', () => {
  it('lists the levels below one', () => {
    expect(levelsBelow('central')).toEqual(['province', 'city', 'county', 'school']);
    expect(levelsBelow('county')).toEqual(['school']);
    expect(levelsBelow('school')).toEqual([]);
  });

  it('reads the cursor out of a DRF next link', () => {
    expect(cursorFrom('http://127.0.0.1:8765/api/v1/orgs/620102/children/?cursor=cD02MjAxMDI%3D')).toBe('cD02MjAxMDI=');
    expect(cursorFrom('/api/v1/users/?cursor=abc&q=x')).toBe('abc');
    expect(cursorFrom(null)).toBeNull();
  });
});
