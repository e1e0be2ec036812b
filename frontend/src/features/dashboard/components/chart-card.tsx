import { BarChartOutlined, DownloadOutlined, PictureOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Grid, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ChartInstance } from '@/components/echart-types';
import { dataUrlToBlob } from '@/features/dashboard/utils/report-shaping';
import { saveBlob } from '@/lib/download';

// echarts (some 300 KB) downloads with the first chart, after the headline figures have shown.
const EChart = lazy(() => import('@/components/echart'));

export type ChartState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'empty' } | { kind: 'ready' };

interface ChartCardProps {
  title: string;
  /** A line under the title (what is counted, what is left out). */
  hint?: ReactNode;
  testId: string;
  state: ChartState;
  option?: EChartsCoreOption;
  height: number;
  /** What the chart shows, in words (the canvas's label for screen readers). */
  label: string;
  /** The same figures as a table (UX.md: every chart has a table view); none: the aside is the table. */
  table?: ReactNode;
  /** The picture's file name, without `.png`. */
  imageName: string;
  /** Saves the chart's figures as XLSX; resolves to the file's name. */
  onDownloadData: () => Promise<string>;
  onSelect?: (target: number | string) => void;
  /** Icon buttons only (a narrow card); they are always on a phone. */
  narrow?: boolean;
  /** Shown beside the chart at wide screens (the children's list). */
  aside?: ReactNode;
}

/** The place of a chart while its figures or echarts download. */
function ChartSkeleton({ height }: { height: number }) {
  return (
    <div style={{ height, overflow: 'hidden' }} aria-busy="true" data-testid="chart-loading">
      <Skeleton active title={false} paragraph={{ rows: Math.max(3, Math.floor(height / 44)) }} />
    </div>
  );
}

/** A chart in a card: its title, 下载图片 / 下载数据, a table view, and loading, empty and error states. */
export function ChartCard(props: ChartCardProps) {
  const { title, hint, testId, state, option, height, label, table, imageName, onDownloadData, onSelect } = props;
  const { t } = useTranslation('dashboard');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const instance = useRef<ChartInstance | null>(null);
  const [tableShown, setTableShown] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const ready = state.kind === 'ready' && option !== undefined;
  const compact = props.narrow === true || !screens.md;

  const downloadImage = () => {
    const chart = instance.current;
    if (!chart) return;
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    saveBlob(dataUrlToBlob(url), `${imageName}.png`);
  };
  const downloadData = () => {
    setDownloading(true);
    onDownloadData()
      .then((name) => void message.success(t('reports.downloaded', { name })))
      .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)))
      .finally(() => setDownloading(false));
  };

  const extra = (
    <Space size={4} wrap={false}>
      {table !== undefined && (
      <Tooltip title={tableShown ? t('reports.showChart') : t('reports.showTable')}>
        <Button
          size="small"
          type="text"
          icon={tableShown ? <BarChartOutlined /> : <TableOutlined />}
          aria-label={tableShown ? t('reports.showChart') : t('reports.showTable')}
          aria-pressed={tableShown}
          disabled={!ready}
          onClick={() => setTableShown((shown) => !shown)}
          data-testid={`${testId}-table-toggle`}
        />
      </Tooltip>
      )}
      <Tooltip title={compact ? t('reports.downloadImage') : undefined}>
        <Button
          size="small"
          icon={<PictureOutlined />}
          aria-label={t('reports.downloadImage')}
          disabled={!ready || tableShown}
          onClick={downloadImage}
          data-testid={`${testId}-png`}
        >
          {compact ? null : t('reports.downloadImage')}
        </Button>
      </Tooltip>
      <Tooltip title={compact ? t('reports.downloadData') : undefined}>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          aria-label={t('reports.downloadData')}
          disabled={state.kind !== 'ready'}
          loading={downloading}
          onClick={downloadData}
          data-testid={`${testId}-xlsx`}
        >
          {compact ? null : t('reports.downloadData')}
        </Button>
      </Tooltip>
    </Space>
  );

  let body: ReactNode;
  if (state.kind === 'error') body = <Alert type="error" showIcon title={t('reports.loadFailed')} description={state.message} />;
  else if (state.kind === 'loading') body = <ChartSkeleton height={height} />;
  else if (state.kind === 'empty') body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.empty')} data-testid={`${testId}-empty`} />;
  else if (tableShown) body = table;
  else if (option)
    body = (
      <Suspense fallback={<ChartSkeleton height={height} />}>
        <EChart
          option={option}
          height={height}
          label={label}
          testId={`${testId}-chart`}
          onSelect={onSelect}
          onReady={(chart) => {
            instance.current = chart;
          }}
        />
      </Suspense>
    );

  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Typography.Title level={5} style={{ margin: 0, fontSize: 15 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
      style={{ height: '100%' }}
      styles={{ body: { minWidth: 0 } }}
    >
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {props.aside ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14} style={{ minWidth: 0 }}>
            {body}
          </Col>
          <Col xs={24} xl={10} style={{ minWidth: 0 }}>
            {props.aside}
          </Col>
        </Row>
      ) : (
        body
      )}
    </Card>
  );
}
