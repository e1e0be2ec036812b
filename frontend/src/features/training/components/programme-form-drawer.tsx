import { Alert, App, Button, DatePicker, Drawer, Form, Input, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { StaleAlert } from '@/components/stale-alert';
import { CodeSelect } from '@/components/code-select';
import {
  FORM_TABLE,
  STAGE_TABLE,
  SUBJECT_TABLE,
  useCreateProgramme,
  useUpdateProgramme,
  type Programme,
} from '@/features/training/api/training-api';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

interface Values {
  name: string;
  form: string;
  subject?: string;
  stage?: string;
  hours: number;
  dates: [Dayjs, Dayjs];
  provider?: string;
  capacity?: number | null;
  description?: string;
}

const FIELDS = ['name', 'form', 'subject', 'stage', 'hours', 'start_date', 'end_date', 'provider', 'capacity', 'description'];
const DAY = 'YYYY-MM-DD';

interface ProgrammeFormDrawerProps {
  /** The programme edited; none: a new one of the user's organisation. */
  programme?: Programme;
  onClose: () => void;
  onSaved?: (programme: Programme) => void;
  onReload?: () => Promise<unknown>;
}

/** 新增 / 编辑培训项目 in a drawer: the category follows the running organisation's level (shown, never chosen). */
export function ProgrammeFormDrawer({ programme, onClose, onSaved, onReload }: ProgrammeFormDrawerProps) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const create = useCreateProgramme();
  const update = useUpdateProgramme();
  const saving = create.isPending || update.isPending;

  const onFinish = async (values: Values) => {
    setSummary([]);
    const [start, end] = values.dates;
    const body = {
      name: values.name.trim(),
      form: values.form,
      subject: values.subject ?? '',
      stage: values.stage ?? '',
      hours: values.hours,
      start_date: start.format(DAY),
      end_date: end.format(DAY),
      provider: (values.provider ?? '').trim(),
      capacity: values.capacity ?? null,
      description: (values.description ?? '').trim(),
    };
    try {
      const saved = programme
        ? await update.mutateAsync({ id: programme.id, etag: programme.etag, body })
        : await create.mutateAsync(body);
      void message.success(programme ? t('training:programmes.saved') : t('training:programmes.created'));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      const lines = applyApiErrors(form, error, FIELDS, t('common:errors.generic'));
      // The dates are one control: their errors go there.
      const dateErrors = form.getFieldsError(['start_date', 'end_date'] as never[]).flatMap((field) => field.errors);
      if (dateErrors.length > 0) form.setFields([{ name: 'dates', errors: dateErrors }]);
      setSummary(lines);
    }
  };

  return (
    <Drawer
      open
      title={programme ? t('training:programmes.editTitle') : t('training:programmes.createTitle')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="programme-save">
            {t('common:actions.save')}
          </Button>
        </Space>
      }
    >
      {stale && onReload && <StaleAlert onReload={() => onReload().then(onClose)} />}
      <FormErrorSummary messages={summary} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('training:programmes.levelHint')} />
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        onFinish={(values) => void onFinish(values)}
        initialValues={
          programme
            ? {
                name: programme.name,
                form: programme.form,
                subject: programme.subject || undefined,
                stage: programme.stage || undefined,
                hours: programme.hours,
                dates: [dayjs(programme.start_date), dayjs(programme.end_date)],
                provider: programme.provider,
                capacity: programme.capacity,
                description: programme.description,
              }
            : undefined
        }
      >
        <Form.Item
          name="name"
          label={t('training:programmes.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('training:programmes.validation.name') }]}
          data-testid="programme-name"
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="form"
          label={t('training:programmes.fields.form')}
          rules={[{ required: true, message: t('training:programmes.validation.form') }]}
          data-testid="programme-form"
        >
          <CodeSelect table={FORM_TABLE} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="hours"
            label={t('training:programmes.fields.hours')}
            rules={[{ required: true, message: t('training:programmes.validation.hours') }]}
            style={{ flex: 1, marginInlineEnd: 12 }}
            data-testid="programme-hours"
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="capacity" label={t('training:programmes.fields.capacity')} style={{ flex: 1 }}>
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="dates"
          label={t('training:programmes.fields.dates')}
          rules={[{ required: true, message: t('training:programmes.validation.dates') }]}
          data-testid="programme-dates"
        >
          <DatePicker.RangePicker
            style={{ width: '100%' }}
            placeholder={[t('training:programmes.fields.startDate'), t('training:programmes.fields.endDate')]}
          />
        </Form.Item>
        <Form.Item name="subject" label={t('training:programmes.fields.subject')}>
          <CodeSelect table={SUBJECT_TABLE} allowClear />
        </Form.Item>
        <Form.Item name="stage" label={t('training:programmes.fields.stage')}>
          <CodeSelect table={STAGE_TABLE} allowClear />
        </Form.Item>
        <Form.Item name="provider" label={t('training:programmes.fields.provider')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('training:programmes.fields.description')}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
