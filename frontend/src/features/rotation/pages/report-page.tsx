import { Alert, Card, Col, Empty, Flex, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { FigureCard } from '@/components/figure-card';
import { OrgTrail } from '@/components/org-trail';
import {
  schoolYear,
  useFlows,
  useTargets,
  type RotationFlowRow,
  type RotationTargetRow,
} from '@/features/rotation/api/rotation-api';
import { YearSelect, yearParam } from '@/features/rotation/components/year-select';
import {
  chartHeight,
  flowsChartOption,
  formatCount,
  formatShare,
  percentOf,
  selectedChild,
  shortNames,
  targetsChartOption,
} from '@/features/rotation/utils/rotation';

// echarts downloads with the first chart, after the figures have shown.
const EChart = lazy(() => import('@/components/echart'));

/** Whether the targets are met; a dash where there is nothing to meet (no eligible teachers, nothing planned). */
function MetTag({ row }: { row: RotationTargetRow }) {
  const { t } = useTranslation('rotation');
  if (row.target === 0 && row.backbone_target === 0 && row.planned === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={row.met ? 'green' : 'orange'}>{row.met ? t('report.metYes') : t('report.metNo')}</Tag>;
}

type View = 'chart' | 'table';

/** A pie of the year's approved rotations by one grouping, or its table. */
function FlowCard({ title, rows, testId }: { title: string; rows: readonly RotationFlowRow[]; testId: string }) {
  const { t } = useTranslation('rotation');
  const [view, setView] = useState<View>('chart');
  const option = useMemo(() => flowsChartOption(rows), [rows]);
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'chart', label: t('report.showChart') },
            { value: 'table', label: t('report.showTable') },
          ]}
        />
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.noFlows')} />
      ) : view === 'chart' ? (
        <Suspense fallback={<Skeleton active />}>
          <EChart option={option} height={280} label={t('report.flowLabel', { what: title })} testId={`${testId}-chart`} />
        </Suspense>
      ) : (
        <Table<RotationFlowRow>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={[...rows]}
          columns={[
            { key: 'name', title: t('report.name'), dataIndex: 'name' },
            { key: 'count', title: t('report.count'), render: (_, row) => formatCount(row.count), align: 'right', width: 80 },
          ]}
        />
      )}
    </Card>
  );
}

/**
 * 轮岗统计: one organisation's rotation in a school year — eligible teachers, the targets, the approved plans'
 * teachers (planned, in progress, completed) and those in plans under review — and each child's, as figures, bars
 * against the target and a table; a click on a child drills down (the URL keeps `?org=&year=`). Below, the year's
 * rotations by 教师流动类别 and by 交流轮岗类型.
 */
