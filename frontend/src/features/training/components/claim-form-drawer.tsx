import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { StaleAlert } from '@/components/stale-alert';
import {
  CLAIM_KINDS,
  FORM_TABLE,
  LEVEL_TABLE,
  useAttachEvidence,
  useFileClaim,
  useResubmitClaim,
  type Claim,
  type ClaimKind,
  type Programme,
  type TeacherOption,
} from '@/features/training/api/training-api';
import { CodeSelect } from '@/components/code-select';
import { ProgrammeSelect } from '@/features/training/components/programme-select';
import { TeacherSelect } from '@/features/training/components/teacher-select';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { keepEnterInPicker } from '@/lib/keep-enter';

interface Values {
  teacher?: number;
  /** Absent when a returned claim is changed (its kind stays). */
  kind?: ClaimKind;
  programme?: number;
  title?: string;
  provider?: string;
  level?: string;
  form?: string;
  hours?: number;
  date?: Dayjs;
  note?: string;
}

const FIELDS = ['teacher', 'kind', 'programme', 'title', 'provider', 'level', 'form', 'hours', 'date', 'note'];
const DAY = 'YYYY-MM-DD';
/** The school-based kind's defaults (校本 · 校本研修), as the API fills them. */
const SCHOOL_BASED = { level: '5', form: '4' };
const EVIDENCE_TYPES = '.pdf,.jpg,.jpeg,.png';

interface ClaimFormDrawerProps {
  /** A returned claim to change and submit again; none: a new claim. */
  claim?: Claim;
  /** The teacher a new claim is for (the archive's link). */
  teacher?: TeacherOption;
  /** The return reason of the claim's last review. */
  returnReason?: string;
  onClose: () => void;
  onFiled?: (claim: Claim) => void;
  onReload?: () => Promise<unknown>;
}

/**
 * 申报学时: one teacher's hours, submitted for review at once. Programme hours take the programme's name, category,
 * form and hours (the hours may be fewer); other kinds name the training and choose its category and form. A
 * returned claim opens the same form without the teacher, the kind and the programme (those do not change).
 */
