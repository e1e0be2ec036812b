import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { useImports, type ImportJob } from '@/features/import-export/api/imports-api';
import { ImportStateTag } from '@/features/import-export/components/import-state-tag';
import { formatCount, formatFileSize, isActive } from '@/features/import-export/utils/jobs';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

/** 最近的导入: the user's own imports, newest first; a row opens its progress or result above. */
export function ImportHistory({ current, onSelect }: { current: number | null; onSelect: (id: number) => void }) {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const imports = useImports();
  const rows = loadedRows(imports.data);
  const n = (value: number) => formatCount(value, i18n.language);

  const columns: TableColumnsType<ImportJob> = [
    {
      title: t('importExport:import.history.file'),
      key: 'file',
      ellipsis: true,
      render: (_, job) => (
        <Space size={4} orientation="vertical" style={{ minWidth: 0, width: '100%' }}>
          <Typography.Text ellipsis title={job.file_name} style={{ maxWidth: '100%' }}>
            {job.file_name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatFileSize(job.file_size)}
            {job.dry_run && ` · ${t('importExport:import.job.dryRunTag')}`}
            {job.strict && ` · ${t('importExport:import.job.strictTag')}`}
            {` · ${t(`importExport:import.upload.modes.${job.mode}`)}`}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('importExport:import.history.time'),
      key: 'time',
      width: 150,
      render: (_, job) => dayjs(job.created_at).format('YYYY-MM-DD HH:mm'),
    },
    { title: t('importExport:import.history.state'), key: 'state', width: 100, render: (_, job) => <ImportStateTag state={job.state} /> },
    {
      title: t('importExport:import.history.result'),
      key: 'result',
      width: 280,
      render: (_, job) => {
        if (job.state === 'failed') {
          return (
            <Typography.Text type="danger" ellipsis title={job.error_message}>
              {job.error_message}
            </Typography.Text>
          );
        }
        if (isActive(job.state)) return '—';
        return job.dry_run
          ? t('importExport:import.history.checkedText', { valid: n(job.rows_valid), failed: n(job.rows_failed) })
          : t('importExport:import.history.resultText', {
              written: n(job.rows_written),
              updated: n(job.rows_updated),
              failed: n(job.rows_failed),
            });
      },
    },
    {
      title: '',
      key: 'view',
      width: 110,
      render: (_, job) =>
        job.id === current ? (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('importExport:import.history.current')}
          </Tag>
        ) : (
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => onSelect(job.id)}>
            {t('importExport:import.history.view')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('importExport:import.history.title')}>
      {imports.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('importExport:import.history.loadError', { message: imports.error.message })}
        />
      )}
      <Table<ImportJob>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={imports.isPending}
        pagination={false}
        tableLayout="fixed"
        data-testid="import-history"
        onRow={(job) => ({ onClick: () => onSelect(job.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('importExport:import.history.empty')} /> }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={imports} shown={rows.length} />
      </div>
    </Card>
  );
}
