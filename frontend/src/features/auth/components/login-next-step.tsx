import { Alert, Button, Input } from 'antd';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { PasswordChangeForm } from '@/components/security/password-change-form';
import { TotpEnrolmentPanel } from '@/components/security/totp-enrolment';
import { LoginField } from '@/features/auth/components/login-field';
import { ApiError } from '@/lib/api-error';
import { type LoginResult, loginWithCode } from '@/lib/auth/session';

export type LoginStep = { kind: 'totp' | 'expired' | 'forced' | 'enrol'; challenge: string };

/**
 * What a login asks for after the password (loaded only then, keeping the login page small): the authenticator's
 * code, a new password when the old one has expired, or enrolling a second factor the policy requires.
 */
export function LoginNextStep({ step, onDone, onRestart }: { step: LoginStep; onDone: () => void; onRestart: () => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const finished = (result: LoginResult) => {
    if (result.access) onDone();
  };
  if (step.kind === 'expired' || step.kind === 'forced') {
    return (
      <>
        <Alert
          type="warning"
          showIcon
          title={step.kind === 'forced' ? t('auth:mustChange') : t('auth:expired')}
          style={{ marginBottom: 16 }}
          data-testid="password-change-step"
        />
        <PasswordChangeForm challenge={step.challenge} onDone={finished} />
      </>
    );
  }
  if (step.kind === 'enrol') {
    return (
      <>
        <Alert type="warning" showIcon title={t('auth:enrolRequired')} style={{ marginBottom: 16 }} />
        <TotpEnrolmentPanel challenge={step.challenge} onDone={finished} />
      </>
    );
  }
  return <TotpCodeStep challenge={step.challenge} onDone={finished} onRestart={onRestart} />;
}

function TotpCodeStep({
  challenge,
  onDone,
  onRestart,
}: {
  challenge: string;
  onDone: (result: LoginResult) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation(['auth', 'common']);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (code.length !== 6) {
      setError(t('auth:totp.codeRequired'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      onDone(await loginWithCode(challenge, code));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'challenge_invalid') onRestart();
      setError(caught instanceof ApiError ? caught.message : t('common:errors.network'));
      setCode('');
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <p>{t('auth:totp.prompt')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <LoginField id="login-code" label={t('auth:totp.code')}>
        <Input
          id="login-code"
          value={code}
          onChange={(event) => setCode(event.target.value.trim())}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          size="large"
          autoFocus
        />
      </LoginField>
      <Button type="primary" htmlType="submit" block size="large" loading={pending}>
        {t('auth:totp.verify')}
      </Button>
      <Button type="link" block onClick={onRestart} style={{ marginTop: 8 }}>
        {t('auth:back')}
      </Button>
    </form>
  );
}
