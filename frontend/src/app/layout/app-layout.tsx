import { BankOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Avatar, Badge, Button, Dropdown, Grid, Layout, Menu, Space, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';

import { Breadcrumbs } from '@/app/layout/breadcrumbs';
import { buildMenuItems, menuSelection } from '@/app/layout/menu-items';
import { useOpenGroups } from '@/app/layout/use-open-groups';
import { LanguageSwitch } from '@/components/language-switch';
import { JobsIndicator } from '@/features/import-export/components/jobs-indicator';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { QUEUE_COUNT_LIMIT, useQueueCount } from '@/features/reviews/api/reviews-api';
import { hasCapability, useCurrentUser, useLogout } from '@/lib/auth/session';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t, i18n } = useTranslation();
  // Dates (antd's pickers, relative times) follow the UI language; set here, as the login page shows no dates.
  dayjs.locale(i18n.language === 'en' ? 'en' : 'zh-cn');
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(() => window.matchMedia('(max-width: 991.98px)').matches);
  // Below lg the menu is a drawer over the content (it never pushes a phone's page aside) and closes on a choice.
  const overlay = screens.lg === false;
  const selection = menuSelection(location.pathname);
  const queueCount = useQueueCount(hasCapability(user, 'reviews.decide'));
  const waiting = queueCount.data?.count ?? 0;
  const badges = {
    '/reviews': waiting > 0 && (
      <Badge
        count={queueCount.data?.more ? `${String(QUEUE_COUNT_LIMIT)}+` : waiting}
        size="small"
        data-testid="queue-count"
      />
    ),
  };
  const menuItems = buildMenuItems(user.capabilities, t, user.organisation.level, badges);
  const [openKeys, onOpenChange] = useOpenGroups(
    menuItems.flatMap((item) => (item && 'children' in item && item.key ? [String(item.key)] : [])),
  );

  const orgPath = user.organisation_path.map((org) => org.name).join(' / ');

  const onLogout = useLogout();

  // antd's App (message, notification, modal for App.useApp) lives here, not in the providers: the login page
  // does not need it, and it should not download it.
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider
          breakpoint="lg"
          collapsedWidth={0}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          theme="dark"
          trigger={null}
          style={
            overlay
              ? { position: 'fixed', insetBlock: 0, insetInlineStart: 0, zIndex: 1001, height: '100vh', overflow: 'auto' }
              : undefined
          }
          data-testid="app-menu"
        >
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              padding: '0 16px',
              color: '#fff',
              fontWeight: 600,
              fontSize: 15,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            <BankOutlined style={{ fontSize: 20 }} />
            <span>{t('appShortName')}</span>
          </div>
          {/* A closed menu is not rendered: antd would show the open group as a floating popup beside a zero-width
              sider. */}
          {!collapsed && (
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selection.selected]}
            // The group of the page shown stays open, whatever antd's menu did with the user's open groups.
            openKeys={[...new Set([...openKeys, ...selection.open])]}
            onOpenChange={onOpenChange}
            items={menuItems}
            onClick={({ key }) => {
              if (overlay) setCollapsed(true);
              void navigate(key);
            }}
            aria-label={t('appName')}
          />
          )}
        </Sider>
        {overlay && !collapsed && (
          <div
            data-testid="menu-mask"
            aria-hidden
            onClick={() => setCollapsed(true)}
            style={{ position: 'fixed', inset: 0, zIndex: 1000, background: token.colorBgMask }}
          />
        )}
        <Layout style={{ minWidth: 0 }}>
          <Header
            style={{
              background: token.colorBgContainer,
              padding: overlay ? '0 8px 0 16px' : '0 16px 0 24px',
              display: 'flex',
              alignItems: 'center',
              gap: overlay ? 8 : 16,
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
              height: 56,
              lineHeight: '56px',
            }}
          >
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((value) => !value)}
              aria-label={t('header.toggleMenu')}
              aria-expanded={!collapsed}
              style={{ marginLeft: -8, flexShrink: 0 }}
            />
            <Typography.Text
              data-testid="org-path"
              ellipsis
              title={orgPath}
              style={{ flex: 1, minWidth: 0, fontSize: 15 }}
            >
              <BankOutlined style={{ marginRight: 8, color: token.colorPrimary }} />
              {orgPath}
            </Typography.Text>
            <Space size={overlay ? 'small' : 'middle'} style={{ flexShrink: 0 }}>
              <LanguageSwitch />
              <JobsIndicator />
              <NotificationBell />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
                    { type: 'divider' },
                    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'profile') void navigate('/profile');
                    if (key === 'logout') void onLogout();
                  },
                }}
              >
                <a
                  role="button"
                  tabIndex={0}
                  data-testid="account-menu"
                  aria-label={t('header.account')}
                  onClick={(event) => event.preventDefault()}
                  style={{ display: 'inline-flex', alignItems: 'center', gap: 8, color: token.colorText }}
                >
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                  {screens.md !== false && <span>{user.display_name || user.username}</span>}
                </a>
              </Dropdown>
            </Space>
          </Header>
          <Content style={{ padding: overlay ? 12 : 24, minWidth: 0 }}>
            <Breadcrumbs />
            <Outlet />
          </Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
