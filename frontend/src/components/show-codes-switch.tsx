import { Switch, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

import { useShowCodes } from '@/lib/show-codes';

/**
 * Reference pages (catalogue, code tables) show names only; integrators who need the API's codes turn this on.
 * The choice is remembered in this browser.
 */
export function ShowCodesSwitch() {
  const { t } = useTranslation('common');
  const [shown, setShown] = useShowCodes();
  return (
    <Tooltip title={t('showCodes.hint')}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <Switch size="small" checked={shown} onChange={setShown} aria-label={t('showCodes.label')} data-testid="show-codes" />
        {t('showCodes.label')}
      </span>
    </Tooltip>
  );
}
