import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Empty, Flex, List, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { HeaderButton, HeaderPanel } from '@/components/header-panel';
import { useMarkRead, useNotifications, type Notification } from '@/features/notifications/api/notifications-api';
import { notificationText } from '@/features/notifications/utils/messages';

const KINDS = ['review_waiting', 'review_unattended', 'review_returned', 'review_approved', 'security_alert'] as const;
type KnownKind = (typeof KINDS)[number];
const isKnownKind = (kind: string): kind is KnownKind => (KINDS as readonly string[]).includes(kind);

/**
 * The header's bell: the unread count as a badge (polled every minute) and the newest notifications in a
 * dropdown; opening one marks it read and follows its link, "mark all read" clears the badge.
 */
export function NotificationBell() {
  const { t } = useTranslation('common');
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.results ?? [];

  const textOf = (item: Notification) => {
    const text = notificationText(item.kind, item.message);
    if (!text) return item.message;
    return text.key === 'returned'
      ? t('notifications.texts.returned', { label: text.label, reason: text.reason })
      : t('notifications.texts.waiting', { label: text.label });
  };

  const onOpenItem = (item: Notification) => {
    if (!item.read_at) markRead.mutate([item.id]);
    setOpen(false);
    if (item.link) void navigate(item.link);
  };

  const panel = (
    <HeaderPanel
      testId="notification-panel"
      title={
        <Typography.Text strong>
          {t('notifications.title')}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {t('notifications.unread', { count: unread })}
            </Typography.Text>
          )}
        </Typography.Text>
      }
      extra={
        <Button type="link" size="small" disabled={unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate(undefined)}>
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      {notifications.isError && (
        <Alert type="error" showIcon style={{ margin: 12 }} title={t('notifications.loadError', { message: notifications.error.message })} />
      )}
      {notifications.isPending && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
      {notifications.data && items.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} style={{ padding: 16 }} />
      )}
      {items.length > 0 && (
        <List
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              onClick={() => onOpenItem(item)}
              data-testid="notification-item"
              style={{
                cursor: item.link ? 'pointer' : 'default',
                padding: '10px 16px',
                background: item.read_at ? undefined : token.colorPrimaryBg,
              }}
            >
              <div style={{ minWidth: 0 }}>
                <Flex gap={8} align="center">
                  {!item.read_at && <Badge status="processing" title={t('notifications.title')} />}
                  <Typography.Text strong>{isKnownKind(item.kind) ? t(`notifications.kinds.${item.kind}`) : t('notifications.title')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 'auto' }}>
                    {dayjs(item.created_at).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>{textOf(item)}</Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </HeaderPanel>
  );

  return (
    <HeaderButton
      open={open}
      onOpenChange={setOpen}
      panel={panel}
      label={unread > 0 ? `${t('header.notifications')} ${t('notifications.unread', { count: unread })}` : t('header.notifications')}
      count={unread}
      icon={<BellOutlined style={{ fontSize: 18 }} />}
      testId="notification-bell"
      countTestId="notification-count"
    />
  );
}
