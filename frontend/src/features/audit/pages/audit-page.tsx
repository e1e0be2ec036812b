import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { LoadMore } from '@/components/load-more';
import {
  useAuditActions,
  useAuditEvents,
  useExportAuditEvents,
  type AuditEvent,
  type AuditFilters,
} from '@/features/audit/api/audit-api';
import { AuditEventDrawer } from '@/features/audit/components/audit-event-drawer';
import { SUBJECT_TYPES, subjectText } from '@/features/audit/utils/subjects';
import { loadedRows } from '@/lib/cursor-pages';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  user?: string;
  action?: string;
  subject_type?: string;
  subject_id?: string;
  address?: string;
  request_id?: string;
}

function toFilters(values: FilterForm): AuditFilters {
  const [from, to] = values.range ?? [null, null];
  const text = (value?: string) => value?.trim() || undefined;
  return {
    at_after: from ? from.toISOString() : undefined,
    at_before: to ? to.toISOString() : undefined,
    user: text(values.user),
    action: values.action || undefined,
    subject_type: values.subject_type || undefined,
    subject_id: text(values.subject_id),
    address: text(values.address),
    request_id: text(values.request_id),
  };
}

/** The auditor's screen: the audit trail, filtered, newest first; one event's details in a drawer; XLSX export. */
export function AuditPage() {
  const { t } = useTranslation(['audit', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [shown, setShown] = useState<AuditEvent | null>(null);
  const events = useAuditEvents(filters);
  const actions = useAuditActions();
  const exporter = useExportAuditEvents();
  const rows = loadedRows(events.data);

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit:columns.at'),
      key: 'at',
      width: 160,
      render: (_, event) => dayjs(event.at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit:columns.user'),
      key: 'user',
      width: 170,
      ellipsis: true,
      render: (_, event) =>
        event.username ? (
          <span>
            {event.display_name || event.username}{' '}
            {event.display_name && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {event.username}
              </Typography.Text>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('audit:system')}</Typography.Text>
        ),
    },
    {
      title: t('audit:columns.action'),
      key: 'action',
      width: 160,
      render: (_, event) => <Tag color="blue">{event.action_label}</Tag>,
    },
    {
      title: t('audit:columns.subject'),
      key: 'subject',
      width: 230,
      ellipsis: true,
      render: (_, event) => subjectText(event),
    },
    { title: t('audit:columns.address'), dataIndex: 'address', key: 'address', width: 120, ellipsis: true },
    { title: t('audit:columns.requestId'), dataIndex: 'request_id', key: 'request_id', ellipsis: true },
    {
      title: t('audit:columns.more'),
      key: 'more',
      width: 64,
      fixed: 'right',
      render: (_, event) => (
        <Button type="link" size="small" onClick={() => setShown(event)}>
          {t('audit:details')}
        </Button>
      ),
    },
  ];

  const onExport = () => {
    exporter.mutate(filters, {
      onSuccess: (name) => void message.success(t('audit:exported', { name })),
      onError: (error) => void message.error(error.message),
    });
  };

  return (
    <Card
      title={t('audit:title')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporter.isPending} onClick={onExport}>
          {t('audit:export')}
        </Button>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        onFinish={(values) => setFilters(toFilters(values))}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item name="range" label={t('audit:filters.range')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="user" label={t('audit:filters.user')}>
          <Input allowClear placeholder={t('audit:filters.userPlaceholder')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit:filters.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit:filters.allActions')}
            style={{ width: 200 }}
            loading={actions.isPending}
            options={(actions.data ?? []).map((item) => ({ value: item.code, label: item.label }))}
          />
        </Form.Item>
        <Form.Item name="subject_type" label={t('audit:filters.subject')}>
          <Select
            allowClear
            placeholder={t('audit:filters.allSubjects')}
            style={{ width: 140 }}
            options={SUBJECT_TYPES.map((value) => ({ value, label: t(`audit:subjects.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="subject_id" label={t('audit:filters.subjectId')}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="address" label={t('audit:filters.address')}>
          <Input allowClear placeholder="10.0.0.1" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="request_id" label={t('audit:filters.requestId')}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('audit:filters.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('audit:filters.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {events.isError && <Alert type="error" showIcon title={events.error.message} style={{ marginBottom: 16 }} />}
      <Table<AuditEvent>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={events.isPending}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: 1000 }}
        onRow={(event) => ({ onDoubleClick: () => setShown(event) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit:empty')} /> }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={events} shown={rows.length} />
      </div>
      <AuditEventDrawer event={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
