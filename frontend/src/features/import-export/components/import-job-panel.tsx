import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Tag, Typography, theme } from 'antd';
import type { ResultProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { downloadReport, useImport, type ImportJob } from '@/features/import-export/api/imports-api';
import { AbsentColumns, ColumnMapping, needsMappingStep } from '@/features/import-export/components/column-mapping';
import { ImportProblems } from '@/features/import-export/components/import-problems';
import { ImportStateTag } from '@/features/import-export/components/import-state-tag';
import {
  clampPercent,
  elapsedMs,
  formatCount,
  formatDuration,
  formatFileSize,
  formatPercent,
  importOutcome,
  isActive,
  remainingMs,
} from '@/features/import-export/utils/jobs';
import { ApiError } from '@/lib/api-error';
import { useNow } from '@/lib/use-now';

function CountStatistic({ title, value, color, testId }: { title: string; value: number | null; color?: string; testId: string }) {
  return (
    <Statistic
      title={title}
      value={value ?? '—'}
      data-testid={testId}
      styles={{ content: { fontSize: 20, ...(color ? { color } : {}) } }}
    />
  );
}

/** Live progress of one import (polled every 700 ms while it runs), then its outcome, report and problems. */
export function ImportJobPanel({ id, onClose, onRerun }: { id: number; onClose: () => void; onRerun: (job: ImportJob) => void }) {
  const { t } = useTranslation(['importExport', 'common']);
  const query = useImport(id);
  const job = query.data;

  if (!job) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Card title={t('importExport:import.job.progressTitle')} loading={query.isPending} data-testid="import-job">
        {query.isError && (
          <Alert
            type="error"
            showIcon
            title={notFound ? t('importExport:import.job.notFound') : t('importExport:import.job.loadError', { message: query.error.message })}
          />
        )}
      </Card>
    );
  }
  return <JobCard job={job} onClose={onClose} onRerun={onRerun} />;
}

