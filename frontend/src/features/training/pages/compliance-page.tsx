import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Progress, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { FigureCard } from '@/components/figure-card';
import { OrgTrail } from '@/components/org-trail';
import { downloadSchoolList, useCompliance, useRules, type ComplianceRow } from '@/features/training/api/training-api';
import {
  chartHeight,
  complianceChartOption,
  cycleOptions,
  formatCount,
  formatRate,
  selectedIndex,
} from '@/features/training/utils/training';
import { useCurrentUser } from '@/lib/auth/session';

// echarts (some 300 KB) downloads with the chart, after the figures have shown.
const EChart = lazy(() => import('@/components/echart'));

const DEFAULT_CYCLE = { cycle_start_year: 2021, cycle_years: 5 };

/**
 * 学时达标: one organisation's teachers in one cycle (compliant, on track, behind) and each child's, as figures, a
 * stacked bar chart and a table; a click on a child drills down (the URL keeps `?org=&cycle=`). A school's list of
 * teachers downloads as Excel.
 */
export function CompliancePage() {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const rules = useRules(user.organisation.province_code);
  const cycles = useMemo(() => cycleOptions(rules.data ?? DEFAULT_CYCLE, new Date().getFullYear()), [rules.data]);
  const cycle = params.get('cycle') ?? undefined;
  const report = useCompliance(org, cycle);
  const [downloading, setDownloading] = useState(false);

  const link = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('org', code);
    else next.delete('org');
    const query = next.toString();
    return query ? `?${query}` : '?';
  };
  const drill = (code: string) => setParams((current) => {
    const next = new URLSearchParams(current);
    next.set('org', code);
    return next;
  });
  const setCycle = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('cycle', value);
      return next;
    });

  const data = report.data;
  const own = data?.organisation;
  const isSchool = own?.organisation.level === 'school';
  const children = useMemo(() => data?.children ?? [], [data]);
  const bars = useMemo(
    () => children.map((row) => ({ name: row.organisation.name, compliant: row.compliant, on_track: row.on_track, behind: row.behind })),
    [children],
  );
  const option = useMemo(
    () =>
      complianceChartOption(bars, {
        compliant: t('training:compliance.compliant'),
        on_track: t('training:compliance.onTrack'),
        behind: t('training:compliance.behind'),
      }),
    [bars, t],
  );

  const download = () => {
    if (!data) return;
    setDownloading(true);
    downloadSchoolList(data.organisation.organisation.code, data.cycle)
      .then((name) => void message.success(t('training:compliance.downloaded', { name })))
      .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)))
      .finally(() => setDownloading(false));
  };

  const columns: TableColumnsType<ComplianceRow> = [
    {
      key: 'org',
      title: t('training:compliance.organisation'),
      render: (_, row) => (
        <Link to={link(row.organisation.code)} data-testid="compliance-child">
          {row.organisation.name}
        </Link>
      ),
      fixed: 'left',
      width: 200,
    },
    { key: 'teachers', title: t('training:compliance.teachers'), render: (_, row) => formatCount(row.teachers), align: 'right', width: 80 },
    { key: 'with', title: t('training:compliance.withHours'), render: (_, row) => formatCount(row.with_hours), align: 'right', width: 90 },
    { key: 'compliant', title: t('training:compliance.compliant'), render: (_, row) => formatCount(row.compliant), align: 'right', width: 80 },
    { key: 'track', title: t('training:compliance.onTrack'), render: (_, row) => formatCount(row.on_track), align: 'right', width: 80 },
    { key: 'behind', title: t('training:compliance.behind'), render: (_, row) => formatCount(row.behind), align: 'right', width: 80 },
    { key: 'rate', title: t('training:compliance.rate'), render: (_, row) => formatRate(row.compliant, row.teachers), align: 'right', width: 80 },
    { key: 'counted', title: t('training:compliance.counted'), render: (_, row) => formatCount(row.counted), align: 'right', width: 90 },
    { key: 'credits', title: t('training:compliance.credits'), dataIndex: 'credits', align: 'right', width: 90 },
  ];

  return (
    <Card title={t('training:compliance.title')}>
      <Typography.Paragraph type="secondary">{t('training:compliance.hint')}</Typography.Paragraph>
      <Flex wrap align="center" gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Space wrap size="middle" align="center">
          <Space size="small">
            <Typography.Text type="secondary">{t('training:compliance.cycle')}</Typography.Text>
            <Select
              aria-label={t('training:compliance.cycle')}
              value={cycle ?? data?.cycle ?? cycles[0]}
              onChange={setCycle}
              options={cycles.map((value) => ({ value, label: value }))}
              style={{ minWidth: 130 }}
              data-testid="compliance-cycle"
            />
          </Space>
          {own && (
            <Space size="small">
              <Typography.Text type="secondary">{t('training:compliance.organisation')}</Typography.Text>
              <OrgTrail testId="compliance-trail" shown={own.organisation} link={link} />
            </Space>
          )}
        </Space>
        {isSchool && (
          <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={download} data-testid="compliance-download">
            {t('training:compliance.download')}
          </Button>
        )}
      </Flex>
      {report.isError && <Alert type="error" showIcon title={report.error.message} style={{ marginBottom: 16 }} />}
      {report.isPending && <Skeleton active />}
      {data && own && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              t('training:compliance.required', { hours: data.required_hours }),
              t('training:compliance.pace', { rate: formatRate(Number(data.pace), 1) }),
              data.as_of ? t('training:compliance.asOf', { date: data.as_of }) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          <Row gutter={[16, 16]} data-testid="compliance-figures">
            <Col xs={12} lg={6}>
              <FigureCard
                testId="compliance-teachers"
                title={t('training:compliance.teachers')}
                value={own.teachers}
                note={`${t('training:compliance.withHours')} ${formatCount(own.with_hours)}`}
              />
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title={t('training:compliance.rate')} value={formatRate(own.compliant, own.teachers)} data-testid="compliance-rate" />
                <Progress
                  percent={own.teachers > 0 ? Math.round((own.compliant / own.teachers) * 1000) / 10 : 0}
                  success={{ percent: own.teachers > 0 ? Math.round((own.compliant / own.teachers) * 1000) / 10 : 0 }}
                  showInfo={false}
                  size="small"
                  aria-hidden
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('training:compliance.compliant')} {formatCount(own.compliant)}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <FigureCard
                testId="compliance-track"
                title={t('training:compliance.onTrack')}
                value={own.on_track}
                note={`${t('training:compliance.behind')} ${formatCount(own.behind)}`}
              />
            </Col>
            <Col xs={12} lg={6}>
              <FigureCard
                testId="compliance-hours"
                title={t('training:compliance.counted')}
                value={own.counted}
                note={`${t('training:compliance.credits')} ${own.credits}`}
              />
            </Col>
          </Row>
          {isSchool ? (
            <Alert type="info" showIcon title={t('training:compliance.schoolHint')} />
          ) : (
            <Card
              size="small"
              title={t('training:compliance.chart')}
              data-testid="compliance-chart-card"
            >
              {children.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training:compliance.empty')} />
              ) : (
                <Suspense fallback={<Skeleton active />}>
                  <EChart
                    option={option}
                    height={chartHeight(bars.length)}
                    label={t('training:compliance.chartLabel', { org: own.organisation.name })}
                    testId="compliance-chart"
                    onSelect={(target) => {
                      const row = children[selectedIndex(target, bars)];
                      if (row) drill(row.organisation.code);
                    }}
                  />
                </Suspense>
              )}
            </Card>
          )}
          {!isSchool && children.length > 0 && (
            <Table<ComplianceRow>
              rowKey={(row) => row.organisation.code}
              size="small"
              columns={columns}
              dataSource={children}
              pagination={false}
              scroll={{ x: 870 }}
              data-testid="compliance-table"
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('training:compliance.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{formatCount(own.teachers)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{formatCount(own.with_hours)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{formatCount(own.compliant)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{formatCount(own.on_track)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{formatCount(own.behind)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{formatRate(own.compliant, own.teachers)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{formatCount(own.counted)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">{own.credits}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
