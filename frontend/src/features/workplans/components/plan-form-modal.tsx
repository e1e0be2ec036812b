import { App, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { StaleAlert } from '@/components/stale-alert';
import { useCreatePlan, useUpdatePlan, type PlanInput, type WorkPlan } from '@/features/workplans/api/workplans-api';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

const FIELDS = ['year', 'title', 'description'];

interface PlanFormModalProps {
  /** The plan being edited; none: a new plan of the user's organisation. */
  plan?: WorkPlan;
  onClose: () => void;
  onSaved: (id: number) => void;
  onReload: () => Promise<unknown>;
}

export function PlanFormModal({ plan, onClose, onSaved, onReload }: PlanFormModalProps) {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanInput>();
  const [summary, setSummary] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const create = useCreatePlan();
  const update = useUpdatePlan();

  const onFinish = async (values: PlanInput) => {
    setSummary([]);
    const entered: Partial<PlanInput> = values; // antd leaves out the fields never touched
    const body = { year: values.year, title: values.title.trim(), description: (entered.description ?? '').trim() };
    try {
      const saved = plan
        ? await update.mutateAsync({ id: plan.id, etag: plan.etag, body })
        : await create.mutateAsync(body);
      void message.success(plan ? t('workplans:saved') : t('workplans:created'));
      onSaved(saved.id);
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
    <FormModal<PlanInput>
      title={plan ? t('workplans:plans.editTitle') : t('workplans:plans.createTitle')}
      form={form}
      initialValues={
        plan
          ? { year: plan.year, title: plan.title, description: plan.description }
          : { year: new Date().getFullYear(), title: '', description: '' }
      }
      onFinish={onFinish}
      saving={create.isPending || update.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={() => onReload().then(onClose)} />}
      onClose={onClose}
      width={560}
    >
      <Form.Item name="year" label={t('workplans:plans.year')} rules={[{ required: true, message: t('workplans:validation.yearRequired') }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('workplans:plans.planTitle')}
        rules={[{ required: true, whitespace: true, message: t('workplans:validation.titleRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('workplans:plans.description')}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
    </FormModal>
  );
}
