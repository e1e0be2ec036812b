import { ArrowLeftOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Result, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import {
  EDITABLE_STATES,
  usePlan,
  usePlanAssignments,
  useRemoveAssignment,
  useSubmitPlan,
  type Assignment,
  type PlanDetail,
} from '@/features/rotation/api/rotation-api';
import { assignmentColumns } from '@/features/rotation/components/assignment-columns';
import { AssignmentFormDrawer } from '@/features/rotation/components/assignment-form-drawer';
import { PlanGauges } from '@/features/rotation/components/plan-gauges';
import { PlanStateTag } from '@/features/rotation/components/rotation-tags';
import { errorText, shortfalls } from '@/features/rotation/utils/rotation';
import { ApiError } from '@/lib/api-error';
import { useCapability, useCurrentUser } from '@/lib/auth/session';

function useEditable(plan: PlanDetail | undefined): boolean {
  const user = useCurrentUser();
  const canManage = useCapability('rotation.manage');
  return Boolean(plan && canManage && plan.county.code === user.organisation.code && EDITABLE_STATES.includes(plan.state));
}

/**
 * One county's plan of a year: the figures against the targets (gauges, shortfalls warned), the teachers rotating,
 * and — for the county's administrators while it is a draft or returned — adding and removing teachers and
 * submitting it for review.
 */
export function PlanPage() {
  const { t } = useTranslation(['rotation', 'common']);
  const { message, modal } = App.useApp();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const plan = usePlan(id);
  const assignments = usePlanAssignments(id);
  const remove = useRemoveAssignment();
  const submit = useSubmitPlan();
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const data = plan.data;
  const editable = useEditable(data);

  if (plan.isError) {
    const missing = plan.error instanceof ApiError && plan.error.status === 404;
    return (
      <Card>
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? t('rotation:plan.notFound') : plan.error.message}
          extra={<Link to="/rotation/plans">{t('rotation:plan.back')}</Link>}
        />
      </Card>
    );
  }
  if (!data) return <Card><Skeleton active /></Card>;

  const title = t('rotation:plan.title', { county: data.county.name, year: data.year });
  const rows = assignments.data ?? [];
  const short = shortfalls(data.figures);

  const onRemove = (assignment: Assignment) => {
    setProblem(null);
    remove
      .mutateAsync(assignment)
      .then(() => void message.success(t('rotation:plan.removed', { name: assignment.teacher_name })))
      .catch((error: unknown) => setProblem(errorText(error, t)));
  };

  const onSubmit = () => {
    setProblem(null);
    void modal.confirm({
      title: t('rotation:plan.submitConfirm', { county: data.county.name, year: data.year }),
      content:
        short.length > 0 ? (
          <div data-testid="submit-warnings">
            <Typography.Paragraph style={{ marginBottom: 4 }}>{t('rotation:plan.submitShort')}</Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20, margin: 0 }}>
              {short.map((item) => (
                <li key={item.key}>
                  {item.key === 'target'
                    ? t('rotation:plan.shortTarget', { planned: item.planned, target: item.target, share: item.share })
                    : t('rotation:plan.shortBackbone', { planned: item.planned, target: item.target, share: item.share })}
                </li>
              ))}
            </ul>
          </div>
        ) : undefined,
      okText: data.state === 'returned' ? t('rotation:plan.resubmit') : t('rotation:plan.submit'),
      cancelText: t('common:actions.cancel'),
      okButtonProps: { 'data-testid': 'submit-confirm' },
      onOk: () =>
        submit
          .mutateAsync(data.id)
          .then(() => void message.success(t('rotation:plan.submitted')))
          .catch((error: unknown) => setProblem(errorText(error, t))),
    });
  };

  const columns: TableColumnsType<Assignment> = [
    ...assignmentColumns(t, { flow: true }),
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('rotation:plan.columns.actions'),
            width: 70,
            render: (_: unknown, row: Assignment) => (
              <Popconfirm
                title={t('rotation:plan.removeConfirm', { name: row.teacher_name })}
                onConfirm={() => onRemove(row)}
                okText={t('rotation:plan.remove')}
                cancelText={t('common:actions.cancel')}
              >
                <Button type="link" danger size="small" data-testid="assignment-remove">
                  {t('rotation:plan.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const isOwn = data.county.code === user.organisation.code;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-page">
      <Card
        title={
          <Space wrap>
            <Link to="/rotation/plans" aria-label={t('rotation:plan.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="plan-title">{title}</span>
            <PlanStateTag state={data.state} />
          </Space>
        }
        extra={
          <Space wrap>
            {data.submission !== null && <Link to={`/reviews/${String(data.submission)}`}>{t('rotation:plan.review')}</Link>}
            {editable && (
              <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} onClick={onSubmit} data-testid="plan-submit">
                {data.state === 'returned' ? t('rotation:plan.resubmit') : t('rotation:plan.submit')}
              </Button>
            )}
          </Space>
        }
      >
        {data.note && <Typography.Paragraph>{data.note}</Typography.Paragraph>}
        {data.state === 'returned' && editable && (
          <Alert type="warning" showIcon title={t('rotation:plan.returnedHint')} style={{ marginBottom: 16 }} />
        )}
        {!editable && !isOwn && (
          <Alert type="info" showIcon title={t('rotation:plan.readOnly', { county: data.county.name })} style={{ marginBottom: 16 }} />
        )}
        {!editable && isOwn && !EDITABLE_STATES.includes(data.state) && (
          <Alert
            type="info"
            showIcon
            title={t('rotation:plan.locked', { state: t(`rotation:planStates.${data.state}`) })}
            style={{ marginBottom: 16 }}
            data-testid="plan-locked"
          />
        )}
        {problem && (
          <Alert type="error" showIcon closable={{ onClose: () => setProblem(null) }} title={problem} style={{ marginBottom: 16 }} data-testid="plan-error" />
        )}
        <PlanGauges figures={data.figures} />
      </Card>
      <Card
        title={t('rotation:plan.assignments')}
        extra={
          editable && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="assignment-add">
              {t('rotation:plan.add')}
            </Button>
          )
        }
      >
        {assignments.isError && <Alert type="error" showIcon title={assignments.error.message} style={{ marginBottom: 16 }} />}
        <Table<Assignment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={assignments.isPending}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 1060 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={editable ? t('rotation:plan.emptyEdit') : t('rotation:plan.empty')} />,
          }}
          data-testid="assignments-table"
        />
        {editable && rows.length > 0 && (
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('rotation:people', { count: rows.length })}</Typography.Text>
          </Flex>
        )}
      </Card>
      {adding && <AssignmentFormDrawer plan={data} onClose={() => setAdding(false)} />}
    </Space>
  );
}
