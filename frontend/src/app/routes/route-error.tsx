import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';

import { ErrorPanel } from '@/app/routes/error-panel';

/** A page's code could not be downloaded (network gone, or a new release replaced the old files). */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(error.message)
  );
}

/**
 * The error boundary of every route: a page that fails to load or to render says what happened and what to do
 * (reload, or go home) inside the layout, never a stack trace; the error goes to the console for developers.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <ErrorPanel
      title={t('errors.pageFailedTitle')}
      detail={isChunkLoadError(error) ? t('errors.pageLoadFailed') : t('errors.pageCrashed')}
      actions={
        <>
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('actions.reload')}
          </Button>
          <Link to="/">
            <Button>{t('actions.backHome')}</Button>
          </Link>
        </>
      }
    />
  );
}
