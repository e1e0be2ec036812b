import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useReviewSettings, useSaveReviewSettings } from '@/features/reviews/api/settings-api';

/** 超期天数: after how many days an item waiting for review is overdue (flagged to the levels above). */
export function OverdueSettings() {
  const { t } = useTranslation(['reviews', 'common']);
  const { message } = App.useApp();
  const settings = useReviewSettings();
  const save = useSaveReviewSettings();
  const [days, setDays] = useState<number | null>(null);
  if (!settings.data) return null;
  const current = settings.data;
  const value = days ?? current.overdue_days;
  return (
    <Card size="small" title={t('reviews:settings.title')} data-testid="overdue-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reviews:settings.hint')}
      </Typography.Paragraph>
      <Space wrap>
        <InputNumber<number>
          aria-label={t('reviews:settings.overdueDays')}
          min={1}
          max={365}
          value={value}
          onChange={(next) => setDays(next)}
          suffix={t('reviews:settings.days')}
        />
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={value === current.overdue_days}
          loading={save.isPending}
          onClick={() =>
            save
              .mutateAsync({ etag: current.etag, overdueDays: value })
              .then(() => {
                setDays(null);
                void message.success(t('reviews:settings.saved'));
              })
              .catch((error: unknown) => message.error(error instanceof Error ? error.message : t('common:errors.generic')))
          }
        >
          {t('common:actions.save')}
        </Button>
      </Space>
    </Card>
  );
}
