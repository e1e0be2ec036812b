import { CheckCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  useImportFields,
  useRerunImport,
  type ImportColumn,
  type ImportJob,
} from '@/features/import-export/api/imports-api';

/** A match the import uses without asking (the API's threshold). */
const SURE = 0.8;
const UNSURE_SOURCES: ReadonlySet<ImportColumn['source']> = new Set(['proposal', 'none', 'hidden', 'duplicate']);

/** Whether the job's file has columns someone should map: a key column missing, or headers not recognised. */
export function needsMappingStep(job: ImportJob): boolean {
  const layout = job.layout;
  if (job.state !== 'done' || !layout.columns) return false;
  return layout.needs_mapping === true || layout.columns.some((column) => column.source === 'proposal' || column.source === 'none');
}

/** The field each column starts with in the step: what the import used, else its proposal, else nothing. */
export function initialMapping(columns: readonly ImportColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of columns) {
    const sure = column.field !== null && column.confidence >= SURE && !UNSURE_SOURCES.has(column.source);
    out[column.header] = sure || column.source === 'proposal' ? (column.field ?? '') : '';
  }
  return out;
}

/**
 * 列对应: the columns of the uploaded file, each with the indicator it was matched to (or a proposal) and how; the
 * user picks an indicator or 忽略 for each, then checks or imports the same file again. The mapping is
 * remembered for the organisation's next file with the same headers.
 */
export function ColumnMapping({ job, onStarted }: { job: ImportJob; onStarted: (job: ImportJob) => void }) {
  const { t } = useTranslation('importExport');
  const columns = useMemo(() => job.layout.columns ?? [], [job.layout.columns]);
  const [mapping, setMapping] = useState<Record<string, string>>(() => initialMapping(columns));
  const fields = useImportFields(job.organisation, true);
  const rerun = useRerunImport(job.id);

  const names = useMemo(() => new Map((fields.data ?? []).map((field) => [field.field, field.name])), [fields.data]);
  const chosen = new Map<string, number>();
  for (const value of Object.values(mapping)) if (value) chosen.set(value, (chosen.get(value) ?? 0) + 1);
  const missing = (fields.data ?? []).filter((field) => field.key && !chosen.has(field.field));
  const twice = [...chosen.entries()].filter(([, count]) => count > 1).map(([field]) => names.get(field) ?? field);
  const options = [
    { value: '', label: t('import.mapping.ignore') },
    ...(fields.data ?? []).map((field) => ({
      value: field.field,
      label: field.required ? `${field.name} *` : field.name,
    })),
  ];

  const start = (dryRun: boolean) => {
    rerun.mutate({ mapping, dry_run: dryRun, strict: job.strict, mode: job.mode }, { onSuccess: onStarted });
  };

  const tableColumns: TableColumnsType<ImportColumn> = [
    {
      title: t('import.mapping.header'),
      dataIndex: 'header',
      width: '32%',
      render: (header: string) => <Typography.Text strong>{header || '—'}</Typography.Text>,
    },
    {
      title: t('import.mapping.field'),
      key: 'field',
      render: (_value, column) => (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%', minWidth: 180 }}
          value={mapping[column.header] ?? ''}
          options={options}
          loading={fields.isPending}
          onChange={(value: string) => setMapping((current) => ({ ...current, [column.header]: value }))}
          aria-label={t('import.mapping.fieldFor', { header: column.header })}
          data-testid={`mapping-${String(column.index)}`}
        />
      ),
    },
    {
      title: t('import.mapping.how'),
      key: 'source',
      width: 160,
      render: (_value, column) => (
        <Tag color={column.source === 'proposal' ? 'gold' : column.source === 'none' ? 'red' : column.field ? 'green' : 'default'}>
          {t(`import.mapping.sources.${column.source}`)}
          {column.source === 'proposal' ? ` ${String(Math.round(column.confidence * 100))}%` : ''}
        </Tag>
      ),
    },
  ];

  const missingNames = (job.layout.missing ?? []).map((code) => names.get(code) ?? code).join('、');
  return (
    <section aria-labelledby="import-mapping" data-testid="import-mapping" style={{ marginTop: 16 }}>
      <Typography.Title level={5} id="import-mapping">
        {t('import.mapping.title')}
      </Typography.Title>
      <Alert
        type={job.layout.needs_mapping ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={job.layout.needs_mapping ? t('import.mapping.needed', { names: missingNames }) : t('import.mapping.unknown')}
        description={t('import.mapping.hint')}
      />
      <Table<ImportColumn>
        rowKey="index"
        size="small"
        columns={tableColumns}
        dataSource={columns}
        pagination={false}
        scroll={{ x: 560 }}
      />
      {(missing.length > 0 || twice.length > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="mapping-problem"
          title={
            twice.length > 0
              ? t('import.mapping.twice', { names: twice.join('、') })
              : t('import.mapping.stillMissing', { names: missing.map((field) => field.name).join('、') })
          }
        />
      )}
      {rerun.isError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={rerun.error.message} />}
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          icon={<CheckCircleOutlined />}
          onClick={() => start(true)}
          loading={rerun.isPending}
          disabled={twice.length > 0 || missing.length > 0}
          data-testid="mapping-check"
        >
          {t('import.mapping.check')}
        </Button>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          onClick={() => start(false)}
          loading={rerun.isPending}
          disabled={twice.length > 0 || missing.length > 0}
          data-testid="mapping-import"
        >
          {t('import.mapping.import')}
        </Button>
      </Space>
    </section>
  );
}

/** 缺少的列: the template's columns the file does not have, said once each (not once per row). */
export function AbsentColumns({ job }: { job: ImportJob }) {
  const { t } = useTranslation('importExport');
  const absent = job.layout.absent ?? [];
  if (job.state !== 'done' || absent.length === 0 || job.layout.needs_mapping) return null;
  const required = absent.filter((column) => column.required);
  const optional = absent.length - required.length;
  const rows = job.dry_run ? job.rows_valid : job.rows_written + job.rows_updated;
  return (
    <Alert
      type={required.length > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginTop: 16 }}
      data-testid="import-absent"
      title={
        required.length > 0
          ? t('import.absent.required', { count: required.length, optional, rows })
          : t('import.absent.optional', { count: optional })
      }
      description={absent.map((column) => (column.required ? `${column.field_name} *` : column.field_name)).join('、')}
    />
  );
}
