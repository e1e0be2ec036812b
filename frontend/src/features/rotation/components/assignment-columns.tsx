import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';

import type { Assignment } from '@/features/rotation/api/rotation-api';
import { AssignmentStateTag } from '@/features/rotation/components/rotation-tags';

/**
 * The columns an assignment shows wherever it is listed (the plan editor, 轮岗人员): the teacher by name and number
 * linking to the archive, the schools, the kind, whether the relation moves, the 教师流动类别 (when `flow`), the
 * dates and the state — all by name.
 */
export function assignmentColumns(t: TFunction<['rotation', 'common']>, { flow }: { flow: boolean }): TableColumnsType<Assignment> {
  return [
    {
      key: 'teacher',
      title: t('rotation:plan.columns.teacher'),
      render: (_, row) => (
        <div>
          <Space size={4}>
            <Link to={`/teachers/${String(row.teacher)}`} data-testid="assignment-teacher-link">
              {row.teacher_name}
            </Link>
            {row.backbone && <Tag color="gold">{t('rotation:eligible.columns.backbone')}</Tag>}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.teacher_no}
            </Typography.Text>
          </div>
        </div>
      ),
      fixed: 'left',
      width: 150,
    },
    { key: 'from', title: t('rotation:plan.columns.from'), render: (_, row) => row.from_school.name, width: 160 },
    { key: 'to', title: t('rotation:plan.columns.to'), render: (_, row) => row.to_school.name, width: 160 },
    { key: 'type', title: t('rotation:plan.columns.type'), dataIndex: 'rotation_type_name', width: 80 },
    {
      key: 'transfers',
      title: t('rotation:plan.columns.transfers'),
      render: (_, row) => (row.transfers_relation ? t('common:status.yes') : t('common:status.no')),
      width: 90,
    },
    ...(flow
      ? [{ key: 'flow', title: t('rotation:plan.columns.flow'), dataIndex: 'flow_category_name', ellipsis: true, width: 150 }]
      : []),
    {
      key: 'dates',
      title: t('rotation:plan.columns.dates'),
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {row.start_date}
          <br />
          {t('rotation:plan.datesEnd', { end: row.end_date })}
        </span>
      ),
      width: 120,
    },
    { key: 'state', title: t('rotation:plan.columns.state'), render: (_, row) => <AssignmentStateTag state={row.state} />, width: 80 },
  ];
}
