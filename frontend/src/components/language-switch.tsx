import { Radio } from 'antd';
import { useTranslation } from 'react-i18next';

import { changeLanguage, currentLanguage, isLanguage } from '@/lib/i18n';

/**
 * 中文 / English: switches the whole UI and every later API call's Accept-Language. Radio buttons rather than
 * antd's Segmented, which brings tooltips and popups the login page would otherwise download.
 */
export function LanguageSwitch() {
  const { t } = useTranslation('common');
  return (
    <Radio.Group
      size="small"
      optionType="button"
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      options={[
        { label: t('language.zh'), value: 'zh-CN' },
        { label: t('language.en'), value: 'en' },
      ]}
      onChange={(event) => {
        const value: unknown = event.target.value;
        if (isLanguage(value)) void changeLanguage(value);
      }}
    />
  );
}
