import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { OrgTreeSelect } from '@/components/org-tree-select';
import { useUsers, type User, type UserFilters } from '@/features/users/api/users-api';
import { UserFormModal, type UserFormTarget } from '@/features/users/components/user-form-modal';
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
      width: 80,
      render: (_, user) =>
        user.is_active ? <Tag color="green">{t('users:active')}</Tag> : <Tag>{t('users:inactive')}</Tag>,
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
            width: 90,
            render: (_: unknown, user: User) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFormTarget({ mode: 'edit', user })}>
                {t('common:actions.edit')}
              </Button>
            ),
          },
        ]
      : []),
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
      {users.isError && <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
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
