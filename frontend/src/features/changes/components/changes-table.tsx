import { Empty, Grid, List, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { LoadMore } from '@/components/load-more';
import type { Change } from '@/features/changes/api/changes-api';
import { ChangeKindTag, ChangeStateTag } from '@/features/changes/components/change-tags';
import { PERSONNEL_STATUS, STAFF_CURRENT_STATUS, useCodeName } from '@/features/changes/components/use-code-name';
import { archiveVisible, isTwoSided, placeName } from '@/features/changes/utils/changes';

interface ChangesTableProps {
  rows: Change[];
  loading: boolean;
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  empty: ReactNode;
  /** Leave out the name and number columns (one archive's 变动 tab). */
  oneTeacher?: boolean;
  testId?: string;
}

/** From → to: the province is named when the two sides are in different provinces. */
function Route({ change }: { change: Change }) {
  if (!isTwoSided(change)) return <>{change.from_school_name}</>;
  const to = change.to_school_name ?? '';
  return (
    <>
      {placeName(change.from_school_name, change.from_province_name, change.to_province_name)}
      {' → '}
      {placeName(to, change.to_province_name, change.from_province_name)}
    </>
  );
}

/** A list of changes: a table on wide screens, cards below 768 px (like the other lists). */
export function ChangesTable({ rows, loading, pages, empty, oneTeacher = false, testId = 'changes-table' }: ChangesTableProps) {
  const { t } = useTranslation('changes');
  const narrow = !Grid.useBreakpoint().md;
  const personnel = useCodeName(PERSONNEL_STATUS);
  const staff = useCodeName(STAFF_CURRENT_STATUS);
  const statusOf = (change: Change) => personnel.name(change.personnel_status) || staff.name(change.employment_status);
  const nameOf = (change: Change) =>
    archiveVisible(change) ? <Link to={`/teachers/${String(change.teacher)}`}>{change.name}</Link> : change.name;
  const dates = (change: Change) =>
    change.end_date ? `${change.effective_date} ${t('endDate', { date: change.end_date })}` : change.effective_date;
  // The state the change sets, unless it only repeats the kind (退休 sets 教职工当前状态 退休).
  const kind = (change: Change) => {
    const status = statusOf(change);
    return (
      <Space size={4} wrap>
        <ChangeKindTag kind={change.kind} name={change.kind_name} />
        {status && status !== change.kind_name && <Typography.Text type="secondary">{status}</Typography.Text>}
      </Space>
    );
  };
  const emptyNode = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;

  const columns: TableColumnsType<Change> = [
    ...(oneTeacher
      ? []
      : [
          { title: t('columns.name'), key: 'name', width: 90, ellipsis: true, render: (_: unknown, change: Change) => nameOf(change) },
          { title: t('columns.teacherNo'), dataIndex: 'teacher_no', key: 'teacher_no', width: 160 },
        ]),
    { title: t('columns.kind'), key: 'kind', width: 150, render: (_, change) => kind(change) },
    { title: t('columns.route'), key: 'route', ellipsis: true, render: (_, change) => <Route change={change} /> },
    { title: t('columns.effectiveDate'), key: 'date', width: 120, render: (_, change) => dates(change) },
    { title: t('columns.state'), key: 'state', width: 90, render: (_, change) => <ChangeStateTag state={change.state} /> },
    { title: t('columns.deciding'), key: 'deciding', width: 190, ellipsis: true, render: (_, change) => change.current_org_name ?? '—' },
  ];

  return (
    <>
      {narrow ? (
        <List<Change>
          data-testid={`${testId}-cards`}
          dataSource={rows}
          loading={loading}
          locale={{ emptyText: emptyNode }}
          renderItem={(change) => (
            <List.Item key={change.id} extra={<ChangeStateTag state={change.state} />}>
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {nameOf(change)}
                    <Typography.Text type="secondary">{change.teacher_no}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>{kind(change)}</div>
                    <div>
                      <Route change={change} />
                    </div>
                    <div>
                      {dates(change)}
                      {change.current_org_name && ` · ${t('columns.deciding')} ${change.current_org_name}`}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Change>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          tableLayout="fixed"
          data-testid={testId}
          locale={{ emptyText: emptyNode }}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={pages} shown={rows.length} />
      </div>
    </>
  );
}
