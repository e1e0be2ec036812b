import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** 403 for a route the user may not open (loaded only when shown: antd's Result carries its illustrations). */
export default function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
}
