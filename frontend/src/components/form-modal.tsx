import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';

interface FormModalProps<T> {
  title: ReactNode;
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  onFinish: (values: T) => void | Promise<void>;
  /** True while the save request runs. */
  saving: boolean;
  /** API errors that belong to no field (FormErrorSummary). */
  summary: string[];
  /** Shown above the errors, e.g. the StaleAlert after a 412. */
  notice?: ReactNode;
  onClose: () => void;
  width?: number;
  okText?: string;
  autoComplete?: string;
  children: ReactNode;
}

/** A modal holding one vertical antd form: OK submits it, errors are summarised on top. */
export function FormModal<T extends object>({
  title,
  form,
  initialValues,
  onFinish,
  saving,
  summary,
  notice,
  onClose,
  width = 640,
  okText,
  autoComplete,
  children,
}: FormModalProps<T>) {
  const { t } = useTranslation(['common']);
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      {notice}
      <FormErrorSummary messages={summary} />
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
        autoComplete={autoComplete}
      >
        {children}
      </Form>
    </Modal>
  );
}
