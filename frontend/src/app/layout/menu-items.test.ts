import { describe, expect, it } from 'vitest';

import { NAVIGATION, menuSelection, visibleNavigation } from '@/app/layout/menu-items';
import type { Level } from '@/lib/org-levels';

const keys = (capabilities: string[], level?: Level) =>
  visibleNavigation(NAVIGATION, capabilities, level).map((entry) => [entry.key, entry.children?.map((child) => child.key)]);

describe('menu by capabilities', () => {
  it('shows organisations and users to an administrator', () => {
    expect(keys(['orgs.view', 'orgs.manage', 'users.view', 'users.manage'])).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users', '/catalog', '/code-tables']],
    ]);
  });

  it('shows the province catalogue only to a province administrator', () => {
    const admin = ['orgs.view', 'users.view', 'catalog.manage'];
    expect(keys(admin, 'province')).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users', '/catalog', '/province-catalog', '/code-tables']],
    ]);
    expect(keys(admin, 'county')).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users', '/catalog', '/code-tables']],
    ]);
    expect(keys(['orgs.view'], 'province')).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/catalog', '/code-tables']],
    ]);
  });

  it('hides the users item from a filler', () => {
    expect(keys(['orgs.view'])).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/catalog', '/code-tables']],
    ]);
  });

  it('shows an auditor the audit log and nothing else (三员分立)', () => {
    expect(keys(['audit.view'])).toEqual([['/audit', undefined]]);
    expect(keys([])).toEqual([]);
  });

  it('keeps the audit log from the system and security administrators', () => {
    const sysadmin = ['orgs.view', 'orgs.manage', 'users.view', 'users.manage', 'catalog.manage'];
    expect(keys(sysadmin, 'province')).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users', '/catalog', '/province-catalog', '/code-tables', '/review-flows']],
    ]);
    expect(keys(['orgs.view', 'users.view', 'roles.assign', 'security.view'])).toEqual([
      ['/', undefined],
      ['admin', ['/orgs', '/users', '/catalog', '/code-tables']],
    ]);
  });

  it('drops a group whose items are all hidden', () => {
    expect(visibleNavigation([{ key: 'g', labelKey: 'menu.admin', children: [{ key: '/x', labelKey: 'menu.users', capability: 'x' }] }], [])).toEqual([]);
  });

  it('selects the first path segment and opens its group', () => {
    expect(menuSelection('/users')).toEqual({ selected: '/users', open: ['admin'] });
    expect(menuSelection('/province-catalog')).toEqual({ selected: '/province-catalog', open: ['admin'] });
    expect(menuSelection('/')).toEqual({ selected: '/', open: [] });
    expect(menuSelection('/profile')).toEqual({ selected: '/profile', open: [] });
  });

  it('shows the teacher archives to users who may view teachers', () => {
    expect(keys(['teachers.view', 'orgs.view'], 'school')).toEqual([
      ['/', undefined],
      ['teachers', ['/teachers', '/changes']],
      ['admin', ['/orgs', '/catalog', '/code-tables']],
    ]);
    expect(menuSelection('/teachers/12')).toEqual({ selected: '/teachers', open: ['teachers'] });
  });

  it('shows the review queue to reviewers and my submissions to fillers', () => {
    expect(keys(['orgs.view', 'teachers.view', 'reviews.decide'], 'school')[1]).toEqual(['teachers', ['/teachers', '/reviews', '/changes']]);
    expect(keys(['orgs.view', 'teachers.view', 'teachers.change'], 'school')[1]).toEqual([
      'teachers',
      ['/teachers', '/teachers/import', '/my-submissions', '/changes', '/changes/transfer'],
    ]);
    expect(menuSelection('/reviews')).toEqual({ selected: '/reviews', open: ['teachers'] });
    expect(menuSelection('/reviews/31')).toEqual({ selected: '/reviews', open: ['teachers'] });
    expect(menuSelection('/my-submissions')).toEqual({ selected: '/my-submissions', open: ['teachers'] });
    expect(menuSelection('/changes')).toEqual({ selected: '/changes', open: ['teachers'] });
    expect(menuSelection('/changes/transfer')).toEqual({ selected: '/changes/transfer', open: ['teachers'] });
  });

  it('shows the import page to fillers and highlights it, not the archives, on its path', () => {
    expect(keys(['orgs.view', 'teachers.view'], 'county')[1]).toEqual(['teachers', ['/teachers', '/changes']]);
    expect(menuSelection('/teachers/import')).toEqual({ selected: '/teachers/import', open: ['teachers'] });
    expect(menuSelection('/teachers/new')).toEqual({ selected: '/teachers', open: ['teachers'] });
    expect(menuSelection('/teachers/important')).toEqual({ selected: '/teachers', open: ['teachers'] });
  });
  it('shows 培训学时 by the training capabilities: 学时规则 to a province administrator only', () => {
    expect(keys(['orgs.view', 'teachers.view', 'training.view', 'training.claim'], 'school')[2]).toEqual([
      'training',
      ['/training/programmes', '/training/claims', '/training/compliance'],
    ]);
    expect(keys(['orgs.view', 'training.view', 'training.manage'], 'province')[1]).toEqual([
      'training',
      ['/training/programmes', '/training/claims', '/training/compliance', '/training/rules'],
    ]);
    expect(keys(['orgs.view', 'training.view', 'training.manage'], 'county')[1]).toEqual([
      'training',
      ['/training/programmes', '/training/claims', '/training/compliance'],
    ]);
    expect(menuSelection('/training/programmes/3')).toEqual({ selected: '/training/programmes', open: ['training'] });
    expect(menuSelection('/training/claims/batch')).toEqual({ selected: '/training/claims', open: ['training'] });
  });

  it('shows 统计分析 (月报表 · 通报 · 统计人数) to users who may view reports, between the teachers and administration', () => {
    expect(keys(['orgs.view', 'teachers.view', 'reports.view'], 'county')).toEqual([
      ['/', undefined],
      ['teachers', ['/teachers', '/changes']],
      ['reports', ['/reports/monthly', '/reports/ranking', '/reports/headcounts']],
      ['admin', ['/orgs', '/catalog', '/code-tables']],
    ]);
    expect(menuSelection('/reports/ranking')).toEqual({ selected: '/reports/ranking', open: ['reports'] });
    // 统计人数 compares a region's schools: not a school's own item.
    expect(keys(['orgs.view', 'teachers.view', 'reports.view'], 'school')[2]).toEqual([
      'reports',
      ['/reports/monthly', '/reports/ranking'],
    ]);
  });
});
