import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { MilestoneFormModal } from '@/features/workplans/components/milestone-form-modal';
import { MilestoneTable } from '@/features/workplans/components/milestone-table';
import { PlanFormModal } from '@/features/workplans/components/plan-form-modal';
import {
  useDeletePlan,
  useWorkPlan,
  useWorkPlans,
  type Milestone,
  type WorkPlan,
} from '@/features/workplans/api/workplans-api';
import { instanceDate } from '@/features/workplans/utils/milestones';
import { ApiError } from '@/lib/api-error';
import { useCapability, useCurrentUser } from '@/lib/auth/session';

type MilestoneEditor = { milestone?: Milestone } | null;

/** 工作方案: the plans in the user's scope (and above it); one plan's milestones, overdue ones flagged. */
export function WorkPlansPage() {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = useCapability('workplans.manage');
  const plans = useWorkPlans();
  const [chosen, setChosen] = useState<number | undefined>();
  const [planEditor, setPlanEditor] = useState<{ plan?: WorkPlan } | null>(null);
  const [milestoneEditor, setMilestoneEditor] = useState<MilestoneEditor>(null);
  const deletePlan = useDeletePlan();
  const today = instanceDate(new Date());

  const rows = useMemo(() => plans.data ?? [], [plans.data]);
  // The user's own organisation's newest plan first, else the newest plan shown.
  const selectedId = chosen ?? (rows.find((p) => p.organisation.code === user.organisation.code) ?? rows[0])?.id;
  const detail = useWorkPlan(selectedId);
  const plan = detail.data;
  const mayFile = canManage && (user.organisation.level === 'province' || user.organisation.level === 'school');

  const columns: ColumnsType<WorkPlan> = [
    { key: 'org', title: t('workplans:plans.organisation'), render: (_, row) => row.organisation.name },
    { key: 'year', title: t('workplans:plans.year'), dataIndex: 'year', width: 72 },
    {
      key: 'progress',
      title: t('workplans:plans.progress'),
      render: (_, row) => (
        <Space size={4} wrap>
          <span>{t('workplans:plans.progressText', { done: row.milestones_done, total: row.milestones_total })}</span>
          {row.milestones_overdue > 0 && <Tag color="red">{t('workplans:plans.overdueCount', { count: row.milestones_overdue })}</Tag>}
        </Space>
      ),
    },
  ];

  const removePlan = (target: WorkPlan) =>
    deletePlan
      .mutateAsync({ id: target.id, etag: target.etag })
      .then(() => {
        setChosen(undefined);
        void message.success(t('workplans:plans.deleted'));
      })
      .catch((error: unknown) => void message.error(error instanceof ApiError ? error.message : t('common:errors.generic')));

  return (
    <Card
      title={t('workplans:plans.title')}
      extra={
        mayFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanEditor({})}>
            {t('workplans:plans.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('workplans:plans.hint')}</Typography.Paragraph>
      {plans.isError && <Alert type="error" showIcon title={plans.error.message} />}
      {plans.isPending && <Skeleton active />}
      {plans.isSuccess && rows.length === 0 && <Empty description={t('workplans:plans.empty')} />}
      {rows.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={7}>
            <Table<WorkPlan>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={false}
              data-testid="plan-list"
              onRow={(row) => ({ onClick: () => setChosen(row.id), style: { cursor: 'pointer' } })}
              rowClassName={(row) => (row.id === selectedId ? 'ant-table-row-selected' : '')}
            />
          </Col>
          <Col xs={24} xxl={17}>
            {detail.isPending && selectedId !== undefined && <Skeleton active />}
            {detail.isError && <Alert type="error" showIcon title={detail.error.message} />}
            {plan && (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-detail">
                <Flex justify="space-between" align="start" gap={8} wrap>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {plan.title}
                  </Typography.Title>
                  {plan.editable && (
                    <Space wrap>
                      <Button onClick={() => setPlanEditor({ plan })}>{t('common:actions.edit')}</Button>
                      <Popconfirm
                        title={t('workplans:plans.deleteConfirm', { title: plan.title })}
                        onConfirm={() => removePlan(plan)}
                        okButtonProps={{ danger: true }}
                        okText={t('workplans:plans.delete')}
                        cancelText={t('common:actions.cancel')}
                      >
                        <Button danger>{t('workplans:plans.delete')}</Button>
                      </Popconfirm>
                    </Space>
                  )}
                </Flex>
                {!plan.editable && (
                  <Alert type="info" showIcon title={t('workplans:plans.readOnly', { org: plan.organisation.name })} />
                )}
                <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                  <Descriptions.Item label={t('workplans:plans.organisation')}>{plan.organisation.name}</Descriptions.Item>
                  <Descriptions.Item label={t('workplans:plans.year')}>{plan.year}</Descriptions.Item>
                  {plan.description && (
                    <Descriptions.Item label={t('workplans:plans.description')} span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{plan.description}</span>
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Flex justify="space-between" align="center">
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t('workplans:milestones.title')}
                  </Typography.Title>
                  {plan.editable && (
                    <Button icon={<PlusOutlined />} onClick={() => setMilestoneEditor({})}>
                      {t('workplans:milestones.add')}
                    </Button>
                  )}
                </Flex>
                <MilestoneTable
                  milestones={plan.milestones}
                  today={today}
                  editable={plan.editable}
                  onEdit={(milestone) => setMilestoneEditor({ milestone })}
                />
              </Space>
            )}
          </Col>
        </Row>
      )}
      {planEditor && (
        <PlanFormModal
          plan={planEditor.plan}
          onClose={() => setPlanEditor(null)}
          onSaved={setChosen}
          onReload={() => detail.refetch()}
        />
      )}
      {milestoneEditor && plan && (
        <MilestoneFormModal
          plan={plan.id}
          milestone={milestoneEditor.milestone}
          nextOrder={Math.max(0, ...plan.milestones.map((m) => m.sort_order)) + 1}
          onClose={() => setMilestoneEditor(null)}
          onReload={() => detail.refetch()}
        />
      )}
    </Card>
  );
}
