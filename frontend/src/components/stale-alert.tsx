import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface StaleAlertProps {
  /** Loads the current version (and puts it in the editor). */
  onReload: () => Promise<unknown>;
}

/** After a 412 `stale`: someone else saved first; the editor offers to load the current version. */
export function StaleAlert({ onReload }: StaleAlertProps) {
  const { t } = useTranslation(['common']);
  const [reloading, setReloading] = useState(false);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('common:stale.message')}
      data-testid="stale-banner"
      action={
        <Button
          size="small"
          loading={reloading}
          onClick={() => {
            setReloading(true);
            void onReload().finally(() => setReloading(false));
          }}
        >
          {t('common:stale.reload')}
        </Button>
      }
    />
  );
}
