import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { passwordPolicyQueryOptions } from '@/lib/auth/security-api';

/** The password rules from the server (GET /auth/password/policy/), so that the screen and the check agree. */
export function PasswordRules() {
  const { t, i18n } = useTranslation('auth');
  const policy = useQuery(passwordPolicyQueryOptions(i18n.language));
  if (!policy.data) return null;
  const { rules, max_age_days: maxAge } = policy.data;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="password-rules"
      title={t('policy.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
          {maxAge > 0 && <li>{t('policy.maxAge', { days: maxAge })}</li>}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
