import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface LoadMoreProps {
  /** The infinite query of a cursor-paged list (lib/cursor-pages). */
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  /** How many rows are shown: "no more" is said only under a list that has rows. */
  shown: number;
}

/** 加载更多 under a cursor-paged list, or 没有更多了 when the last page is in. */
export function LoadMore({ pages, shown }: LoadMoreProps) {
  const { t } = useTranslation('common');
  if (pages.hasNextPage) {
    return (
      <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
        {t('actions.loadMore')}
      </Button>
    );
  }
  return shown > 0 ? <Typography.Text type="secondary">{t('status.noMore')}</Typography.Text> : null;
}
