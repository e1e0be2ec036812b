import { Button, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import {
  downloadChildrenXlsx,
  useChildrenSummary,
  type ReportScope,
} from '@/features/dashboard/api/get-reports';
import { ChartCard, type ChartState } from '@/features/dashboard/components/chart-card';
import { barHeight, childrenOption, formatCount } from '@/features/dashboard/utils/chart-options';
import { childBarsOf, formatRate, type ChildFigure } from '@/features/dashboard/utils/report-shaping';

/** The chart shows the largest children; the list beside it has them all. */
const CHART_LIMIT = 20;
const BY = 'record_state';

interface ChildrenRankingProps {
  scope: ReportScope;
  orgName: string;
  /** Opens a child's dashboard; a school opens its teacher list instead (the charts stop at the county). */
  onDrill: (code: string) => void;
}

/** 下级单位排名: each child's teachers by record state, largest first; a bar or a name drills down to the child. */
export function ChildrenRanking({ scope, orgName, onDrill }: ChildrenRankingProps) {
  const { t } = useTranslation('dashboard');
  const query = useChildrenSummary({ ...scope, by: BY });
  // With a kind of school chosen, the units without any (schools of other kinds, counties without one) are left out.
  const filtered = scope.schoolType !== undefined;
  const bars = useMemo(
    () => (query.data ? childBarsOf(query.data.children.filter((child) => !filtered || child.total > 0)) : undefined),
    [query.data, filtered],
  );
  const shown = useMemo(() => (bars ? { ...bars, children: bars.children.slice(0, CHART_LIMIT) } : undefined), [bars]);
  const approvedLabel = t('reports.rate');
  const drillable = (child: ChildFigure | undefined) => child !== undefined && child.level !== 'school';
  const canDrill = bars?.children.some(drillable) ?? false;
  const hasSchools = bars?.children.some((child) => child.level === 'school') ?? false;
  const option = useMemo(
    () => (shown ? childrenOption(shown, approvedLabel, canDrill) : undefined),
    [shown, approvedLabel, canDrill],
  );
  const title = t('reports.children');

  let state: ChartState;
  if (query.isError) state = { kind: 'error', message: query.error.message };
  else if (!bars) state = { kind: 'loading' };
  else state = bars.children.every((child) => child.total === 0) ? { kind: 'empty' } : { kind: 'ready' };

  const select = (target: number | string) => {
    const child =
      typeof target === 'number' ? shown?.children[target] : shown?.children.find((item) => item.name === target);
    if (child && drillable(child)) onDrill(child.code);
  };
  const summary = (shown?.children ?? [])
    .slice(0, 5)
    .map((child) => `${child.name} ${formatCount(child.total)} (${formatRate(child.rate)})`)
    .join(', ');

  const list = (
    <Table<ChildFigure>
      size="small"
      rowKey="code"
      data-testid="children-list"
      aria-label={t('reports.childrenList')}
      dataSource={bars?.children ?? []}
      pagination={(bars?.children.length ?? 0) > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      columns={[
        {
          title: t('reports.unit'),
          dataIndex: 'name',
          render: (name: string, child) =>
            drillable(child) ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => onDrill(child.code)}
                data-testid={`drill-${child.code}`}
              >
                {name}
              </Button>
            ) : child.level === 'school' ? (
              <Link to={`/teachers?org=${encodeURIComponent(child.code)}`} data-testid={`teachers-of-${child.code}`}>
                {name}
              </Link>
            ) : (
              <Typography.Text>{name}</Typography.Text>
            ),
        },
        { title: t('reports.total'), dataIndex: 'total', align: 'right', render: (n: number) => formatCount(n) },
        {
          title: t('reports.approved'),
          dataIndex: 'approved',
          align: 'right',
          responsive: ['sm'],
          render: (n: number) => formatCount(n),
        },
        { title: t('reports.rate'), dataIndex: 'rate', align: 'right', render: (rate: number | null) => formatRate(rate) },
      ]}
    />
  );

  return (
    <ChartCard
      title={title}
      hint={
        <>
          {t('reports.childrenHint')}
          {canDrill && `${t('reports.sep')}${t('reports.childrenDrill')}`}
          {hasSchools && `${t('reports.sep')}${t('reports.childrenTeachers')}`}
          {(bars?.children.length ?? 0) > CHART_LIMIT && `${t('reports.sep')}${t('reports.childrenTop', { count: CHART_LIMIT })}`}
        </>
      }
      testId="chart-children"
      state={state}
      option={option}
      height={barHeight(shown?.children.length ?? 5)}
      label={t('reports.chartLabel', { title, summary })}
      aside={state.kind === 'ready' ? list : undefined}
      imageName={`${orgName}-${title}`}
      onDownloadData={() => downloadChildrenXlsx({ ...scope, by: BY })}
      onSelect={canDrill ? select : undefined}
    />
  );
}
