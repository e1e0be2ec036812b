import { Button, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormErrorSummary } from '@/components/form-error-summary';
import { ApiError } from '@/lib/api-error';
import { confirmTotpEnrolment, startTotpEnrolment, type TotpEnrolment } from '@/lib/auth/security-api';
import type { LoginResult } from '@/lib/auth/session';

/** Enrol an authenticator app: a new secret as a QR code (and as text, shown this once), confirmed with a code. */
export function TotpEnrolmentPanel({ challenge, onDone }: { challenge?: string; onDone: (result: LoginResult) => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setPending(true);
    setErrors([]);
    try {
      await work();
    } catch (error) {
      setErrors([
        error instanceof ApiError
          ? [error.message, ...Object.values(error.errors).flat().map((e) => e.message)].filter((m, i, all) => m && all.indexOf(m) === i).join(' ')
          : t('common:errors.network'),
      ]);
    } finally {
      setPending(false);
    }
  };

  if (!enrolment) {
    return (
      <Space orientation="vertical">
        <Typography.Text>{t('auth:totp.intro')}</Typography.Text>
        <FormErrorSummary messages={errors} />
        <Button type="primary" loading={pending} onClick={() => void run(async () => setEnrolment(await startTotpEnrolment(challenge)))}>
          {t('auth:totp.start')}
        </Button>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('auth:totp.scan')}</Typography.Text>
      <QRCode value={enrolment.otpauth_uri} size={180} data-testid="totp-qr" />
      <Typography.Text>
        {t('auth:totp.secret')}{' '}
        <Typography.Text code copyable data-testid="totp-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Text>
      <FormErrorSummary messages={errors} />
      <label htmlFor="totp-enrol-code">{t('auth:totp.code')}</label>
      <Space.Compact style={{ maxWidth: 320 }}>
        <Input
          id="totp-enrol-code"
          value={code}
          onChange={(event) => setCode(event.target.value.trim())}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
        />
        <Button
          type="primary"
          loading={pending}
          disabled={code.length !== 6}
          onClick={() => void run(async () => onDone(await confirmTotpEnrolment(code, challenge)))}
        >
          {t('auth:totp.confirm')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
