import { EditOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { OrgTreeSelect } from '@/components/org-tree-select';
import {
  useLockouts,
  useUnlockUser,
  useUsers,
  type User,
  type UserFilters,
  type UserLockout,
} from '@/features/users/api/users-api';
import { UserFormModal, type UserFormTarget } from '@/features/users/components/user-form-modal';
import { ApiError } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { ROLES, type Role } from '@/lib/roles';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

export function UsersPage() {
  const { t } = useTranslation(['users', 'common']);
  const canManage = useCapability('users.manage');
  const canAssign = useCapability('roles.assign'); // the security administrator edits roles only
  const [filters, setFilters] = useState<UserFilters>({});
  const [text, setText] = useState('');
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const users = useUsers(filters);
  const rows = loadedRows(users.data);
  const canUnlock = useCapability('users.unlock');
  const lockouts = useLockouts(canUnlock);
  const lockedById = new Map((lockouts.data ?? []).map((entry) => [entry.user.id, entry]));
  const unlock = useUnlockUser();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;

  const onUnlock = (user: Pick<User, 'id' | 'username'>) =>
    unlock.mutate(user.id, {
      onSuccess: () => void message.success(t('users:unlocked', { username: user.username })),
      onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
    });
  const unlockButton = (user: Pick<User, 'id' | 'username'>) => (
    <Popconfirm key="unlock" title={t('users:unlockConfirm', { username: user.username })} onConfirm={() => onUnlock(user)}>
      <Button type="link" size="small" icon={<UnlockOutlined />} data-testid={`unlock-${user.username}`}>
        {t('users:unlock')}
      </Button>
    </Popconfirm>
  );
  const statusTags = (user: User) => (
    <Space size={[4, 4]} wrap>
      {user.is_active ? <Tag color="green">{t('users:active')}</Tag> : <Tag>{t('users:inactive')}</Tag>}
      {lockedById.has(user.id) && <Tag color="red">{t('users:locked')}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<User> = [
    { title: t('users:columns.username'), dataIndex: 'username', key: 'username', width: 170, ellipsis: true },
    { title: t('users:columns.displayName'), dataIndex: 'display_name', key: 'display_name', width: 180, ellipsis: true },
    {
      title: t('users:columns.roles'),
      key: 'roles',
      render: (_, user) => (
        <Space size={[4, 4]} wrap>
          {user.roles.map((role) => (
            <Tag key={role} color="blue">
              {t(`common:roles.${role}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users:columns.organisation'),
      key: 'organisation',
      ellipsis: true,
      render: (_, user) => (
        <span title={user.organisation.code}>
          {user.organisation.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.organisation.code}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('users:columns.active'),
      key: 'is_active',
      width: 110,
      render: (_, user) => statusTags(user),
    },
    {
      title: t('users:columns.dateJoined'),
      key: 'date_joined',
      width: 110,
      render: (_, user) => dayjs(user.date_joined).format('YYYY-MM-DD'),
    },
    ...(canManage || canAssign
      ? [
          {
            title: t('users:columns.actions'),
            key: 'actions',
            width: canUnlock ? 110 : 90,
            render: (_: unknown, user: User) => (
              <Space orientation="vertical" size={0}>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', user })}>
                  {t('common:actions.edit')}
                </Button>
                {canUnlock && lockedById.has(user.id) && unlockButton(user)}
              </Space>
            ),
          },
        ]
      : []),
  ];

  // At phone width only the key columns: who (username and name), state, actions.
  const narrowColumns: TableColumnsType<User> = [
    {
      title: t('users:columns.username'),
      key: 'who',
      render: (_, user) => (
        <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {user.display_name || user.username}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {user.username}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {user.organisation.name}
          </Typography.Text>
          {statusTags(user)}
        </Space>
      ),
    },
    ...columns.filter((column) => column.key === 'actions'),
  ];

  return (
    <Card
      title={t('users:title')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setFormTarget({ mode: 'create', organisation: filters.organisation })}
          >
            {t('users:create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <OrgTreeSelect
          aria-label={t('users:filterOrg')}
          placeholder={t('users:filterOrgPlaceholder')}
          allowClear
          style={{ width: 260 }}
          value={filters.organisation}
          onChange={(organisation) => setFilters((current) => ({ ...current, organisation }))}
        />
        <Input.Search
          aria-label={t('users:filterText')}
          placeholder={t('users:filterTextPlaceholder')}
          allowClear
          style={{ width: 240 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (!event.target.value) setFilters((current) => ({ ...current, q: undefined }));
          }}
          onSearch={(value) => setFilters((current) => ({ ...current, q: value.trim() || undefined }))}
        />
        <Select<Role>
          aria-label={t('users:filterRole')}
          placeholder={t('users:allRoles')}
          allowClear
          style={{ width: 160 }}
          value={filters.role}
          onChange={(role) => setFilters((current) => ({ ...current, role }))}
          options={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
        />
      </Space>
      {canUnlock && (lockouts.data?.length ?? 0) > 0 && (
        <LockoutsAlert lockouts={lockouts.data ?? []} unlockButton={unlockButton} />
      )}
      {users.isError && <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={wide ? columns : narrowColumns}
        dataSource={rows}
        loading={users.isPending}
        pagination={false}
        tableLayout="fixed"
        // On a phone the table scrolls inside its card; the page itself never scrolls sideways.
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users:empty')} /> }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={users} shown={rows.length} />
      </div>
      {formTarget && <UserFormModal target={formTarget} onClose={() => setFormTarget(null)} />}
    </Card>
  );
}

/** The accounts failed logins hold back, with their unlock action, above the list (they may not be on its first page). */
function LockoutsAlert({
  lockouts,
  unlockButton,
}: {
  lockouts: UserLockout[];
  unlockButton: (user: Pick<User, 'id' | 'username'>) => React.ReactNode;
}) {
  const { t } = useTranslation(['users']);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="lockouts"
      title={t('users:lockoutsTitle', { count: lockouts.length })}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {lockouts.map((entry) => (
            <Space key={entry.user.id} wrap size={[8, 0]}>
              <Typography.Text strong>{entry.user.display_name || entry.user.username}</Typography.Text>
              <Typography.Text type="secondary">{entry.user.username}</Typography.Text>
              <Typography.Text type="secondary">
                {entry.account_wide
                  ? t('users:lockedEverywhere', { failures: entry.failures })
                  : t('users:lockedFrom', { failures: entry.failures, addresses: entry.addresses.join('、') })}
              </Typography.Text>
              {entry.retry_after > 0 && (
                <Typography.Text type="secondary">
                  {t('users:retryIn', { minutes: Math.max(1, Math.ceil(entry.retry_after / 60)) })}
                </Typography.Text>
              )}
              {unlockButton(entry.user)}
            </Space>
          ))}
        </Space>
      }
    />
  );
}
