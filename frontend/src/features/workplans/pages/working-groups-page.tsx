import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { RowActions } from '@/components/row-actions';
import { MemberFormModal } from '@/features/workplans/components/member-form-modal';
import {
  useDeleteMember,
  useGroupMembers,
  useGroupOrganisations,
  type GroupMember,
} from '@/features/workplans/api/workplans-api';
import { ApiError } from '@/lib/api-error';
import { useCapability, useCurrentUser } from '@/lib/auth/session';

const ROLE_COLOURS: Record<string, string> = { leader: 'gold', deputy: 'orange', liaison: 'blue', technical: 'cyan' };

/** 工作小组 (附件2): an organisation's working group — the user's own to file, the others' (in scope) to read. */
export function WorkingGroupsPage() {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = useCapability('workplans.manage');
  const own = user.organisation.code;
  const [org, setOrg] = useState(own);
  const organisations = useGroupOrganisations();
  const members = useGroupMembers(org === own ? undefined : org);
  const remove = useDeleteMember();
  const [editor, setEditor] = useState<{ member?: GroupMember } | null>(null);
  const mayFile = canManage && org === own && user.organisation.level !== 'school';
  const rows = members.data ?? [];
  const orgName = organisations.data?.find((o) => o.code === org)?.name ?? user.organisation.name;

  const options = [
    { value: own, label: `${user.organisation.name}（${t('workplans:groups.own')}）` },
    ...(organisations.data ?? [])
      .filter((o) => o.code !== own)
      .map((o) => ({ value: o.code, label: `${o.name} · ${t('workplans:groups.members', { count: o.members })}` })),
  ];

  const columns: ColumnsType<GroupMember> = [
    { key: 'name', title: t('workplans:groups.fields.name'), dataIndex: 'name', width: 100 },
    {
      key: 'role',
      title: t('workplans:groups.fields.role'),
      width: 110,
      render: (_, row) => <Tag color={ROLE_COLOURS[row.role]}>{t(`workplans:groups.roles.${row.role}`)}</Tag>,
    },
    { key: 'unit', title: t('workplans:groups.fields.unit'), dataIndex: 'unit', responsive: ['md'] },
    { key: 'post', title: t('workplans:groups.fields.post'), dataIndex: 'post', responsive: ['md'] },
    { key: 'office', title: t('workplans:groups.fields.officePhone'), dataIndex: 'office_phone' },
    { key: 'mobile', title: t('workplans:groups.fields.mobile'), dataIndex: 'mobile' },
    { key: 'email', title: t('workplans:groups.fields.email'), dataIndex: 'email', responsive: ['lg'] },
  ];
  if (mayFile) {
    columns.push({
      key: 'actions',
      title: t('workplans:milestones.actions'),
      width: 150,
      render: (_, row) => (
        <RowActions
          onEdit={() => setEditor({ member: row })}
          onRemove={() =>
            remove
              .mutateAsync(row)
              .then(() => void message.success(t('workplans:groups.deleted')))
              .catch((error: unknown) =>
                void message.error(error instanceof ApiError ? error.message : t('common:errors.generic')),
              )
          }
          removeConfirm={t('workplans:groups.deleteConfirm', { name: row.name })}
          removeLabel={t('workplans:groups.delete')}
        />
      ),
    });
  }

  return (
    <Card
      title={t('workplans:groups.title')}
      extra={
        mayFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({})}>
            {t('workplans:groups.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('workplans:groups.hint')}</Typography.Paragraph>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <span>{t('workplans:groups.organisation')}</span>
        <Select
          value={org}
          onChange={setOrg}
          options={options}
          style={{ minWidth: 280 }}
          aria-label={t('workplans:groups.organisation')}
          data-testid="group-org"
        />
      </Flex>
      {org !== own && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('workplans:groups.readOnly', { org: orgName })} />}
      {members.isError && <Alert type="error" showIcon title={members.error.message} />}
      <Table<GroupMember>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={members.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="group-members"
        locale={{ emptyText: org === own && mayFile ? t('workplans:groups.emptyOwn') : t('workplans:groups.empty') }}
      />
      {editor && (
        <MemberFormModal
          member={editor.member}
          nextOrder={Math.max(0, ...rows.map((m) => m.sort_order)) + 1}
          onClose={() => setEditor(null)}
          onReload={() => members.refetch()}
        />
      )}
    </Card>
  );
}
