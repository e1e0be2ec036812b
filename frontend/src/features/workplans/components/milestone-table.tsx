import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';

import '@/features/workplans/workplans.css';
import { RowActions } from '@/components/row-actions';
import { useDeleteMilestone, useUpdateMilestone, type Milestone } from '@/features/workplans/api/workplans-api';
import { STATUS_COLOURS, milestoneStatus } from '@/features/workplans/utils/milestones';
import { ApiError } from '@/lib/api-error';

interface MilestoneTableProps {
  milestones: Milestone[];
  today: string;
  editable: boolean;
  onEdit: (milestone: Milestone) => void;
}

/** A plan's milestones: overdue ones tagged red with the days overdue; the owner's administrators mark one done. */
export function MilestoneTable({ milestones, today, editable, onEdit }: MilestoneTableProps) {
  const { t } = useTranslation(['workplans', 'common']);
  const { message } = App.useApp();
  const update = useUpdateMilestone();
  const remove = useDeleteMilestone();

  const failed = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : t('common:errors.generic'));

  const markDone = (milestone: Milestone) =>
    update
      .mutateAsync({ milestone, body: { done_date: today } })
      .then(() => void message.success(t('workplans:milestones.markedDone', { title: milestone.title })))
      .catch(failed);

  const columns: ColumnsType<Milestone> = [
    { key: 'title', title: t('workplans:milestones.name'), dataIndex: 'title' },
    { key: 'owner', title: t('workplans:milestones.owner'), dataIndex: 'owner', responsive: ['lg'] },
    { key: 'due', title: t('workplans:milestones.dueDate'), dataIndex: 'due_date', width: 110 },
    {
      key: 'done',
      title: t('workplans:milestones.doneDate'),
      width: 110,
      render: (_, row) => row.done_date ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'status',
      title: t('workplans:milestones.status'),
      width: 170,
      render: (_, row) => {
        const status = milestoneStatus(row, today);
        return (
          <Space size={4} wrap>
            <Tag color={STATUS_COLOURS[status]} data-testid={`milestone-status-${row.id}`} data-status={status}>
              {t(`workplans:milestones.statuses.${status}`)}
            </Tag>
            {status === 'overdue' && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('workplans:milestones.daysOverdue', { days: row.days_overdue ?? 0 })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('workplans:milestones.actions'),
      render: (_, row) => (
        <Space size={0} wrap>
          {!row.done_date && (
            <Button
              type="link"
              size="small"
              icon={<CheckOutlined />}
              disabled={update.isPending}
              onClick={() => void markDone(row)}
            >
              {t('workplans:milestones.markDone')}
            </Button>
          )}
          <RowActions
            onEdit={() => onEdit(row)}
            onRemove={() =>
              remove
                .mutateAsync(row)
                .then(() => void message.success(t('workplans:milestones.deleted')))
                .catch(failed)
            }
            removeConfirm={t('workplans:milestones.deleteConfirm', { title: row.title })}
            removeLabel={t('workplans:milestones.delete')}
          />
        </Space>
      ),
    });
  }
  return (
    <Table<Milestone>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={milestones}
      pagination={false}
      locale={{ emptyText: t('workplans:milestones.empty') }}
      rowClassName={(row) => (milestoneStatus(row, today) === 'overdue' ? 'milestone-overdue' : '')}
      data-testid="milestone-table"
      scroll={{ x: 'max-content' }}
    />
  );
}
