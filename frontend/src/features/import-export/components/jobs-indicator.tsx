import { CloudDownloadOutlined, CloudSyncOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, List, Progress, Spin, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { HeaderButton, HeaderPanel } from '@/components/header-panel';
import { useDownloadExport, useRecentExports, type ExportJob } from '@/features/import-export/api/exports-api';
import { useRecentImports, type ImportJob } from '@/features/import-export/api/imports-api';
import { JobStateTag } from '@/features/import-export/components/import-state-tag';
import { activeCount, clampPercent, isActive, recentJobs, type JobEntry } from '@/features/import-export/utils/jobs';

const SHOWN = 8;
const IMPORT_PAGE = '/teachers/import';

/**
 * The header's jobs indicator (UX.md "long work"): imports and exports keep running when the user leaves their
 * page; the badge counts the running ones, the panel lists the newest with their progress, opens an import's result
 * page and downloads a finished export that was not fetched yet.
 */
export function JobsIndicator() {
  const { t } = useTranslation('importExport');
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const imports = useRecentImports();
  const exports = useRecentExports();
  const download = useDownloadExport();
  const entries = recentJobs(imports.data ?? [], exports.data ?? [], SHOWN);
  const running = activeCount(entries);
  const failure = imports.error ?? exports.error;

  const openImport = (job: ImportJob) => {
    setOpen(false);
    void navigate(`${IMPORT_PAGE}?job=${String(job.id)}`);
  };

  const fetchExport = (job: ExportJob) => {
    download.mutate(job, {
      onSuccess: (name) => void message.success(t('jobs.downloaded', { name })),
      onError: (error) => void message.error(t('jobs.downloadFailed', { message: error.message })),
    });
  };

  const title = (entry: JobEntry<ImportJob, ExportJob>) =>
    entry.kind === 'import'
      ? t(entry.job.dry_run ? 'jobs.importDryRun' : 'jobs.importTitle', { name: entry.job.file_name })
      : t('jobs.exportTitle', { format: entry.job.format.toUpperCase() });

  const detail = (entry: JobEntry<ImportJob, ExportJob>) => {
    if (entry.job.state === 'failed') return entry.job.error_message;
    if (isActive(entry.job.state)) return null;
    if (entry.kind === 'import') {
      const job = entry.job;
      return t('jobs.importCounts', { written: job.rows_written, updated: job.rows_updated, failed: job.rows_failed });
    }
    const counts = t('jobs.exportCounts', { rows: entry.job.rows_written.toLocaleString() });
    return entry.job.state === 'downloaded' ? `${counts} · ${t('jobs.downloadedHint')}` : counts;
  };

  const action = (entry: JobEntry<ImportJob, ExportJob>) => {
    if (entry.kind === 'import') {
      const job = entry.job;
      return (
        <Button size="small" onClick={() => openImport(job)} data-testid="job-open">
          {t('jobs.open')}
        </Button>
      );
    }
    if (entry.job.state !== 'done') return null;
    const job = entry.job;
    return (
      <Button
        size="small"
        type="primary"
        icon={<CloudDownloadOutlined />}
        loading={download.isPending && download.variables.id === job.id}
        onClick={() => fetchExport(job)}
        data-testid="job-download"
      >
        {t('jobs.download')}
      </Button>
    );
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
      {failure && <Alert type="error" showIcon style={{ margin: 12 }} title={t('jobs.loadError', { message: failure.message })} />}
      {(imports.isPending || exports.isPending) && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
      {imports.data && exports.data && entries.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.empty')} style={{ padding: 16 }} />
      )}
      {entries.length > 0 && (
        <List
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item key={`${entry.kind}-${String(entry.job.id)}`} data-testid="job-item" data-kind={entry.kind} style={{ padding: '10px 16px' }}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Flex gap={8} align="center">
                  {entry.kind === 'import' ? (
                    <CloudUploadOutlined style={{ color: token.colorPrimary }} aria-hidden />
                  ) : (
                    <CloudDownloadOutlined style={{ color: token.colorPrimary }} aria-hidden />
                  )}
                  <Typography.Text strong ellipsis style={{ minWidth: 0, flex: 1 }} title={title(entry)}>
                    {title(entry)}
                  </Typography.Text>
                  <JobStateTag state={entry.job.state} testId="job-state" />
                </Flex>
                {isActive(entry.job.state) && (
                  <Progress percent={Math.floor(clampPercent(entry.job.percent))} size="small" status="active" style={{ margin: '6px 0 0' }} />
                )}
                <Flex gap={8} align="center" justify="space-between" style={{ marginTop: 4 }}>
                  <Typography.Text type={entry.job.state === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12, minWidth: 0 }} ellipsis>
                    {dayjs(entry.job.created_at).format('MM-DD HH:mm')}
                    {detail(entry) ? ` · ${detail(entry) ?? ''}` : ''}
                  </Typography.Text>
                  {action(entry)}
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
