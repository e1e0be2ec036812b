import { BankOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { ApiError } from '@/lib/api-error';
import { login, meQueryKey, useHasSession } from '@/lib/auth/session';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation(['auth', 'common']);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const hasSession = useHasSession();
  const next = safeNext(searchParams.get('next'));

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: meQueryKey });
      await navigate(next, { replace: true });
    },
  });

  if (hasSession && !mutation.isPending && !mutation.isSuccess) {
    return <Navigate to={next} replace />;
  }

  // A refused login gets our own sentence as the headline (in the UI's language) and the server's
  // message beneath it; other failures (throttling, server errors) show the server's message.
  const error = mutation.error;
  const refused = error instanceof ApiError && error.status === 401;
  const errorTitle = error
    ? refused
      ? t('auth:failed')
      : error instanceof ApiError
        ? error.message || t('common:errors.generic')
        : t('common:errors.network')
    : null;
  const errorDetail = refused && error.message !== errorTitle ? error.message : undefined;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #e8f0fe 0%, #f5f7fa 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 32 } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <BankOutlined style={{ fontSize: 40, color: '#1664d9' }} />
          <Typography.Title level={3} style={{ marginTop: 12, marginBottom: 4 }}>
            {t('common:appName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth:title')}</Typography.Text>
        </div>
        {errorTitle && (
          <Alert
            type="error"
            showIcon
            title={errorTitle}
            description={errorDetail}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form<LoginValues>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
          autoComplete="on"
        >
          <Form.Item
            label={t('auth:username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth:usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('auth:password')}
            name="password"
            rules={[{ required: true, message: t('auth:passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('auth:submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('auth:footer')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
