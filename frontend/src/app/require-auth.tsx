import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';

import { ErrorPanel } from '@/app/routes/error-panel';
import { PageLoading } from '@/app/routes/page-loading';
import { ApiError } from '@/lib/api-error';
import { useHasSession, useMeQuery } from '@/lib/auth/session';

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
      <ErrorPanel
        title={t('errors.generic')}
        detail={me.error.message}
        actions={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) return <PageLoading fullPage />;
  return children;
}
