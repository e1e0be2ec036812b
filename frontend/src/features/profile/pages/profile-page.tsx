import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiTokensCard } from '@/features/profile/components/api-tokens-card';
import { PasswordCard, TotpCard } from '@/features/profile/components/security-cards';
import { useCurrentUser, useLogout } from '@/lib/auth/session';

export function ProfilePage() {
  const { t } = useTranslation(['profile', 'common']);
  const user = useCurrentUser();

  const onLogout = useLogout();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
    <Card
      title={t('profile:title')}
      extra={
        <Button icon={<LogoutOutlined />} danger onClick={() => void onLogout()}>
          {t('profile:logout')}
        </Button>
      }
    >
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t('profile:username')}>{user.username}</Descriptions.Item>
        <Descriptions.Item label={t('profile:displayName')}>{user.display_name || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('profile:roles')}>
          <Space size={[4, 4]} wrap>
            {user.roles.map((role) => (
              <Tag key={role} color="blue">
                {t(`common:roles.${role}`, { defaultValue: role })}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('profile:organisation')}>
          {user.organisation_path.map((org) => org.name).join(' / ') || user.organisation.name}
        </Descriptions.Item>
      </Descriptions>
    </Card>
    <PasswordCard />
    <TotpCard />
    <ApiTokensCard />
    </Space>
  );
}