export function ClaimFormDrawer({ claim, teacher, returnReason, onClose, onFiled, onReload }: ClaimFormDrawerProps) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [programme, setProgramme] = useState<Programme | undefined>();
  const [evidence, setEvidence] = useState<File | undefined>();
  const file = useFileClaim();
  const resubmit = useResubmitClaim();
  const attach = useAttachEvidence();
  const kind = Form.useWatch('kind', form) ?? claim?.kind;
  const byProgramme = kind === 'programme';
  const creating = claim === undefined;
  const saving = file.isPending || resubmit.isPending || attach.isPending;

  const onKind = (next: ClaimKind) => {
    if (next === 'school_based') form.setFieldsValue(SCHOOL_BASED);
    if (next !== 'programme') setProgramme(undefined);
  };
  const onProgramme = (_: number | undefined, chosen?: Programme) => {
    setProgramme(chosen);
    if (chosen) {
      form.setFieldsValue({
        hours: chosen.hours,
        title: chosen.name,
        date: dayjs(chosen.end_date).isAfter(dayjs()) ? dayjs() : dayjs(chosen.end_date),
      });
    }
  };

  const onFinish = async (values: Values) => {
    setSummary([]);
    const common = {
      title: (values.title ?? '').trim(),
      provider: (values.provider ?? '').trim(),
      level: byProgramme ? '' : (values.level ?? ''),
      form: byProgramme ? '' : (values.form ?? ''),
      note: (values.note ?? '').trim(),
    };
    try {
      let saved: Claim;
      if (claim) {
        saved = await resubmit.mutateAsync({
          claim,
          body: {
            ...(common.title ? { title: common.title } : {}),
            provider: common.provider,
            ...(common.level ? { level: common.level } : {}),
            ...(common.form ? { form: common.form } : {}),
            ...(values.hours ? { hours: values.hours } : {}),
            ...(values.date ? { date: values.date.format(DAY) } : {}),
            note: common.note,
          },
        });
      } else {
        saved = await file.mutateAsync({
          ...common,
          teacher: values.teacher ?? 0,
          kind: values.kind ?? 'programme',
          programme: byProgramme ? (values.programme ?? null) : null,
          hours: values.hours ?? null,
          date: values.date ? values.date.format(DAY) : null,
        });
      }
      if (evidence) await attach.mutateAsync({ id: saved.id, file: evidence });
      void message.success(claim ? t('training:claims.resubmitted') : t('training:claims.filed', { name: saved.teacher.name }));
      onFiled?.(saved);
      onClose();
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      setSummary(applyApiErrors(form, error, FIELDS, t('common:errors.generic')));
    }
  };

  return (
    <Drawer
      open
      title={claim ? t('training:form.resubmitTitle') : t('training:form.createTitle')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      data-testid="claim-form"
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="claim-submit">
            {t('training:form.submit')}
          </Button>
        </Space>
      }
    >
      {stale && onReload && <StaleAlert onReload={() => onReload().then(onClose)} />}
      {returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('training:form.returnedReason', { reason: returnReason })} />
      )}
      <FormErrorSummary messages={summary} />
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        onFinish={(values) => void onFinish(values)}
        initialValues={
          claim
            ? {
                kind: claim.kind,
                title: claim.title,
                provider: claim.provider,
                level: claim.level,
                form: claim.form,
                hours: claim.hours,
                date: dayjs(claim.date),
                note: claim.note,
              }
            : { teacher: teacher?.id, kind: 'programme', date: dayjs() }
        }
      >
        {creating && (
          <Form.Item
            name="teacher"
            label={t('training:form.teacher')}
            rules={[{ required: true, message: t('training:form.validation.teacher') }]}
            data-testid="claim-teacher"
          >
            <TeacherSelect initial={teacher} />
          </Form.Item>
        )}
        {claim && (
          <Typography.Paragraph>
            <Typography.Text type="secondary">{t('training:form.teacher')}：</Typography.Text>
            {claim.teacher.name} · {t(`training:kinds.${claim.kind}`)}
            {claim.programme_name ? ` · ${claim.programme_name}` : ''}
          </Typography.Paragraph>
        )}
        {creating && (
          <Form.Item
            name="kind"
            label={t('training:form.kind')}
            rules={[{ required: true, message: t('training:form.validation.kind') }]}
            data-testid="claim-kind"
          >
            <Select<ClaimKind> options={CLAIM_KINDS.map((value) => ({ value, label: t(`training:kinds.${value}`) }))} onChange={onKind} />
          </Form.Item>
        )}
        {creating && byProgramme && (
          <Form.Item
            name="programme"
            label={t('training:form.programme')}
            rules={[{ required: true, message: t('training:form.validation.programme') }]}
            extra={programme ? t('training:form.programmeHint', { hours: programme.hours }) : undefined}
            data-testid="claim-programme"
          >
            <ProgrammeSelect onChange={onProgramme} />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('training:form.title')}
          rules={byProgramme ? [] : [{ required: true, whitespace: true, message: t('training:form.validation.title') }]}
          data-testid="claim-title"
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="provider" label={t('training:form.provider')}>
          <Input maxLength={100} placeholder={programme?.provider} />
        </Form.Item>
        {!byProgramme && (
          <Space.Compact block>
            <Form.Item name="level" label={t('training:form.level')} style={{ flex: 1, marginInlineEnd: 12 }} data-testid="claim-level">
              <CodeSelect table={LEVEL_TABLE} allowClear />
            </Form.Item>
            <Form.Item name="form" label={t('training:form.form')} style={{ flex: 1 }} data-testid="claim-form-select">
              <CodeSelect table={FORM_TABLE} allowClear />
            </Form.Item>
          </Space.Compact>
        )}
        <Space.Compact block>
          <Form.Item
            name="hours"
            label={t('training:form.hours')}
            rules={byProgramme ? [] : [{ required: true, message: t('training:form.validation.hours') }]}
            style={{ flex: 1, marginInlineEnd: 12 }}
            data-testid="claim-hours"
          >
            <InputNumber min={1} max={programme?.hours ?? 1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('training:form.date')}
            rules={[{ required: !byProgramme, message: t('training:form.validation.date') }]}
            style={{ flex: 1 }}
            data-testid="claim-date"
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              onKeyDown={keepEnterInPicker}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="note" label={t('training:form.note')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label={t('training:form.evidence')} extra={t('training:form.evidenceHint')}>
          <Upload
            accept={EVIDENCE_TYPES}
            maxCount={1}
            beforeUpload={(chosen) => {
              setEvidence(chosen);
              return false;
            }}
            onRemove={() => setEvidence(undefined)}
            fileList={evidence ? [{ uid: 'evidence', name: evidence.name, status: 'done' }] : []}
          >
            <Button icon={<PaperClipOutlined />}>{t('training:form.evidenceChoose')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
