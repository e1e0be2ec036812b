import { Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import type { AuditEvent } from '@/features/audit/api/audit-api';
import { subjectText } from '@/features/audit/utils/subjects';

/** One event in full: who, when, from where, in which request, about what, and what else it recorded. */
export function AuditEventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t } = useTranslation('audit');
  const detail = event?.detail ?? {};
  return (
    <Drawer open={event !== null} onClose={onClose} title={event?.action_label} size="large" destroyOnHidden>
      {event && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('columns.at')}>{dayjs(event.at).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
          <Descriptions.Item label={t('columns.user')}>
            {event.username ? `${event.display_name || ''} ${event.username}`.trim() : t('system')}
          </Descriptions.Item>
          <Descriptions.Item label={t('columns.action')}>
            <Space size={4}>
              <Tag color="blue">{event.action_label}</Tag>
              <Typography.Text type="secondary">{event.action}</Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('columns.subject')}>
            {subjectText(event) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('columns.address')}>{event.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('columns.requestId')}>
            {event.request_id ? <Typography.Text copyable>{event.request_id}</Typography.Text> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail')}>
            {Object.keys(detail).length ? (
              <pre data-testid="audit-detail" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {JSON.stringify(detail, null, 2)}
              </pre>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
