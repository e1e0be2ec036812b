import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { OrgTree } from '@/features/orgs/components/org-tree';
import type { OrgTreeState } from '@/features/orgs/hooks/use-org-tree';
import { expectInert, MARKUP_NAME } from '@/testing/hostile-text';
import { renderWithProviders } from '@/testing/render';

const org = (code: string, name: string, parent: string | null, isLeaf: boolean) =>
  ({
    code,
    name,
    name_en: '',
    level: parent ? 'school' : 'province',
    parent_code: parent,
    path: parent ? `/000000/620000/${code}/` : `/000000/${code}/`,
    depth: parent ? 2 : 1,
    is_leaf: isLeaf,
    province_code: '620000',
  }) as unknown as OrgTreeState['orgs'][string];

describe('the organisation tree', () => {
  it('shows a name holding markup as text, creating no element', () => {
    const tree: OrgTreeState = {
      rootCodes: ['620000'],
      orgs: { '620000': org('620000', '甘肃省', null, false), '2162010299': org('2162010299', MARKUP_NAME, '620000', true) },
      children: { '620000': { codes: ['2162010299'], nextCursor: null } },
      expandedKeys: ['620000'],
      loadingKeys: [],
      rootsLoading: false,
      rootsError: null,
      setExpandedKeys: () => undefined,
      loadChildren: () => Promise.resolve(),
      reloadChildren: () => Promise.resolve(),
      updateOrg: () => undefined,
    };
    const { container } = renderWithProviders(<OrgTree tree={tree} selectedCode={null} onSelect={() => undefined} />);
    expect(screen.getByTestId('org-node-2162010299')).toHaveTextContent(MARKUP_NAME);
    expectInert(container);
  });
});
