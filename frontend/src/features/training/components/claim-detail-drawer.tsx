import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Result, Space, Spin, Timeline, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { api } from '@/api/client';
import { FormModal } from '@/components/form-modal';
import {
  downloadEvidence,
  useAttachEvidence,
  useClaim,
  useCorrectClaim,
  type ClaimDetail,
} from '@/features/training/api/training-api';
import { ClaimFormDrawer } from '@/features/training/components/claim-form-drawer';
import { ClaimStateTag } from '@/features/training/components/training-tags';
import { ApiError, unwrap } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';

/** The return reason of a returned claim's review item. */
function useReturnReason(submission: number | null | undefined, returned: boolean) {
  return useQuery({
    queryKey: ['reviews', 'detail', submission ?? 0] as const,
    queryFn: () => unwrap(api.GET('/api/v1/reviews/{id}/', { params: { path: { id: submission ?? 0 } } })),
    enabled: returned && typeof submission === 'number',
    select: (item) => item.return_reason,
  });
}

interface CorrectValues {
  title: string;
  hours: number;
  date: Dayjs;
  reason: string;
}

/** An administrator's correction of approved hours, with its reason (kept in the claim's history). */
function CorrectModal({ claim, onClose }: { claim: ClaimDetail; onClose: () => void }) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const correct = useCorrectClaim();
  const onFinish = async (values: CorrectValues) => {
    const body = {
      reason: values.reason.trim(),
      ...(values.title.trim() !== claim.title ? { title: values.title.trim() } : {}),
      ...(values.hours !== claim.hours ? { hours: values.hours } : {}),
      ...(values.date.format('YYYY-MM-DD') !== claim.date ? { date: values.date.format('YYYY-MM-DD') } : {}),
    };
    try {
      await correct.mutateAsync({ claim, body });
      void message.success(t('training:claims.corrected'));
      onClose();
    } catch (error) {
      setSummary(applyApiErrors(form, error, ['title', 'hours', 'date', 'reason'], t('common:errors.generic')));
    }
  };
  return (
    <FormModal<CorrectValues>
      title={t('training:detail.correctTitle')}
      form={form}
      initialValues={{ title: claim.title, hours: claim.hours, date: dayjs(claim.date), reason: '' }}
      onFinish={onFinish}
      saving={correct.isPending}
      summary={summary}
      notice={<Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('training:detail.correctHint')} />}
      onClose={onClose}
      width={520}
    >
      <Form.Item name="title" label={t('training:detail.title_')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="hours" label={t('training:detail.hours')} rules={[{ required: true }]}>
        <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="date" label={t('training:detail.date')} rules={[{ required: true }]}>
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('training:detail.reason')}
        rules={[{ required: true, whitespace: true, min: 5, message: t('training:detail.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

/**
 * One claim in a drawer: everything it says by name, where its review stands (a link to the review item), the
 * evidence, the corrections; the filler changes a returned claim and submits it again, an administrator corrects
 * approved hours.
 */
export function ClaimDetailDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const query = useClaim(id);
  const canClaim = useCapability('training.claim');
  const canManage = useCapability('training.manage');
  const attach = useAttachEvidence();
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const claim = query.data;
  const returned = claim?.state === 'returned';
  const reason = useReturnReason(claim?.submission, returned);

  const download = (target: ClaimDetail) =>
    downloadEvidence(target)
      .then((name) => void message.success(t('training:transcript.downloaded', { name })))
      .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)));

  let body;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    body = <Result status={notFound ? '404' : 'error'} title={notFound ? t('training:detail.notFound') : query.error.message} />;
  } else if (!claim) {
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  } else {
    const open = claim.state === 'submitted' || claim.state === 'in_review' || claim.state === 'returned';
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {returned && reason.data && (
          <Alert type="warning" showIcon title={t('training:form.returnedReason', { reason: reason.data })} data-testid="claim-return-reason" />
        )}
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            {
              key: 'teacher',
              label: t('training:detail.teacher'),
              children: (
                <Link to={`/teachers/${String(claim.teacher.id)}?tab=transcript`}>
                  {claim.teacher.name} · {claim.teacher.teacher_no}
                </Link>
              ),
            },
            { key: 'school', label: t('training:detail.school'), children: claim.school.name },
            { key: 'state', label: t('training:detail.state'), children: <ClaimStateTag state={claim.state} /> },
            { key: 'kind', label: t('training:detail.kind'), children: t(`training:kinds.${claim.kind}`) },
            ...(claim.programme_name ? [{ key: 'programme', label: t('training:detail.programme'), children: claim.programme_name }] : []),
            { key: 'title', label: t('training:detail.title_'), children: claim.title },
            ...(claim.provider ? [{ key: 'provider', label: t('training:detail.provider'), children: claim.provider }] : []),
            { key: 'level', label: t('training:detail.level'), children: claim.level_name },
            { key: 'form', label: t('training:detail.form'), children: claim.form_name },
            { key: 'hours', label: t('training:detail.hours'), children: t('training:hoursValue', { hours: claim.hours }) },
            ...(claim.credits !== null ? [{ key: 'credits', label: t('training:detail.credits'), children: claim.credits }] : []),
            { key: 'date', label: t('training:detail.date'), children: claim.date },
            { key: 'source', label: t('training:detail.source'), children: t(`training:sources.${claim.source}`) },
            ...(claim.note ? [{ key: 'note', label: t('training:detail.note'), children: claim.note }] : []),
            {
              key: 'evidence',
              label: t('training:detail.evidence'),
              children: (
                <Space wrap>
                  {claim.has_evidence ? (
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(claim)}>
                      {claim.evidence_name || t('training:detail.download')}
                    </Button>
                  ) : (
                    t('training:detail.noEvidence')
                  )}
                  {canClaim && open && (
                    <Upload
                      accept=".pdf,.jpg,.jpeg,.png"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        attach
                          .mutateAsync({ id: claim.id, file })
                          .then(() => void message.success(t('training:detail.uploaded')))
                          .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)));
                        return false;
                      }}
                    >
                      <Button size="small" icon={<UploadOutlined />} loading={attach.isPending}>
                        {t('training:detail.upload')}
                      </Button>
                    </Upload>
                  )}
                </Space>
              ),
            },
          ]}
        />
        <Space wrap>
          {typeof claim.submission === 'number' && (
            <Link to={`/reviews/${String(claim.submission)}`} data-testid="claim-review-link">
              {t('training:detail.review')}
            </Link>
          )}
        </Space>
        {claim.corrections.length > 0 && (
          <div>
            <strong>{t('training:detail.corrections')}</strong>
            <Timeline
              style={{ marginTop: 12 }}
              items={claim.corrections.map((correction, index) => ({
                key: String(index),
                content: (
                  <div>
                    <div>
                      {t('training:detail.correctionLine', {
                        actor: correction.actor,
                        at: dayjs(correction.at).format('YYYY-MM-DD HH:mm'),
                        reason: correction.reason,
                      })}
                    </div>
                    {Object.entries(correction.changes).map(([field, [old, next]]) => (
                      <div key={field} style={{ color: 'var(--ant-color-text-secondary)' }}>
                        {FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field}：{old} → {next}
                      </div>
                    ))}
                  </div>
                ),
              }))}
            />
          </div>
        )}
      </Space>
    );
  }

  return (
    <Drawer
      open
      title={t('training:detail.title')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      data-testid="claim-detail"
      extra={
        claim && (
          <Space>
            {canClaim && returned && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="claim-resubmit">
                {t('training:detail.resubmit')}
              </Button>
            )}
            {canManage && claim.state === 'approved' && (
              <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
                {t('training:detail.correct')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {body}
      {editing && claim && (
        <ClaimFormDrawer claim={claim} returnReason={reason.data} onClose={() => setEditing(false)} onReload={() => query.refetch()} />
      )}
      {correcting && claim && <CorrectModal claim={claim} onClose={() => setCorrecting(false)} />}
    </Drawer>
  );
}

/** The names of the fields a correction may change. */
const FIELD_LABELS: Record<string, 'training:detail.hours' | 'training:detail.date' | 'training:detail.title_' | 'training:detail.provider' | 'training:detail.level' | 'training:detail.form'> = {
  hours: 'training:detail.hours',
  date: 'training:detail.date',
  title: 'training:detail.title_',
  provider: 'training:detail.provider',
  level: 'training:detail.level',
  form: 'training:detail.form',
};
