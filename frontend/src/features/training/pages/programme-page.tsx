import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { LoadMore } from '@/components/load-more';
import {
  useConfirmCompletions,
  useDeleteProgramme,
  useParticipants,
  useProgramme,
  type Participant,
  type Programme,
} from '@/features/training/api/training-api';
import { CompletionsUpload } from '@/features/training/components/completions-upload';
import { ProgrammeFormDrawer } from '@/features/training/components/programme-form-drawer';
import { ApiError } from '@/lib/api-error';
import { loadedRows } from '@/lib/cursor-pages';

function ParticipantState({ participant }: { participant: Participant }) {
  const { t } = useTranslation('training');
  if (participant.claim !== null) return <Tag color="green">{t('participants.confirmed')}</Tag>;
  if (participant.hours !== null) return <Tag color="blue">{t('participants.completed')}</Tag>;
  return <Tag>{t('participants.enrolled')}</Tag>;
}

function Participants({ programme }: { programme: Programme }) {
  const { t } = useTranslation('training');
  const participants = useParticipants(programme.id);
  const rows = loadedRows(participants.data);
  const columns: TableColumnsType<Participant> = [
    { key: 'name', title: t('participants.name'), dataIndex: 'name', width: 110 },
    { key: 'no', title: t('participants.teacherNo'), dataIndex: 'teacher_no', width: 150, responsive: ['sm'] },
    { key: 'school', title: t('participants.school'), dataIndex: 'school_name', ellipsis: true, responsive: ['md'] },
    { key: 'hours', title: t('participants.hours'), render: (_, row) => row.hours ?? '—', width: 90, align: 'right' },
    { key: 'date', title: t('participants.completedOn'), render: (_, row) => row.completed_on ?? '—', width: 110, responsive: ['sm'] },
    { key: 'state', title: t('participants.state'), render: (_, row) => <ParticipantState participant={row} />, width: 90 },
  ];
  return (
    <>
      {participants.isError && <Alert type="error" showIcon title={participants.error.message} />}
      <Table<Participant>
        rowKey="teacher"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={participants.isPending}
        pagination={false}
        tableLayout="fixed"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participants.empty')} /> }}
        data-testid="participants-table"
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <LoadMore pages={participants} shown={rows.length} />
      </div>
    </>
  );
}

/**
 * One programme: what it is, its participants (enrolled, completed, confirmed); the running organisation edits it,
 * uploads the list (checked row by row) and confirms the completions (approved hours at once).
 */
export function ProgrammePage() {
  const { t } = useTranslation(['training', 'common']);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const id = Number(params.id);
  const query = useProgramme(Number.isFinite(id) ? id : undefined);
  const remove = useDeleteProgramme();
  const confirm = useConfirmCompletions();
  const [editing, setEditing] = useState(false);
  const [uploading, setUploading] = useState(false);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/training/programmes')}>
      {t('training:programmes.back')}
    </Button>
  );

  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('training:programmes.notFound') : query.error.message} extra={back} />;
  }
  const programme = query.data;
  if (!programme) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  const waiting = programme.completed - programme.confirmed;

  const onDelete = () =>
    remove
      .mutateAsync(programme)
      .then(() => {
        void message.success(t('training:programmes.deleted'));
        void navigate('/training/programmes', { replace: true });
      })
      .catch((error: unknown) => void message.error(error instanceof ApiError ? error.message : t('common:errors.generic')));

  const onConfirm = () =>
    modal.confirm({
      title: t('training:confirm.title'),
      content: t('training:confirm.content', { count: waiting }),
      okText: t('training:confirm.button'),
      cancelText: t('common:actions.cancel'),
      onOk: () =>
        confirm
          .mutateAsync(programme.id)
          .then((result) => {
            const lines = [t('training:confirm.done', { confirmed: result.confirmed })];
            if (result.skipped_inactive > 0) lines.push(t('training:confirm.skipped', { count: result.skipped_inactive }));
            void message.success(lines.join(' '));
          })
          .catch((error: unknown) => void message.error(error instanceof ApiError ? error.message : t('common:errors.generic'))),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={programme.name}
        extra={
          <Space wrap>
            {programme.may_change && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common:actions.edit')}
                </Button>
                <Popconfirm
                  title={t('training:programmes.deleteConfirm', { name: programme.name })}
                  onConfirm={() => void onDelete()}
                  okButtonProps={{ danger: true }}
                  okText={t('training:programmes.delete')}
                  cancelText={t('common:actions.cancel')}
                >
                  <Button danger>{t('training:programmes.delete')}</Button>
                </Popconfirm>
              </>
            )}
            {back}
          </Space>
        }
      >
        {!programme.may_change && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('training:programmes.readOnly', { org: programme.organisation.name })} />
        )}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'org', label: t('training:programmes.fields.organisation'), children: programme.organisation.name },
            { key: 'level', label: t('training:programmes.fields.level'), children: programme.level_name },
            { key: 'form', label: t('training:programmes.fields.form'), children: programme.form_name },
            { key: 'hours', label: t('training:programmes.fields.hours'), children: t('training:hoursValue', { hours: programme.hours }) },
            { key: 'dates', label: t('training:programmes.fields.dates'), children: `${programme.start_date} ~ ${programme.end_date}` },
            ...(programme.subject_name ? [{ key: 'subject', label: t('training:programmes.fields.subject'), children: programme.subject_name }] : []),
            ...(programme.stage_name ? [{ key: 'stage', label: t('training:programmes.fields.stage'), children: programme.stage_name }] : []),
            ...(programme.provider ? [{ key: 'provider', label: t('training:programmes.fields.provider'), children: programme.provider }] : []),
            ...(programme.capacity ? [{ key: 'capacity', label: t('training:programmes.fields.capacity'), children: programme.capacity }] : []),
            ...(programme.description
              ? [
                  {
                    key: 'description',
                    label: t('training:programmes.fields.description'),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{programme.description}</span>,
                    span: 'filled' as const,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        title={
          <Flex align="baseline" gap={8} wrap>
            <span>{t('training:participants.title')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('training:programmes.progressText', {
                enrolled: programme.enrolled,
                completed: programme.completed,
                confirmed: programme.confirmed,
              })}
            </Typography.Text>
          </Flex>
        }
        extra={
          programme.may_change && (
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="programme-upload">
                {t('training:upload.button')}
              </Button>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={waiting <= 0}
                loading={confirm.isPending}
                onClick={onConfirm}
                data-testid="programme-confirm"
              >
                {t('training:confirm.button')}
                {waiting > 0 ? `（${String(waiting)}）` : ''}
              </Button>
            </Space>
          )
        }
      >
        <Participants programme={programme} />
      </Card>
      {editing && <ProgrammeFormDrawer programme={programme} onClose={() => setEditing(false)} onReload={() => query.refetch()} />}
      <CompletionsUpload programme={programme.id} open={uploading} onClose={() => setUploading(false)} />
    </Space>
  );
}
