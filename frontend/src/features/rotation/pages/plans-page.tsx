import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { FormErrorSummary } from '@/components/form-error-summary';
import { LoadMore } from '@/components/load-more';
import { schoolYear, useCreatePlan, usePlans, yearOptions, type Plan } from '@/features/rotation/api/rotation-api';
import { PlanStateTag } from '@/features/rotation/components/rotation-tags';
import { formatCount, localiseError } from '@/features/rotation/utils/rotation';
import { useCapability, useCurrentUser } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';
import { applyApiErrors } from '@/lib/form-errors';

interface CreateValues {
  year: number;
  note: string;
}

/** 新建轮岗计划: the year (next school year by default) and a note; the plan opens once made. */
function CreatePlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['rotation', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreatePlan();
  const [summary, setSummary] = useState<string[]>([]);

  const onFinish = async (values: CreateValues) => {
    setSummary([]);
    try {
      const plan = await create.mutateAsync({ year: values.year, note: values.note.trim() });
      void message.success(t('rotation:plans.created', { year: plan.year }));
      onClose();
      void navigate(`/rotation/plans/${String(plan.id)}`);
    } catch (error) {
      const worded = localiseError(error, t, { plan_exists: 'year' });
      setSummary(applyApiErrors(form, worded, ['year', 'note'], t('common:errors.generic')));
    }
  };

  return (
    <Modal
      open
      title={t('rotation:plans.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:actions.create')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'plan-create-save' }}
      destroyOnHidden
      data-testid="plan-create-form"
    >
      <FormErrorSummary messages={summary} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ year: schoolYear() + 1, note: '' }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item name="year" label={t('rotation:year')} rules={[{ required: true, message: t('rotation:plans.validation.year') }]} data-testid="plan-create-year">
          <Select<number> options={yearOptions().map((year) => ({ value: year, label: t('rotation:yearValue', { year }) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('rotation:plans.note')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 轮岗计划: the plans of the counties in the user's scope, newest first; a county's administrators make the plan
 * of a year here (one a year) and edit it on its own page.
 */
export function PlansPage() {
  const { t } = useTranslation(['rotation', 'common']);
  const user = useCurrentUser();
  const canManage = useCapability('rotation.manage') && user.organisation.level === 'county';
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const plans = usePlans(year);
  const rows = loadedRows(plans.data);

  const columns: TableColumnsType<Plan> = [
    {
      key: 'plan',
      title: t('rotation:plans.columns.county'),
      render: (_, plan) => (
        <Link to={`/rotation/plans/${String(plan.id)}`} data-testid="plan-link">
          {t('rotation:plan.title', { county: plan.county.name, year: plan.year })}
        </Link>
      ),
    },
    { key: 'year', title: t('rotation:plans.columns.year'), render: (_, plan) => t('rotation:yearValue', { year: plan.year }), width: 120 },
    { key: 'state', title: t('rotation:plans.columns.state'), render: (_, plan) => <PlanStateTag state={plan.state} />, width: 100 },
    {
      key: 'count',
      title: t('rotation:plans.columns.assignments'),
      render: (_, plan) => formatCount(plan.assignment_count),
      align: 'right',
      width: 100,
    },
    {
      key: 'backbone',
      title: t('rotation:plans.columns.backbone'),
      render: (_, plan) => formatCount(plan.backbone_count),
      align: 'right',
      width: 100,
    },
    {
      key: 'updated',
      title: t('rotation:plans.columns.updated'),
      render: (_, plan) => dayjs(plan.updated_at).format('YYYY-MM-DD HH:mm'),
      width: 150,
    },
  ];

  return (
    <Card
      title={t('rotation:plans.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-create">
            {t('rotation:plans.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('rotation:plans.hint')}</Typography.Paragraph>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select<number>
          aria-label={t('rotation:year')}
          value={year}
          onChange={setYear}
          allowClear
          placeholder={t('rotation:year')}
          options={yearOptions().map((value) => ({ value, label: t('rotation:yearValue', { year: value }) }))}
          style={{ width: 140 }}
        />
      </Flex>
      {plans.isError && <Alert type="error" showIcon title={plans.error.message} style={{ marginBottom: 16 }} />}
      <Table<Plan>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={plans.isPending}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: canManage ? t('rotation:plans.emptyManage') : t('rotation:plans.empty') }}
        data-testid="plans-table"
      />
      <Flex justify="center" style={{ marginTop: 12 }}>
        <LoadMore pages={plans} shown={rows.length} />
      </Flex>
      {creating && <CreatePlanModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