export function ReportPage() {
  const { t } = useTranslation(['rotation', 'common']);
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const year = yearParam(params, schoolYear());
  const report = useTargets(org, year);
  const flows = useFlows(org, year);

  const link = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('org', code);
    else next.delete('org');
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  const setParam = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(key, value);
      return next;
    });

  const data = report.data;
  const own = data?.organisation;
  const children = useMemo(() => data?.children ?? [], [data]);
  const canDrill = (row: RotationTargetRow) => row.organisation.level !== 'school';
  const bars = useMemo(() => {
    const names = shortNames(children.map((row) => row.organisation.name));
    return children.map((row, index) => ({ name: names[index] ?? row.organisation.name, planned: row.planned, proposed: row.proposed, target: row.target }));
  }, [children]);
  const option = useMemo(
    () => targetsChartOption(bars, { planned: t('rotation:report.planned'), proposed: t('rotation:report.proposed'), target: t('rotation:report.target') }),
    [bars, t],
  );
  const aboveCounty = own ? ['central', 'province', 'city'].includes(own.organisation.level) : false;

  const columns: TableColumnsType<RotationTargetRow> = [
    {
      key: 'org',
      title: t('rotation:organisation'),
      render: (_, row) =>
        canDrill(row) ? (
          <Link to={link(row.organisation.code)} data-testid="rotation-child">
            {row.organisation.name}
          </Link>
        ) : (
          row.organisation.name
        ),
      fixed: 'left',
      width: 200,
    },
    { key: 'eligible', title: t('rotation:report.eligible'), render: (_, row) => formatCount(row.eligible), align: 'right', width: 90 },
    { key: 'target', title: t('rotation:report.target'), render: (_, row) => formatCount(row.target), align: 'right', width: 90 },
    { key: 'planned', title: t('rotation:report.planned'), render: (_, row) => formatCount(row.planned), align: 'right', width: 80 },
    {
      key: 'backbone',
      title: t('rotation:report.backbone'),
      render: (_, row) => t('rotation:report.backboneValue', { planned: row.planned_backbone, target: row.backbone_target }),
      align: 'right',
      width: 90,
    },
    { key: 'started', title: t('rotation:report.started'), render: (_, row) => formatCount(row.started), align: 'right', width: 80 },
    { key: 'completed', title: t('rotation:report.completed'), render: (_, row) => formatCount(row.completed), align: 'right', width: 80 },
    { key: 'proposed', title: t('rotation:report.proposed'), render: (_, row) => formatCount(row.proposed), align: 'right', width: 100 },
    {
      key: 'met',
      title: t('rotation:report.met'),
      render: (_, row) => <MetTag row={row} />,
      width: 80,
    },
  ];

  return (
    <Card title={t('rotation:report.title')}>
      <Typography.Paragraph type="secondary">{t('rotation:report.hint')}</Typography.Paragraph>
      <Flex wrap align="center" gap={12} style={{ marginBottom: 16 }}>
        <YearSelect value={year} onChange={(value) => setParam('year', String(value))} />
        {own && (
          <Space size="small">
            <Typography.Text type="secondary">{t('rotation:organisation')}</Typography.Text>
            <OrgTrail testId="rotation-trail" shown={own.organisation} link={link} />
          </Space>
        )}
      </Flex>
      {report.isError && <Alert type="error" showIcon title={report.error.message} style={{ marginBottom: 16 }} />}
      {report.isPending && <Skeleton active />}
      {data && own && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              `${t('rotation:report.target')} ${formatShare(data.target_share)} · ${t('rotation:report.backbone')} ${formatShare(data.backbone_share)}`,
              data.as_of ? t('rotation:asOf', { time: dayjs(data.as_of).format('YYYY-MM-DD HH:mm') }) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {!data.as_of && <Alert type="info" showIcon title={t('rotation:notCounted')} data-testid="rotation-not-counted" />}
          <Row gutter={[16, 16]} data-testid="rotation-figures">
            <Col xs={12} lg={6}>
              <FigureCard testId="rotation-eligible" title={t('rotation:report.eligible')} value={own.eligible} note={`${t('rotation:report.target')} ${formatCount(own.target)}`} />
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t('rotation:report.planned')}
                  value={`${formatCount(own.planned)} / ${formatCount(own.target)}`}
                  data-testid="rotation-planned"
                />
                <Progress percent={percentOf(own.planned, own.target)} showInfo={false} size="small" status={own.met ? 'success' : 'normal'} aria-hidden />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('rotation:report.backbone')} {t('rotation:report.backboneValue', { planned: own.planned_backbone, target: own.backbone_target })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <FigureCard
                testId="rotation-started"
                title={t('rotation:report.started')}
                value={own.started}
                note={`${t('rotation:report.completed')} ${formatCount(own.completed)} · ${t('rotation:report.proposed')} ${formatCount(own.proposed)}`}
              />
            </Col>
            <Col xs={12} lg={6}>
              {aboveCounty ? (
                <FigureCard
                  testId="rotation-counties"
                  title={t('rotation:report.counties')}
                  value={t('rotation:report.countiesValue', { met: own.counties_met, all: own.counties })}
                />
              ) : (
                <FigureCard
                  testId="rotation-met"
                  title={t('rotation:report.met')}
                  value={own.met ? t('rotation:report.metYes') : t('rotation:report.metNo')}
                />
              )}
            </Col>
          </Row>
          <Card size="small" title={t('rotation:report.chart')} data-testid="rotation-chart-card">
            {children.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rotation:report.noChildren')} />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <EChart
                  option={option}
                  height={chartHeight(bars.length)}
                  label={t('rotation:report.chartLabel', { org: own.organisation.name })}
                  testId="rotation-chart"
                  onSelect={(target) => {
                    const row = children[selectedChild(target, bars)];
                    if (row && canDrill(row)) setParam('org', row.organisation.code);
                  }}
                />
              </Suspense>
            )}
          </Card>
          {children.length > 0 && (
            <Table<RotationTargetRow>
              rowKey={(row) => row.organisation.code}
              size="small"
              columns={columns}
              dataSource={children}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="rotation-table"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('rotation:report.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{formatCount(own.eligible)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{formatCount(own.target)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{formatCount(own.planned)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {t('rotation:report.backboneValue', { planned: own.planned_backbone, target: own.backbone_target })}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{formatCount(own.started)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{formatCount(own.completed)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{formatCount(own.proposed)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8}>
                    <MetTag row={own} />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('rotation:report.flows')}
          </Typography.Title>
          {flows.isError && <Alert type="error" showIcon title={flows.error.message} />}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <FlowCard title={t('rotation:report.byFlow')} rows={flows.data?.by_flow ?? []} testId="rotation-by-flow" />
            </Col>
            <Col xs={24} lg={12}>
              <FlowCard title={t('rotation:report.byType')} rows={flows.data?.by_type ?? []} testId="rotation-by-type" />
            </Col>
          </Row>
        </Space>
      )}
    </Card>
  );
}
