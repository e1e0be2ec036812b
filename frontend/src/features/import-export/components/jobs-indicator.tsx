import { CloudDownloadOutlined, CloudSyncOutlined, CloudUploadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, List, Popconfirm, Progress, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { HeaderButton, HeaderPanel } from '@/components/header-panel';
import { useDownloadExport } from '@/features/import-export/api/exports-api';
import { useCancelJob, useRecentJobs, type Job } from '@/features/import-export/api/jobs-api';
import { JobStateTag } from '@/features/import-export/components/import-state-tag';
import { activeCount, canCancel, clampPercent, isActive } from '@/features/import-export/utils/jobs';

const IMPORT_PAGE = '/teachers/import';

/**
 * The header's jobs indicator (UX.md "long work"): imports and exports keep running when the user leaves their
 * page; the badge counts the running ones, the panel lists the newest of every kind (one request, `GET /jobs/`)
 * with their progress, cancels a queued or running one, opens an import's result page and downloads a finished
 * export that was not fetched yet.
 */
export function JobsIndicator() {
  const { t } = useTranslation('importExport');
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const jobs = useRecentJobs();
  const download = useDownloadExport();
  const cancel = useCancelJob();
  const entries = jobs.data ?? [];
  const running = activeCount(entries);

  const openImport = (job: Job) => {
    setOpen(false);
    void navigate(`${IMPORT_PAGE}?job=${String(job.id)}`);
  };

  const fetchExport = (job: Job) => {
    download.mutate(job, {
      onSuccess: (name) => void message.success(t('jobs.downloaded', { name })),
      onError: (error) => void message.error(t('jobs.downloadFailed', { message: error.message })),
    });
  };

  const cancelJob = (job: Job) => {
    cancel.mutate(job, {
      onSuccess: (answer) => void message.info(t(answer.state === 'cancelled' ? 'jobs.cancelled' : 'jobs.cancelling')),
      onError: (error) => void message.error(t('jobs.cancelFailed', { message: error.message })),
    });
  };

  const title = (job: Job) => (job.kind === 'import' ? t('jobs.importTitle', { name: job.title }) : t('jobs.exportTitle', { title: job.title }));

  const detail = (job: Job) => {
    if (job.state === 'failed') return job.error_message;
    if (job.cancel_requested && isActive(job.state)) return t('jobs.cancelling');
    if (isActive(job.state)) return null;
    const counts = job.counts;
    if (job.kind === 'import') {
      return t('jobs.importCounts', { written: counts.rows_written ?? 0, updated: counts.rows_updated ?? 0, failed: counts.rows_failed ?? 0 });
    }
    const rows = t('jobs.exportCounts', { rows: (counts.rows_written ?? 0).toLocaleString() });
    return job.state === 'downloaded' ? `${rows} · ${t('jobs.downloadedHint')}` : rows;
  };

  const action = (job: Job) => {
    const buttons = [];
    if (canCancel(job)) {
      buttons.push(
        <Popconfirm
          key="cancel"
          title={t('jobs.cancelConfirm')}
          description={t(job.state === 'running' ? 'jobs.cancelRunningHint' : 'jobs.cancelQueuedHint')}
          okText={t('jobs.cancel')}
          cancelText={t('jobs.keep')}
          onConfirm={() => cancelJob(job)}
        >
          <Button size="small" danger icon={<StopOutlined />} loading={cancel.isPending && cancel.variables.id === job.id && cancel.variables.kind === job.kind} data-testid="job-cancel">
            {t('jobs.cancel')}
          </Button>
        </Popconfirm>,
      );
    }
    if (job.kind === 'import') {
      buttons.push(
        <Button key="open" size="small" onClick={() => openImport(job)} data-testid="job-open">
          {t('jobs.open')}
        </Button>,
      );
    } else if (job.links.download) {
      buttons.push(
        <Button
          key="download"
          size="small"
          type="primary"
          icon={<CloudDownloadOutlined />}
          loading={download.isPending && download.variables.id === job.id}
          onClick={() => fetchExport(job)}
          data-testid="job-download"
        >
          {t('jobs.download')}
        </Button>,
      );
    }
    return buttons.length ? <Flex gap={6}>{buttons}</Flex> : null;
  };

  const panel = (
    <HeaderPanel
      testId="jobs-panel"
      width={380}
      title={
        <Typography.Text strong>
          {t('jobs.title')}
          {running > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
              {t('jobs.running', { count: running })}
            </Typography.Text>
          )}
        </Typography.Text>
      }
      extra={
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            void navigate(IMPORT_PAGE);
          }}
        >
          {t('jobs.all')}
        </Button>
      }
    >
      {jobs.error && <Alert type="error" showIcon style={{ margin: 12 }} title={t('jobs.loadError', { message: jobs.error.message })} />}
      {jobs.isPending && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
      {jobs.data && entries.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.empty')} style={{ padding: 16 }} />
      )}
      {entries.length > 0 && (
        <List
          dataSource={entries}
          renderItem={(job) => (
            <List.Item key={`${job.kind}-${String(job.id)}`} data-testid="job-item" data-kind={job.kind} style={{ padding: '10px 16px' }}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={8} align="center">
                  {job.kind === 'import' ? (
                    <CloudUploadOutlined style={{ color: token.colorPrimary }} aria-hidden />
                  ) : (
                    <CloudDownloadOutlined style={{ color: token.colorPrimary }} aria-hidden />
                  )}
                  <Typography.Text strong ellipsis style={{ minWidth: 0, flex: 1 }} title={title(job)}>
                    {title(job)}
                  </Typography.Text>
                  <JobStateTag state={job.state} testId="job-state" />
                </Flex>
                {isActive(job.state) && (
                  <Progress percent={Math.floor(clampPercent(job.percent))} size="small" status="active" style={{ margin: '6px 0 0' }} />
                )}
                <Flex gap={8} align="center" justify="space-between" style={{ marginTop: 4 }}>
                  <Typography.Text type={job.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12, minWidth: 0 }} ellipsis data-testid="job-detail">
                    {dayjs(job.created_at).format('MM-DD HH:mm')}
                    {detail(job) ? ` · ${detail(job) ?? ''}` : ''}
                  </Typography.Text>
                  {action(job)}
                </Flex>
              </div>
            </List.Item>
          )}
        />
      )}
    </HeaderPanel>
  );

  return (
    <HeaderButton
      open={open}
      onOpenChange={setOpen}
      panel={panel}
      label={running > 0 ? `${t('jobs.button')} ${t('jobs.running', { count: running })}` : t('jobs.button')}
      count={running}
      icon={<CloudSyncOutlined spin={running > 0} style={{ fontSize: 18 }} />}
      testId="jobs-indicator"
      countTestId="jobs-count"
    />
  );
}
