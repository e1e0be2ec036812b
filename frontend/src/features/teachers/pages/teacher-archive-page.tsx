import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';

import { getFullIdNumber, useTeacher, type Teacher } from '@/features/teachers/api/teachers-api';
import { RecordStateTag } from '@/features/teachers/components/record-state-tag';
import { TeacherEditor, type Warnings } from '@/features/teachers/components/teacher-editor';
import { ApiError } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';

const LOCKED_STATES: readonly Teacher['record_state'][] = ['submitted', 'in_review'];

function IdNumber({ teacher }: { teacher: Teacher }) {
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

export function TeacherArchivePage() {
  const { t } = useTranslation(['teachers', 'common']);
  const navigate = useNavigate();
  const location = useLocation();
  const params = useParams();
  const id = Number(params.id);
  const canChange = useCapability('teachers.change');
  const query = useTeacher(id);
  const state: unknown = location.state;
  const initialWarnings =
    typeof state === 'object' && state !== null && 'warnings' in state ? (state.warnings as Warnings) : undefined;

  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('teachers:notFound') : query.error.message}
        extra={<Button onClick={() => void navigate('/teachers')}>{t('teachers:back')}</Button>}
      />
    );
  }
  if (!query.data) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  const { teacher } = query.data;
  const locked = LOCKED_STATES.includes(teacher.record_state);
  const editable = canChange && !locked;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card
        data-testid="teacher-header"
        title={
          <Space size={12} wrap>
            <span data-testid="teacher-name">{teacher.name}</span>
            <RecordStateTag state={teacher.record_state} />
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/teachers')}>
            {t('teachers:back')}
          </Button>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('teachers:header.teacherNo')}>
            <Typography.Text data-testid="teacher-no" strong>
              {teacher.teacher_no || t('teachers:header.noNumber')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers:header.school')}>{teacher.school_name}</Descriptions.Item>
          <Descriptions.Item label={t('teachers:header.idNumber')}>
            <IdNumber key={teacher.id} teacher={teacher} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {locked && (
        <Alert type="info" showIcon title={t('teachers:locked', { state: t(`teachers:states.${teacher.record_state}`) })} />
      )}
      {!canChange && <Alert type="info" showIcon title={t('teachers:readOnly')} />}
      <TeacherEditor
        key={teacher.id}
        school={teacher.school}
        record={query.data}
        editable={editable}
        initialWarnings={initialWarnings}
        onReload={() => query.refetch()}
      />
    </div>
  );
}
