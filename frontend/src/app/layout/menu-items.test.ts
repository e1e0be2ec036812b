import { describe, expect, it } from 'vitest';

import { NAVIGATION, menuSelection, visibleNavigation } from '@/app/layout/menu-items';

const keys = (capabilities: string[]) =>
  visibleNavigation(NAVIGATION, capabilities).map((entry) => [entry.key, entry.children?.map((child) => child.key)]);

describe('menu by capabilities', () => {
  it('shows organisations and users to an administrator', () => {
    expect(keys(['orgs.view', 'orgs.manage', 'users.view', 'users.manage'])).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users']],
    ]);
  });

  it('hides the users item from a filler', () => {
    expect(keys(['orgs.view'])).toEqual([
      ['/', undefined],
      ['admin', ['/orgs']],
    ]);
  });

  it('drops a group whose items are all hidden', () => {
    expect(keys([])).toEqual([['/', undefined]]);
  });

  it('selects the first path segment and opens its group', () => {
    expect(menuSelection('/users')).toEqual({ selected: '/users', open: ['admin'] });
    expect(menuSelection('/')).toEqual({ selected: '/', open: [] });
    expect(menuSelection('/profile')).toEqual({ selected: '/profile', open: [] });
  });
});