function JobCard({ job, onClose, onRerun }: { job: ImportJob; onClose: () => void; onRerun: (job: ImportJob) => void }) {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const active = isActive(job.state);
  const now = useNow(active);
  const [downloading, setDownloading] = useState(false);
  const outcome = importOutcome(job);
  const mappingStep = needsMappingStep(job);
  const elapsed = elapsedMs(job, now);
  const remaining = job.state === 'running' ? remainingMs(job.percent, elapsed) : null;
  const n = (value: number) => formatCount(value, i18n.language);
  const percent = clampPercent(job.percent);
  // Until the rows are read the bar shows how far the file's opening has got (estimated while a large sheet loads).
  const opening = active && job.opened_percent != null && job.opened_percent < 100 ? clampPercent(job.opened_percent) : null;

  const onReport = async () => {
    setDownloading(true);
    try {
      const name = await downloadReport(job.id);
      void message.success(t('importExport:import.job.reportDownloaded', { name }));
    } catch (error) {
      void message.error(
        t('importExport:import.job.reportFailed', { message: error instanceof Error ? error.message : t('common:errors.generic') }),
      );
    } finally {
      setDownloading(false);
    }
  };

  const counts = { written: n(job.rows_written), updated: n(job.rows_updated), failed: n(job.rows_failed), valid: n(job.rows_valid), warned: n(job.rows_warned) };
  const warned = job.rows_warned > 0 ? t('importExport:import.job.outcome.warnedHint', counts) : null;
  const results: Record<Exclude<typeof outcome, 'running'>, { status: ResultProps['status']; title: string; subTitle: ReactNode }> = {
    success: {
      status: 'success',
      title:
        job.rows_updated > 0
          ? t('importExport:import.job.outcome.successUpdated', counts)
          : t('importExport:import.job.outcome.success', counts),
      subTitle: warned,
    },
    partial: {
      status: 'warning',
      title: t('importExport:import.job.outcome.partial', counts),
      subTitle: [t('importExport:import.job.outcome.partialHint', counts), warned].filter(Boolean).join(' '),
    },
    cancelled: {
      status: 'warning',
      title: t('importExport:import.job.outcome.cancelled'),
      subTitle: t('importExport:import.job.outcome.cancelledHint', counts),
    },
    checked: {
      status: 'info',
      title: t('importExport:import.job.outcome.checked'),
      subTitle: t('importExport:import.job.outcome.checkedHint', counts),
    },
    mapping: {
      status: 'warning',
      title: t('importExport:import.job.outcome.mapping'),
      subTitle: t('importExport:import.job.outcome.mappingHint'),
    },
    failed: {
      status: 'error',
      title: t('importExport:import.job.outcome.failed'),
      subTitle: (
        <>
          <Typography.Text type="danger" strong data-testid="import-error-message">
            {job.error_message}
          </Typography.Text>
          <br />
          {t('importExport:import.job.outcome.failedHint')}
        </>
      ),
    },
  };
  const result = outcome === 'running' ? null : results[outcome];

  const status = job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active';
  const hint = job.state === 'queued' ? t('importExport:import.job.queuedHint') : job.state === 'running' ? t('importExport:import.job.runningHint') : null;

  return (
    <Card
      id="import-job"
      data-testid="import-job"
      title={
        <Space size="small" wrap={false} style={{ minWidth: 0 }}>
          <span>{active ? t('importExport:import.job.progressTitle') : t('importExport:import.job.resultTitle')}</span>
          <ImportStateTag state={job.state} />
        </Space>
      }
      extra={
        <Button type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('importExport:import.job.close')} />
      }
    >
      <Space size={[8, 4]} wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong data-testid="import-file-name">
          {job.file_name}
        </Typography.Text>
        <Typography.Text type="secondary">{formatFileSize(job.file_size)}</Typography.Text>
        <Typography.Text type="secondary">{job.organisation_name}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`importExport:import.upload.modes.${job.mode}`)}</Tag>
        {job.dry_run && <Tag color="blue">{t('importExport:import.job.dryRunTag')}</Tag>}
        {job.strict && <Tag color="purple">{t('importExport:import.job.strictTag')}</Tag>}
      </Space>
      <Progress
        percent={opening ?? percent}
        status={status}
        format={(value) =>
          opening === null ? formatPercent(value ?? 0) : t('importExport:import.job.opening', { percent: `${String(Math.round(value ?? 0))}%` })
        }
        aria-label={t('importExport:import.job.progress')}
        data-testid="import-progress"
      />
      <Space size="large" wrap style={{ margin: '4px 0 16px' }}>
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        <Typography.Text type="secondary" data-testid="import-elapsed">
          {active
            ? t('importExport:import.job.elapsed', { time: formatDuration(elapsed) })
            : t('importExport:import.job.took', { time: formatDuration(elapsed) })}
        </Typography.Text>
        {remaining !== null && (
          <Typography.Text type="secondary">{t('importExport:import.job.remaining', { time: formatDuration(remaining) })}</Typography.Text>
        )}
      </Space>
      <Row gutter={[16, 16]} data-testid="import-counts">
        <Col xs={12} sm={6} md={3}>
          <CountStatistic title={t('importExport:import.job.counts.total')} value={job.rows_total} testId="count-total" />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic title={t('importExport:import.job.counts.read')} value={job.rows_read} testId="count-read" />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic title={t('importExport:import.job.counts.valid')} value={job.rows_valid} testId="count-valid" />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic
            title={t('importExport:import.job.counts.written')}
            value={job.rows_written}
            color={job.rows_written > 0 ? token.colorSuccess : undefined}
            testId="count-written"
          />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic title={t('importExport:import.job.counts.updated')} value={job.rows_updated} testId="count-updated" />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic
            title={t('importExport:import.job.counts.failed')}
            value={job.rows_failed}
            color={job.rows_failed > 0 ? token.colorError : undefined}
            testId="count-failed"
          />
        </Col>
        <Col xs={12} sm={6} md={3}>
          <CountStatistic
            title={t('importExport:import.job.counts.warned')}
            value={job.rows_warned}
            color={job.rows_warned > 0 ? token.colorWarning : undefined}
            testId="count-warned"
          />
        </Col>
      </Row>
      {result && (
        <Result
          status={result.status}
          title={result.title}
          subTitle={result.subTitle}
          data-testid="import-result"
          styles={{ root: { padding: '24px 0 8px' }, icon: { marginBottom: 12 } }}
          extra={
            job.state === 'done' &&
            !job.layout.needs_mapping && (
              <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={() => void onReport()} data-testid="download-report">
                {t('importExport:import.job.report')}
              </Button>
            )
          }
        />
      )}
      <AbsentColumns job={job} />
      {mappingStep && <ColumnMapping key={job.id} job={job} onStarted={onRerun} />}
      {job.state === 'done' && !job.layout.needs_mapping && <ImportProblems key={job.id} job={job} />}
    </Card>
  );
}
