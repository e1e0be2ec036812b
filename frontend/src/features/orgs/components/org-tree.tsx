import { Alert, App, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';

import type { OrgTreeState } from '@/features/orgs/hooks/use-org-tree';

const MORE_PREFIX = '__more__:';

interface OrgTreeProps {
  tree: OrgTreeState;
  selectedCode: string | null;
  onSelect: (code: string) => void;
}

export function OrgTree({ tree, selectedCode, onSelect }: OrgTreeProps) {
  const { t } = useTranslation(['orgs', 'common']);
  const { message } = App.useApp();
  const load = (code: string, options?: { more?: boolean }) =>
    tree.loadChildren(code, options).catch((error: unknown) => {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    });

  if (tree.rootsError) return <Alert type="error" showIcon title={tree.rootsError.message} />;
  if (tree.rootsLoading) return <Spin />;

  const build = (code: string, trail: Set<string>): TreeDataNode | null => {
    const org = tree.orgs[code];
    if (!org || trail.has(code)) return null;
    const kids = tree.children[code];
    const nextTrail = new Set(trail).add(code);
    const node: TreeDataNode = {
      key: code,
      title: (
        <span data-testid={`org-node-${code}`}>
          {org.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {org.code}
          </Typography.Text>
        </span>
      ),
      isLeaf: org.is_leaf && !(kids && kids.codes.length > 0),
    };
    if (kids) {
      const childNodes = kids.codes
        .map((child) => build(child, nextTrail))
        .filter((child): child is TreeDataNode => child !== null);
      if (kids.nextCursor) {
        childNodes.push({
          key: `${MORE_PREFIX}${code}`,
          isLeaf: true,
          title: <Typography.Link>{t('orgs:loadMoreChildren')}</Typography.Link>,
        });
      }
      node.children = childNodes;
    }
    return node;
  };

  const treeData = tree.rootCodes
    .map((code) => build(code, new Set()))
    .filter((node): node is TreeDataNode => node !== null);

  return (
    <Tree
      blockNode
      showLine
      treeData={treeData}
      expandedKeys={tree.expandedKeys}
      selectedKeys={selectedCode ? [selectedCode] : []}
      onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
      loadData={(node) => load(String(node.key))}
      onSelect={(_keys, info) => {
        const key = String(info.node.key);
        if (key.startsWith(MORE_PREFIX)) {
          void load(key.slice(MORE_PREFIX.length), { more: true });
        } else {
          onSelect(key);
        }
      }}
      aria-label={t('orgs:treeTitle')}
    />
  );
}
