import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { OrgTreeSelect } from '@/components/org-tree-select';
import type { TeacherResult } from '@/features/teachers/api/teachers-api';
import { TeacherEditor } from '@/features/teachers/components/teacher-editor';
import { useCurrentUser } from '@/lib/auth/session';

export function TeacherNewPage() {
  const { t } = useTranslation('teachers');
  const navigate = useNavigate();
  const user = useCurrentUser();
  // A school's own staff add teachers of their school; others pick one.
  const [school, setSchool] = useState<string | undefined>(
    user.organisation.level === 'school' ? user.organisation.code : undefined,
  );
  const onCreated = useCallback(
    (result: TeacherResult) => void navigate(`/teachers/${result.id}`, { replace: true, state: { warnings: result.warnings } }),
    [navigate],
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card
        title={t('newTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/teachers')}>
            {t('back')}
          </Button>
        }
      >
        <Form layout="inline">
          <Form.Item label={t('school.label')} required style={{ marginBottom: 0, width: '100%', maxWidth: 480 }}>
            <OrgTreeSelect
              aria-label={t('school.label')}
              placeholder={t('school.placeholder')}
              style={{ width: '100%' }}
              value={school}
              onChange={setSchool}
            />
          </Form.Item>
        </Form>
      </Card>
      {school ? (
        <TeacherEditor key={school} school={school} editable onCreated={onCreated} />
      ) : (
        <Alert type="info" showIcon title={t('school.pickFirst')} />
      )}
    </div>
  );
}
