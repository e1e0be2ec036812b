import { Alert, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { LoadMore } from '@/components/load-more';
import {
  ASSIGNMENT_STATES,
  schoolYear,
  useAssignments,
  type Assignment,
  type AssignmentState,
} from '@/features/rotation/api/rotation-api';
import { assignmentColumns } from '@/features/rotation/components/assignment-columns';
import { YearSelect, yearParam } from '@/features/rotation/components/year-select';
import { loadedRows } from '@/lib/cursor-pages';

type Side = 'all' | 'from' | 'to';

/**
 * 轮岗人员: the teachers sent out of and received into the user's organisation in a school year — a receiving school
 * sees who comes; each teacher links to the archive.
 */
export function AssignmentsPage() {
  const { t } = useTranslation(['rotation', 'common']);
  const [params, setParams] = useSearchParams();
  const year = yearParam(params, schoolYear());
  const sideParam = params.get('side');
  const side: Side = sideParam === 'from' || sideParam === 'to' ? sideParam : 'all';
  const [state, setState] = useState<AssignmentState | undefined>();
  const list = useAssignments({ year, state, side: side === 'all' ? undefined : side });
  const rows = loadedRows(list.data);

  const setParam = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const columns: TableColumnsType<Assignment> = [
    ...assignmentColumns(t, { flow: false }),
    {
      key: 'plan',
      title: t('rotation:assignments.plan'),
      render: (_, row) => (
        <Link to={`/rotation/plans/${String(row.plan)}`}>{t('rotation:assignments.planValue', { county: row.county_name, year: row.plan_year })}</Link>
      ),
      width: 140,
    },
  ];

  return (
    <Card title={t('rotation:assignments.title')}>
      <Typography.Paragraph type="secondary">{t('rotation:assignments.hint')}</Typography.Paragraph>
      <Flex wrap align="center" gap={12} style={{ marginBottom: 16 }}>
        <YearSelect value={year} onChange={(value) => setParam('year', String(value))} />
        <Segmented<Side>
          aria-label={t('rotation:assignments.side')}
          value={side}
          onChange={(value) => setParam('side', value === 'all' ? null : value)}
          options={(['all', 'from', 'to'] as const).map((value) => ({ value, label: t(`rotation:assignments.sides.${value}`) }))}
          data-testid="assignments-side"
        />
        <Select<AssignmentState>
          aria-label={t('rotation:assignments.state')}
          value={state}
          onChange={setState}
          allowClear
          placeholder={t('rotation:assignments.allStates')}
          options={ASSIGNMENT_STATES.map((value) => ({ value, label: t(`rotation:assignmentStates.${value}`) }))}
          style={{ width: 130 }}
        />
      </Flex>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <Table<Assignment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 1060 }}
        locale={{ emptyText: t('rotation:assignments.empty') }}
        data-testid="rotation-assignments-table"
      />
      <Flex justify="center" style={{ marginTop: 12 }}>
        <LoadMore pages={list} shown={rows.length} />
      </Flex>
    </Card>
  );
}
