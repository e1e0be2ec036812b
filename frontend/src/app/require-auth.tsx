import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { ApiError } from '@/lib/api-error';
import { hasCapability, useCurrentUser, useHasSession, useMeQuery } from '@/lib/auth/session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const hasSession = useHasSession();
  const me = useMeQuery();

  if (!hasSession || (me.error instanceof ApiError && me.error.status === 401)) {
    const next = `${location.pathname}${location.search}`;
    const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/login${query}`} replace />;
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('errors.generic')}
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description={t('status.loading')}>
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  return children;
}

export function RequireCapability({ capability, children }: { capability: string; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!hasCapability(user, capability)) {
    return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  }
  return children;
}
