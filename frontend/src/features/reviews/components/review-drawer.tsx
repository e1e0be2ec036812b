import { CheckOutlined, DownOutlined, RollbackOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Grid, Space, Spin, Tooltip } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { useReview } from '@/features/reviews/api/reviews-api';
import { ReviewDetail } from '@/features/reviews/components/review-detail';
import { useDecide } from '@/features/reviews/components/use-decide';
import { nextItemId } from '@/features/reviews/utils/queue';

interface ReviewDrawerProps {
  id: number;
  /** The queue's items in order, for previous / next and for moving on after a decision. */
  ids: readonly number[];
  onShow: (id: number | null) => void;
  /** False in the queue's history views: the item is shown, not decided here (default true). */
  decidable?: boolean;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The queue's item drawer: the item with approve and return. After a decision the next item opens, so a reviewer
 * works through the queue without going back to the table; keys A (approve, after a confirmation like the row
 * button's), R (return), J / K (next, previous).
 */
export function ReviewDrawer({ id, ids, onShow, decidable = true }: ReviewDrawerProps) {
  const { t } = useTranslation(['reviews', 'common']);
  const screens = Grid.useBreakpoint();
  const review = useReview(id);
  const position = ids.indexOf(id);
  const previous = position > 0 ? ids[position - 1] : undefined;
  const next = position >= 0 ? ids[position + 1] : undefined;
  const decide = useDecide((decided) => onShow(nextItemId(ids, decided)));
  const item = review.data;
  const open = decidable && item !== undefined && (item.state === 'submitted' || item.state === 'in_review');
  const returning = decide.modal !== null && decide.modal !== false;
  const { modal } = App.useApp();
  // Key A asks like the row button does: one stray key press must not approve an archive.
  const confirming = useRef(false);
  const confirmApprove = useCallback(
    (target: NonNullable<typeof item>) => {
      if (confirming.current) return;
      confirming.current = true;
      void modal.confirm({
        title: t('reviews:actions.approveConfirm', { name: target.subject.name }),
        okText: t('reviews:actions.approve'),
        cancelText: t('common:actions.cancel'),
        onOk: () => decide.approve(target),
        afterClose: () => {
          confirming.current = false;
        },
      });
    },
    [modal, t, decide],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || returning || confirming.current) return;
      const key = event.key.toLowerCase();
      if (key === 'j' && next !== undefined) onShow(next);
      else if (key === 'k' && previous !== undefined) onShow(previous);
      else if (key === 'a' && item && open && decide.approving === null) confirmApprove(item);
      else if (key === 'r' && item && open) decide.startReturn(item);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, previous, item, open, decide, onShow, returning, confirmApprove]);

  const footer = (
    <Flex justify="space-between" gap={8} wrap>
      <Space>
        <Tooltip title="K">
          <Button icon={<UpOutlined />} disabled={previous === undefined} onClick={() => previous !== undefined && onShow(previous)}>
            {t('reviews:actions.prev')}
          </Button>
        </Tooltip>
        <Tooltip title="J">
          <Button icon={<DownOutlined />} disabled={next === undefined} onClick={() => next !== undefined && onShow(next)}>
            {t('reviews:actions.next')}
          </Button>
        </Tooltip>
      </Space>
      {item && open && (
        <Space>
          <Tooltip title="R">
            <Button danger icon={<RollbackOutlined />} onClick={() => decide.startReturn(item)} data-testid="drawer-return">
              {t('reviews:actions.return')}
            </Button>
          </Tooltip>
          <Tooltip title="A">
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={decide.approving === item.id}
              onClick={() => void decide.approve(item)}
              data-testid="drawer-approve"
            >
              {t('reviews:actions.approve')}
            </Button>
          </Tooltip>
        </Space>
      )}
    </Flex>
  );

  return (
    <Drawer
      open
      title={item ? `${t('reviews:detail.title')} · ${item.subject.name}` : t('reviews:detail.title')}
      size={screens.md ? 720 : '100%'}
      onClose={() => onShow(null)}
      footer={footer}
      destroyOnHidden
    >
      {review.isError && <Alert type="error" showIcon title={review.error.message} />}
      {!item && !review.isError && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {/* The archive opens in a new tab: the drawer and the queue's position stay where they are. */}
      {item && <ReviewDetail item={item} newTab />}
      {decide.modal}
    </Drawer>
  );
}
