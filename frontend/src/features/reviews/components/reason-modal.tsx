import { Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { MIN_REASON, reasonLongEnough } from '@/features/reviews/utils/queue';
import { applyApiErrors } from '@/lib/form-errors';

interface ReasonValues {
  reason: string;
}

interface ReasonModalProps {
  title: string;
  /** Sends the return; a thrown ApiError is shown at the field (`reason`) or in the summary. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
  saving: boolean;
}

/** Asks for the reason of a return (at least five characters, as the API requires). */
export function ReasonModal({ title, onSubmit, onClose, saving }: ReasonModalProps) {
  const { t } = useTranslation(['reviews', 'common']);
  const [form] = Form.useForm<ReasonValues>();
  const [summary, setSummary] = useState<string[]>([]);

  const onFinish = async ({ reason }: ReasonValues) => {
    setSummary([]);
    try {
      await onSubmit(reason.trim());
    } catch (error) {
      setSummary(applyApiErrors(form, error, ['reason'], t('common:errors.generic')));
    }
  };

  return (
    <FormModal<ReasonValues>
      title={title}
      form={form}
      onFinish={onFinish}
      saving={saving}
      summary={summary}
      onClose={onClose}
      okText={t('reviews:returnModal.ok')}
      width={560}
    >
      <Form.Item
        name="reason"
        label={t('reviews:returnModal.reason')}
        required
        rules={[
          { required: true, whitespace: true, message: t('reviews:returnModal.required') },
          {
            validator: (_, value: string | undefined) =>
              !value?.trim() || reasonLongEnough(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('reviews:returnModal.tooShort', { count: MIN_REASON }))),
          },
        ]}
        data-testid="return-reason"
      >
        <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('reviews:returnModal.placeholder')} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
