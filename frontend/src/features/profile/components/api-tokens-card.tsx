import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { LoadMore } from '@/components/load-more';
import { OrgTreeSelect } from '@/components/org-tree-select';
import {
  type ApiToken,
  type ApiTokenIssued,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from '@/features/profile/api/tokens-api';
import { loadedRows } from '@/lib/cursor-pages';
import { useCurrentUser } from '@/lib/auth/session';
import { applyApiErrors } from '@/lib/form-errors';

interface CreateValues {
  name: string;
  capabilities: string[];
  organisation?: string;
  expires_at: Dayjs;
  rate_limit?: number;
}

const STATE_COLOURS: Record<string, string> = { active: 'green', expired: 'default', revoked: 'red' };

/** API 令牌: machine credentials of one's own for an integration (docs/API.md, "Tokens"). The key is shown once. */
export function ApiTokensCard() {
  const { t } = useTranslation(['profile', 'common']);
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<ApiTokenIssued | null>(null);
  const rows = loadedRows(tokens.data);
  const capability = (code: string) => t(`profile:capabilities.${code}`, { defaultValue: code });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('profile:tokens.name'), dataIndex: 'name' },
    { title: t('profile:tokens.prefix'), dataIndex: 'prefix', render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text> },
    {
      title: t('profile:tokens.capabilities'),
      dataIndex: 'capabilities',
      render: (codes: string[]) => codes.map((code) => <Tag key={code}>{capability(code)}</Tag>),
    },
    { title: t('profile:tokens.organisation'), render: (_, row) => row.organisation.name },
    { title: t('profile:tokens.expiresAt'), dataIndex: 'expires_at', render: (at: string) => dayjs(at).format('YYYY-MM-DD') },
    {
      title: t('profile:tokens.lastUsed'),
      dataIndex: 'last_used_at',
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : t('profile:tokens.never')),
    },
    {
      title: t('profile:tokens.state'),
      dataIndex: 'state',
      render: (state: string) => <Tag color={STATE_COLOURS[state]}>{t(`profile:tokens.states.${state}`, { defaultValue: state })}</Tag>,
    },
    {
      title: t('profile:tokens.actions'),
      render: (_, row) =>
        row.state === 'active' && (
          <Popconfirm
            title={t('profile:tokens.revokeConfirm', { name: row.name })}
            onConfirm={async () => {
              await revoke.mutateAsync(row.id);
              void message.success(t('profile:tokens.revoked'));
            }}
          >
            <Button danger size="small">
              {t('profile:tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('profile:tokens.title')}
      data-testid="api-tokens-card"
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('profile:tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('profile:tokens.intro')}</Typography.Paragraph>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={tokens.isLoading}
        pagination={false}
        locale={{ emptyText: t('profile:tokens.empty') }}
        scroll={{ x: true }}
      />
      <div style={{ marginTop: 12 }}>
        <LoadMore pages={tokens} shown={rows.length} />
      </div>
      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onIssued={(token) => {
            setCreating(false);
            setIssued(token);
          }}
        />
      )}
      {issued && (
        <Modal
          open
          title={t('profile:tokens.issuedTitle', { name: issued.name })}
          onOk={() => setIssued(null)}
          onCancel={() => setIssued(null)}
          cancelButtonProps={{ style: { display: 'none' } }}
          okText={t('profile:tokens.stored')}
        >
          <Alert type="warning" showIcon title={t('profile:tokens.shownOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: issued.key }} code data-testid="api-token-key">
            {issued.key}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('profile:tokens.usage')}</Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}

function CreateTokenModal({ onClose, onIssued }: { onClose: () => void; onIssued: (token: ApiTokenIssued) => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const user = useCurrentUser();
  const create = useCreateApiToken();
  const [form] = Form.useForm<CreateValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const fields = ['name', 'capabilities', 'organisation', 'expires_at', 'rate_limit'] as const;

  const onFinish = async (values: CreateValues) => {
    setSummary([]);
    try {
      const token = await create.mutateAsync({
        name: values.name,
        capabilities: values.capabilities,
        expires_at: values.expires_at.endOf('day').toISOString(),
        ...(values.organisation ? { organisation: values.organisation } : {}),
        ...(values.rate_limit ? { rate_limit: values.rate_limit } : {}),
      });
      onIssued(token);
    } catch (error) {
      setSummary(applyApiErrors(form, error, fields, t('common:errors.generic')));
    }
  };

  return (
    <FormModal<CreateValues>
      title={t('profile:tokens.create')}
      form={form}
      initialValues={{ expires_at: dayjs().add(90, 'day') }}
      onFinish={onFinish}
      saving={create.isPending}
      summary={summary}
      onClose={onClose}
      okText={t('profile:tokens.createOk')}
    >
      <Form.Item name="name" label={t('profile:tokens.name')} rules={[{ required: true, message: t('profile:tokens.nameRequired') }]}>
        <Input maxLength={100} placeholder={t('profile:tokens.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="capabilities"
        label={t('profile:tokens.capabilities')}
        extra={t('profile:tokens.capabilitiesHelp')}
        rules={[{ required: true, message: t('profile:tokens.capabilitiesRequired') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('profile:tokens.capabilities')}
          options={user.capabilities.map((code) => ({
            value: code,
            label: t(`profile:capabilities.${code}`, { defaultValue: code }),
          }))}
        />
      </Form.Item>
      <Form.Item name="organisation" label={t('profile:tokens.organisation')} extra={t('profile:tokens.organisationHelp')}>
        <OrgTreeSelect allowClear placeholder={user.organisation.name} aria-label={t('profile:tokens.organisation')} />
      </Form.Item>
      <Form.Item name="expires_at" label={t('profile:tokens.expiresAt')} rules={[{ required: true }]}>
        <DatePicker
          disabledDate={(day) => day.isBefore(dayjs(), 'day') || day.isAfter(dayjs().add(365, 'day'))}
          allowClear={false}
        />
      </Form.Item>
      <Form.Item name="rate_limit" label={t('profile:tokens.rateLimit')} extra={t('profile:tokens.rateLimitHelp')}>
        <InputNumber min={1} max={100000} placeholder="600" style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
