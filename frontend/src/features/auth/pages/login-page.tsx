import { BankOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Spin, theme } from 'antd';
import { lazy, Suspense, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { LanguageSwitch } from '@/components/language-switch';
import { LoginField } from '@/features/auth/components/login-field';
import type { LoginStep } from '@/features/auth/components/login-next-step';
import { ApiError } from '@/lib/api-error';
import { login, meQueryKey, useHasSession } from '@/lib/auth/session';

const LoginNextStep = lazy(() =>
  import('@/features/auth/components/login-next-step').then((m) => ({ default: m.LoginNextStep })),
);

/** A login refused with a challenge (expired password, second factor to enrol): the step to show instead. */
function stepOf(error: unknown): LoginStep | null {
  if (!(error instanceof ApiError) || error.status !== 403 || typeof error.body.challenge !== 'string') return null;
  if (error.code === 'password_expired') return { kind: 'expired', challenge: error.body.challenge };
  if (error.code === 'password_change_required') return { kind: 'forced', challenge: error.body.challenge };
  if (error.code === 'totp_enrolment_required') return { kind: 'enrol', challenge: error.body.challenge };
  return null;
}

interface LoginValues {
  username: string;
  password: string;
}

type LoginErrors = Partial<Record<keyof LoginValues, string>>;

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
  const { token } = theme.useToken();
  const [values, setValues] = useState<LoginValues>({ username: '', password: '' });
  const [errors, setErrors] = useState<LoginErrors>({});
  const next = safeNext(searchParams.get('next'));
  const [step, setStep] = useState<LoginStep | null>(null);

  const finish = async () => {
    queryClient.removeQueries({ queryKey: meQueryKey });
    await navigate(next, { replace: true });
  };
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async (result) => {
      if (result.totp_required && result.challenge) {
        setStep({ kind: 'totp', challenge: result.challenge });
        return;
      }
      await finish();
    },
    onError: (error) => setStep(stepOf(error)),
  });

  const validate = (candidate: LoginValues): LoginErrors => ({
    ...(candidate.username.trim() ? {} : { username: t('auth:usernameRequired') }),
    ...(candidate.password ? {} : { password: t('auth:passwordRequired') }),
  });
  const setField = (name: keyof LoginValues, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    // Once a field has shown an error, it follows the typing (as antd's forms do).
    if (errors[name]) setErrors((current) => ({ ...current, [name]: validate(next)[name] }));
  };
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (!found.username && !found.password) mutation.mutate(values);
  };

  if (hasSession && !mutation.isPending && !mutation.isSuccess && !step) {
    return <Navigate to={next} replace />;
  }

  // A refused login gets our own sentence as the headline (in the UI's language) and the server's
  // message beneath it; other failures (throttling, server errors) show the server's message.
  const error = step ? null : mutation.error;
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
      {/* Plain elements for the card and its headings: antd's Card and Typography would double this page's download. */}
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          boxSizing: 'border-box',
          padding: 32,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          fontSize: token.fontSize,
          color: token.colorText,
        }}
      >
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <BankOutlined style={{ fontSize: 40, color: token.colorPrimary }} />
          <h1 style={{ margin: '12px 0 4px', fontSize: token.fontSizeHeading3, fontWeight: 600, color: token.colorTextHeading }}>
            {t('common:appName')}
          </h1>
          <span style={{ color: token.colorTextSecondary }}>{t('auth:title')}</span>
        </div>
        {step ? (
          <Suspense fallback={<Spin />}>
            <LoginNextStep
              step={step}
              onDone={() => void finish()}
              onRestart={() => {
                setStep(null);
                mutation.reset();
              }}
            />
          </Suspense>
        ) : null}
        {!step && errorTitle && (
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
        <form onSubmit={onSubmit} autoComplete="on" noValidate hidden={step !== null}>
          <LoginField id="login-username" label={t('auth:username')} error={errors.username}>
            <Input
              id="login-username"
              value={values.username}
              onChange={(event) => setField('username', event.target.value)}
              status={errors.username ? 'error' : undefined}
              aria-invalid={Boolean(errors.username)}
              aria-describedby={errors.username ? 'login-username-error' : undefined}
              prefix={<UserOutlined />}
              autoComplete="username"
              size="large"
              autoFocus
            />
          </LoginField>
          <LoginField id="login-password" label={t('auth:password')} error={errors.password}>
            <Input.Password
              id="login-password"
              value={values.password}
              onChange={(event) => setField('password', event.target.value)}
              status={errors.password ? 'error' : undefined}
              aria-invalid={Boolean(errors.password)}
              aria-describedby={errors.password ? 'login-password-error' : undefined}
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </LoginField>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('auth:submit')}
          </Button>
        </form>
        <p style={{ marginTop: 16, marginBottom: 0, fontSize: 12, color: token.colorTextSecondary }}>{t('auth:footer')}</p>
      </main>
    </div>
  );
}
