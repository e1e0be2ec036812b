import { App, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { StaleAlert } from '@/components/stale-alert';
import { useCreateMilestone, useUpdateMilestone, type Milestone } from '@/features/workplans/api/workplans-api';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { keepEnterInPicker } from '@/lib/keep-enter';

interface MilestoneValues {
  title: string;
  owner?: string;
  due_date: Dayjs;
  done_date?: Dayjs | null;
  sort_order?: number;
}

const FIELDS = ['title', 'owner', 'due_date', 'done_date', 'sort_order'];
const DATE = 'YYYY-MM-DD';

interface MilestoneFormModalProps {
  plan: number;
  /** The milestone being edited; none: a new one. */
  milestone?: Milestone;
  /** A new milestone's place in the plan (after the last). */
  nextOrder: number;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

export function MilestoneFormModal({ plan, milestone, nextOrder, onClose, onReload }: MilestoneFormModalProps) {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<MilestoneValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const create = useCreateMilestone();
  const update = useUpdateMilestone();

  const onFinish = async (values: MilestoneValues) => {
    setSummary([]);
    const body = {
      title: values.title.trim(),
      owner: (values.owner ?? '').trim(),
      due_date: values.due_date.format(DATE),
      done_date: values.done_date ? values.done_date.format(DATE) : null,
      sort_order: values.sort_order ?? 0,
    };
    try {
      if (milestone) await update.mutateAsync({ milestone, body });
      else await create.mutateAsync({ plan, body });
      void message.success(milestone ? t('workplans:saved') : t('workplans:created'));
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
    <FormModal<MilestoneValues>
      title={milestone ? t('workplans:milestones.editTitle') : t('workplans:milestones.createTitle')}
      form={form}
      initialValues={
        milestone
          ? {
              title: milestone.title,
              owner: milestone.owner,
              due_date: dayjs(milestone.due_date),
              done_date: milestone.done_date ? dayjs(milestone.done_date) : null,
              sort_order: milestone.sort_order,
            }
          : { sort_order: nextOrder }
      }
      onFinish={onFinish}
      saving={create.isPending || update.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={() => onReload().then(onClose)} />}
      onClose={onClose}
      width={560}
    >
      <Form.Item
        name="title"
        label={t('workplans:milestones.name')}
        rules={[{ required: true, whitespace: true, message: t('workplans:validation.titleRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="owner" label={t('workplans:milestones.owner')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="due_date"
        label={t('workplans:milestones.dueDate')}
        rules={[{ required: true, message: t('workplans:validation.dueRequired') }]}
      >
        <DatePicker format={DATE} style={{ width: 200 }} onKeyDown={keepEnterInPicker} />
      </Form.Item>
      <Form.Item name="done_date" label={t('workplans:milestones.doneDate')}>
        <DatePicker format={DATE} style={{ width: 200 }} onKeyDown={keepEnterInPicker} />
      </Form.Item>
      <Form.Item name="sort_order" label={t('workplans:milestones.sortOrder')}>
        <InputNumber min={0} max={32767} precision={0} style={{ width: 120 }} />
      </Form.Item>
    </FormModal>
  );
}
