import { KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Popconfirm, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useResetUserPassword, type User, type UserPasswordReset } from '@/features/users/api/users-api';
import { ApiError } from '@/lib/api-error';

/**
 * The administrator's reset: a temporary password, shown once in a dialog (never again), valid 72 hours; the user
 * must choose their own at the next login. Their sessions end and their login delays are cleared.
 */
export function PasswordResetButton({ user }: { user: Pick<User, 'id' | 'username'> }) {
  const { t } = useTranslation(['users', 'common']);
  const { message } = App.useApp();
  const reset = useResetUserPassword();
  const [issued, setIssued] = useState<UserPasswordReset | null>(null);
  return (
    <>
      <Popconfirm
        title={t('users:passwordResetConfirm', { username: user.username })}
        onConfirm={() =>
          reset.mutate(user.id, {
            onSuccess: setIssued,
            onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
          })
        }
      >
        <Button size="small" icon={<KeyOutlined />} loading={reset.isPending} data-testid="password-reset">
          {t('users:passwordReset')}
        </Button>
      </Popconfirm>
      <Modal
        open={issued !== null}
        title={t('users:passwordIssuedTitle', { username: user.username })}
        onCancel={() => setIssued(null)}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {t('users:passwordIssuedDone')}
          </Button>
        }
      >
        {issued && (
          <>
            <Typography.Paragraph>{t('users:passwordIssuedIntro')}</Typography.Paragraph>
            <Typography.Paragraph
              copyable
              code
              style={{ fontSize: 20, textAlign: 'center' }}
              data-testid="temporary-password"
            >
              {issued.temporary_password}
            </Typography.Paragraph>
            <Alert
              type="warning"
              showIcon
              title={t('users:passwordIssuedOnce', { date: dayjs(issued.expires_at).format('YYYY-MM-DD HH:mm') })}
            />
          </>
        )}
      </Modal>
    </>
  );
}
