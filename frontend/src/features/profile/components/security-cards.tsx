import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { PasswordChangeForm } from '@/components/security/password-change-form';
import { TotpEnrolmentPanel } from '@/components/security/totp-enrolment';
import { disableTotp } from '@/lib/auth/security-api';
import { meQueryKey, useCurrentUser } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';

/** Change password: the rules from the server, then the form. Other sessions end; this one goes on. */
export function PasswordCard() {
  const { t } = useTranslation(['profile', 'auth']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  return (
    <Card title={t('profile:password')} data-testid="password-card">
      {user.password_expires_at && (
        <Typography.Paragraph type="secondary">
          {t('profile:passwordExpires', { date: new Date(user.password_expires_at).toLocaleDateString() })}
        </Typography.Paragraph>
      )}
      <div style={{ maxWidth: 480 }}>
        <PasswordChangeForm
          onDone={() => {
            void message.success(t('profile:passwordChanged'));
            void queryClient.invalidateQueries({ queryKey: meQueryKey });
          }}
        />
      </div>
    </Card>
  );
}

interface DisableValues {
  password: string;
  code: string;
}

/** The second factor: on or off, enrol with a QR code, turn off with the password and a code. */
export function TotpCard() {
  const { t } = useTranslation(['profile', 'auth', 'common']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const [enrolling, setEnrolling] = useState(false);
  const [form] = Form.useForm<DisableValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: meQueryKey });

  const onDisable = async (values: DisableValues) => {
    setSummary([]);
    try {
      await disableTotp(values);
      form.resetFields();
      void message.success(t('profile:totpDisabled'));
      await refresh();
    } catch (error) {
      setSummary(applyApiErrors(form, error, ['password', 'code'], t('common:errors.generic')));
    }
  };

  return (
    <Card
      title={t('profile:totp')}
      data-testid="totp-card"
      extra={
        <Tag color={user.totp_enabled ? 'green' : 'default'}>
          {user.totp_enabled ? t('profile:totpOn') : t('profile:totpOff')}
        </Tag>
      }
    >
      {user.totp_required && <Typography.Paragraph type="secondary">{t('profile:totpRequired')}</Typography.Paragraph>}
      {!user.totp_enabled &&
        (enrolling ? (
          <TotpEnrolmentPanel
            onDone={() => {
              setEnrolling(false);
              void message.success(t('profile:totpEnabled'));
              void refresh();
            }}
          />
        ) : (
          <Space orientation="vertical">
            <Typography.Text>{t('auth:totp.intro')}</Typography.Text>
            <Button type="primary" onClick={() => setEnrolling(true)}>
              {t('profile:totpEnable')}
            </Button>
          </Space>
        ))}
      {user.totp_enabled && !user.totp_required && (
        <Form form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={(values) => void onDisable(values)}>
          <FormErrorSummary messages={summary} />
          <Form.Item name="password" label={t('auth:password')} rules={[{ required: true, message: t('auth:passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="code" label={t('auth:totp.code')} rules={[{ required: true, message: t('auth:totp.codeRequired') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
          <Button danger htmlType="submit">
            {t('profile:totpDisable')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
