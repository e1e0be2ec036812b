import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

import { changeLanguage, currentLanguage, isLanguage } from '@/lib/i18n';

/** 中文 / English: switches the whole UI and every later API call's Accept-Language. */
export function LanguageSwitch() {
  const { t } = useTranslation('common');
  return (
    <Segmented
      size="small"
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      options={[
        { label: t('language.zh'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
    />
  );
}
