import { Col, Row, Table } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import {
  downloadSummaryXlsx,
  useSummary,
  type ReportScope,
  type Summary,
} from '@/features/dashboard/api/get-reports';
import { ChartCard, type ChartState } from '@/features/dashboard/components/chart-card';
import { barHeight, barOption, formatCount, pieOption, pyramidOption } from '@/features/dashboard/utils/chart-options';
import {
  describeSlices,
  formatRate,
  orderedSlices,
  pyramidOf,
  rankedSlices,
  shareOf,
  topSlices,
  type Slice,
} from '@/features/dashboard/utils/report-shaping';

const TITLE_LIMIT = 10;

export function stateOf(query: UseQueryResult<Summary>, empty: boolean): ChartState {
  if (query.isError) return { kind: 'error', message: query.error.message };
  if (!query.data) return { kind: 'loading' };
  return empty ? { kind: 'empty' } : { kind: 'ready' };
}

function SliceTable({ slices, total }: { slices: readonly Slice[]; total: number }) {
  const { t } = useTranslation('dashboard');
  return (
    <Table<Slice>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={[...slices]}
      columns={[
        { title: t('reports.name'), dataIndex: 'name' },
        { title: t('reports.count'), dataIndex: 'count', align: 'right', render: (count: number) => formatCount(count) },
        { title: t('reports.share'), key: 'share', align: 'right', render: (_, slice) => formatRate(shareOf(slice.count, total)) },
      ]}
    />
  );
}

interface SliceChartProps {
  scope: ReportScope;
  by: string;
  title: string;
  testId: string;
  orgName: string;
  kind: 'bar' | 'pie';
  shape: (summary: Summary) => Slice[];
  hint?: string;
}

/** One dimension as bars or a ring, with its table view and downloads. */
function SliceChart({ scope, by, title, testId, orgName, kind, shape, hint }: SliceChartProps) {
  const { t } = useTranslation('dashboard');
  const query = useSummary({ ...scope, by });
  const countLabel = t('reports.count');
  // Shaped once per answer (the option's formatters are new functions: a new option would be drawn again).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const slices = useMemo(() => (query.data ? shape(query.data) : []), [query.data]);
  const total = query.data?.total ?? 0;
  const option = useMemo(
    () => (kind === 'pie' ? pieOption(slices, title) : barOption(slices, total, countLabel)),
    [kind, slices, title, total, countLabel],
  );
  const height = kind === 'pie' ? 260 : barHeight(slices.length);
  return (
    <ChartCard
      title={title}
      hint={slices.some((slice) => slice.code === '*') ? hint : undefined}
      testId={testId}
      state={stateOf(query, total === 0 || slices.length === 0)}
      option={option}
      height={height}
      label={t('reports.chartLabel', { title, summary: describeSlices(slices, total) })}
      table={<SliceTable slices={slices} total={total} />}
      imageName={`${orgName}-${title}`}
      onDownloadData={() => downloadSummaryXlsx({ ...scope, by })}
      narrow={kind === 'pie'}
    />
  );
}

/** 年龄结构（按性别）: the kept pair gender × age band. */
function PyramidChart({ scope, orgName }: { scope: ReportScope; orgName: string }) {
  const { t } = useTranslation('dashboard');
  const by = 'gender,age_band';
  const query = useSummary({ ...scope, by });
  const pyramid = useMemo(() => (query.data ? pyramidOf(query.data.rows) : undefined), [query.data]);
  const option = useMemo(() => (pyramid ? pyramidOption(pyramid) : undefined), [pyramid]);
  const title = t('reports.pyramid');
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const rows = pyramid
    ? pyramid.bands.map((band, index) => ({
        key: band.code,
        name: band.name,
        male: pyramid.male.counts[index] ?? 0,
        female: pyramid.female.counts[index] ?? 0,
      }))
    : [];
  return (
    <ChartCard
      title={title}
      hint={pyramid && pyramid.other > 0 ? t('reports.pyramidOther', { count: pyramid.other }) : undefined}
      testId="chart-pyramid"
      state={stateOf(query, !pyramid || pyramid.bands.length === 0)}
      option={option}
      height={barHeight(pyramid?.bands.length ?? 9, 260)}
      label={t('reports.pyramidLabel', {
        title,
        male: pyramid?.male.name ?? t('reports.male'),
        maleCount: sum(pyramid?.male.counts ?? []),
        female: pyramid?.female.name ?? t('reports.female'),
        femaleCount: sum(pyramid?.female.counts ?? []),
      })}
      table={
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('reports.ageBand'), dataIndex: 'name' },
            { title: pyramid?.male.name || t('reports.male'), dataIndex: 'male', align: 'right', render: (n: number) => formatCount(n) },
            { title: pyramid?.female.name || t('reports.female'), dataIndex: 'female', align: 'right', render: (n: number) => formatCount(n) },
          ]}
        />
      }
      imageName={`${orgName}-${title}`}
      onDownloadData={() => downloadSummaryXlsx({ ...scope, by })}
    />
  );
}

/** The structure of the scope's teachers: age and gender, education, title, ethnicity, urban or rural. */
export function StructureCharts({ scope, orgName }: { scope: ReportScope; orgName: string }) {
  const { t } = useTranslation('dashboard');
  return (
    <Row gutter={[16, 16]} data-testid="structure-charts">
      <Col xs={24} lg={12}>
        <PyramidChart scope={scope} orgName={orgName} />
      </Col>
      <Col xs={24} lg={12}>
        <SliceChart
          scope={scope}
          by="education"
          kind="bar"
          title={t('reports.education')}
          testId="chart-education"
          orgName={orgName}
          shape={(summary) => orderedSlices(summary.rows)}
        />
      </Col>
      <Col xs={24} lg={12}>
        <SliceChart
          scope={scope}
          by="title"
          kind="bar"
          title={t('reports.title')}
          testId="chart-title"
          orgName={orgName}
          hint={t('reports.titleHint', { count: TITLE_LIMIT - 1 })}
          shape={(summary) => topSlices(rankedSlices(summary.rows), TITLE_LIMIT, t('reports.others'))}
        />
      </Col>
      <Col xs={24} md={12} lg={6}>
        <SliceChart
          scope={scope}
          by="ethnicity"
          kind="pie"
          title={t('reports.ethnicity')}
          testId="chart-ethnicity"
          orgName={orgName}
          shape={(summary) => orderedSlices(summary.rows, ['han', 'minority'])}
        />
      </Col>
      <Col xs={24} md={12} lg={6}>
        <SliceChart
          scope={scope}
          by="urban_rural"
          kind="pie"
          title={t('reports.urbanRural')}
          testId="chart-urban-rural"
          orgName={orgName}
          shape={(summary) => orderedSlices(summary.rows)}
        />
      </Col>
    </Row>
  );
}
