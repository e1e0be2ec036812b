import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFullIdNumber, type Teacher } from '@/features/teachers/api/teachers-api';
import { useCapability } from '@/lib/auth/session';

/** The masked ID number, with "show full ID" for roles allowed to see it (each view is logged by the API). */
export function IdNumber({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation(['teachers', 'common']);
  const canView = useCapability('teachers.view_id');
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    setLoading(true);
    setError(null);
    try {
      setFull(await getFullIdNumber(teacher.id));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t('common:errors.generic'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space size={8} wrap>
      <Typography.Text data-testid="id-number" copyable={full ? { text: full } : false}>
        {full ?? teacher.id_number}
      </Typography.Text>
      {canView &&
        (full ? (
          <Button size="small" type="link" onClick={() => setFull(null)}>
            {t('teachers:header.hideId')}
          </Button>
        ) : (
          <Button size="small" type="link" icon={<EyeOutlined />} loading={loading} onClick={() => void reveal()}>
            {t('teachers:header.showId')}
          </Button>
        ))}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
