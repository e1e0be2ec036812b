import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { orgKeys, searchOrgs } from '@/features/orgs/api/get-orgs';
import { cursorPagesOptions, loadedRows } from '@/lib/cursor-pages';

interface OrgSearchResultsProps {
  query: string;
  selectedCode: string | null;
  onSelect: (code: string) => void;
}

export function OrgSearchResults({ query, selectedCode, onSelect }: OrgSearchResultsProps) {
  const { t } = useTranslation(['orgs', 'common']);
  const search = useInfiniteQuery(cursorPagesOptions([...orgKeys.all, 'search', query], (cursor) => searchOrgs(query, cursor)));

  if (search.isError) return <Alert type="error" showIcon title={search.error.message} />;
  if (search.isPending) return <Spin />;

  const results = loadedRows(search.data);
  if (results.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs:noResults')} data-testid="org-search-empty" />;
  }
  return (
    <div data-testid="org-search-results">
      <List
        size="small"
        dataSource={results}
        renderItem={(org) => (
          <List.Item
            key={org.code}
            onClick={() => onSelect(org.code)}
            style={{
              cursor: 'pointer',
              paddingInline: 8,
              background: org.code === selectedCode ? 'rgba(22, 100, 217, 0.08)' : undefined,
            }}
          >
            <List.Item.Meta
              title={org.name}
              description={
                <span>
                  <Typography.Text type="secondary">{org.code}</Typography.Text>{' '}
                  <Tag>{t(`common:levels.${org.level}`)}</Tag>
                </span>
              }
            />
          </List.Item>
        )}
      />
      {search.hasNextPage && (
        <Button block type="link" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </div>
  );
}
