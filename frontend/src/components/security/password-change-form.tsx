import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { PasswordRules } from '@/components/security/password-rules';
import { changePassword } from '@/lib/auth/security-api';
import type { LoginResult } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';

interface Values {
  old_password: string;
  new_password: string;
  confirm: string;
}

const FIELDS = ['old_password', 'new_password'] as const;

/** Change one's password: the rules, the current password, the new one twice. With `challenge` (an expired
 *  password at login) no session is needed. */
export function PasswordChangeForm({ challenge, onDone }: { challenge?: string; onDone: (result: LoginResult) => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  const onFinish = async (values: Values) => {
    setPending(true);
    setSummary([]);
    try {
      const result = await changePassword({
        old_password: values.old_password,
        new_password: values.new_password,
        ...(challenge ? { challenge } : {}),
      });
      form.resetFields();
      onDone(result);
    } catch (error) {
      setSummary(applyApiErrors(form, error, FIELDS, t('common:errors.generic')));
    } finally {
      setPending(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => void onFinish(values)}
      // The server's errors of a field go when it is edited.
      onValuesChange={(changed: Partial<Values>) =>
        form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof Values, errors: [] })))
      }
      data-testid="password-change-form"
    >
      <PasswordRules />
      <FormErrorSummary messages={summary} />
      <Form.Item name="old_password" label={t('auth:change.old')} rules={[{ required: true, message: t('auth:passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="new_password" label={t('auth:change.new')} rules={[{ required: true, message: t('auth:change.newRequired') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth:change.confirm')}
        dependencies={['new_password']}
        rules={[
          { required: true, message: t('auth:change.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('new_password') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth:change.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('auth:change.submit')}
      </Button>
    </Form>
  );
}
