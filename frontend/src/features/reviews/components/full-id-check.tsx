import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getChangeIdNumbers, type ChangeIdNumbers } from '@/lib/teacher-archive-api';
import { useCapability } from '@/lib/auth/session';

/**
 * A key-information change of the ID number: a reviewer whose role may see full IDs shows the full old and new
 * numbers on demand (the API writes the view to the access log); everyone else keeps the masked diff.
 */
export function FullIdCheck({ teacherId, submission }: { teacherId: number; submission: number }) {
  const { t } = useTranslation(['reviews', 'common']);
  const canView = useCapability('teachers.view_id');
  const [numbers, setNumbers] = useState<ChangeIdNumbers | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canView) return null;

  const reveal = async () => {
    setLoading(true);
    setError(null);
    try {
      setNumbers(await getChangeIdNumbers(teacherId, submission));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('common:errors.generic'));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div style={{ marginTop: 8 }} data-testid="full-id-check">
      {numbers ? (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              {
                key: 'old',
                label: numbers.open === false ? t('reviews:fullId.now') : t('reviews:fullId.old'),
                children: <Typography.Text copyable data-testid="full-id-old">{numbers.id_number}</Typography.Text>,
              },
              {
                key: 'new',
                label: t('reviews:fullId.new'),
                children: (
                  <Typography.Text strong copyable data-testid="full-id-new">
                    {numbers.requested}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Space size={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reviews:fullId.logged')}
            </Typography.Text>
            <Button size="small" type="link" onClick={() => setNumbers(null)}>
              {t('reviews:fullId.hide')}
            </Button>
          </Space>
        </Space>
      ) : (
        <Button size="small" icon={<EyeOutlined />} loading={loading} onClick={() => void reveal()} data-testid="full-id-show">
          {t('reviews:fullId.show')}
        </Button>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
