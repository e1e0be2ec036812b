import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useProblems, type ImportJob, type ImportProblem, type Severity } from '@/features/import-export/api/imports-api';
import { formatCount, problemColumn } from '@/features/import-export/utils/jobs';
import { buildFormFields } from '@/lib/catalogue-fields';
import { effectiveSchemaQueryOptions } from '@/lib/catalogue-api';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

/**
 * The problems of a finished import, errors or warnings, by row: cursor pages with "load more" (the API keeps
 * no total of problems; the tabs show the job's row counts).
 */
export function ImportProblems({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const [severity, setSeverity] = useState<Severity>(job.rows_failed > 0 || job.rows_warned === 0 ? 'error' : 'warning');
  const problems = useProblems(job.id, severity, true);
  const rows = loadedRows(problems.data);
  // Indicator names in the UI language, for problems of indicators the file has no column for.
  const schema = useQuery(effectiveSchemaQueryOptions(job.organisation));
  const labels = useMemo(
    () =>
      new Map(
        (schema.data?.groups ?? []).flatMap((group) => buildFormFields(group, i18n.language).map((field) => [field.code, field.label] as const)),
      ),
    [schema.data, i18n.language],
  );

  // A workbook with group sheets (学习经历 …): say which sheet each problem is on (the basic sheet's carry no name).
  const sheetColumn: TableColumnsType<ImportProblem> = (job.layout.groups ?? []).length
    ? [
        {
          title: t('importExport:import.problems.sheet'),
          key: 'sheet',
          width: 120,
          ellipsis: true,
          render: (_, problem) => problem.sheet || t('importExport:import.problems.basicSheet'),
        },
      ]
    : [];
  const columns: TableColumnsType<ImportProblem> = [
    ...sheetColumn,
    { title: t('importExport:import.problems.row'), dataIndex: 'row', key: 'row', width: 72 },
    {
      title: t('importExport:import.problems.column'),
      key: 'column',
      width: 150,
      ellipsis: true,
      render: (_, problem) =>
        problemColumn(problem, labels) || (
          <Typography.Text type="secondary">{t('importExport:import.problems.wholeRow')}</Typography.Text>
        ),
    },
    {
      title: t('importExport:import.problems.value'),
      key: 'value',
      width: 190,
      ellipsis: { showTitle: true },
      render: (_, problem) => problem.value || '—',
    },
    { title: t('importExport:import.problems.message'), dataIndex: 'message', key: 'message' },
    {
      title: t('importExport:import.problems.severity'),
      key: 'severity',
      width: 80,
      render: (_, problem) => (
        <Tag color={problem.severity === 'error' ? 'error' : 'warning'} style={{ marginInlineEnd: 0 }}>
          {t(`importExport:import.problems.severities.${problem.severity}`)}
        </Tag>
      ),
    },
  ];

  const count = (value: number) => t('importExport:import.problems.rowsCount', { formatted: formatCount(value, i18n.language) });

  return (
    <section aria-labelledby="import-problems-title" data-testid="import-problems">
      <Typography.Title level={5} id="import-problems-title" style={{ marginBottom: 0 }}>
        {t('importExport:import.problems.title')}
      </Typography.Title>
      <Tabs
        activeKey={severity}
        onChange={(key) => setSeverity(key === 'warning' ? 'warning' : 'error')}
        items={[
          { key: 'error', label: `${t('importExport:import.problems.errors')} · ${count(job.rows_failed)}` },
          { key: 'warning', label: `${t('importExport:import.problems.warnings')} · ${count(job.rows_warned)}` },
        ]}
      />
      {problems.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('importExport:import.problems.loadError', { message: problems.error.message })}
        />
      )}
      <Table<ImportProblem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={problems.isPending}
        pagination={false}
        tableLayout="fixed"
        data-testid="problems-table"
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                severity === 'error' ? t('importExport:import.problems.emptyErrors') : t('importExport:import.problems.emptyWarnings')
              }
            />
          ),
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12, gap: 16 }}>
        <Typography.Text type="secondary">{t('importExport:import.problems.hint')}</Typography.Text>
        <LoadMore pages={problems} shown={rows.length} />
      </div>
    </section>
  );
}
