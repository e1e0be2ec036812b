import { Grid, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Figures, MonthlyReport, OrganisationRef } from '@/features/reports/api/reports-api';
import { RateCell } from '@/features/reports/components/rate-cell';
import { formatCount } from '@/features/reports/utils/figures';

interface Row {
  key: string;
  name: string;
  /** The working group's contact (an organisation's row). */
  contact?: string;
  /** A child organisation's row (a school kind's row has none). */
  organisation?: OrganisationRef;
  figures: Figures;
  children?: Row[];
}

const COUNTS = [
  ['schoolsExpected', 'schools_expected'],
  ['schoolsSubmitted', 'schools_submitted'],
  ['schoolsApproved', 'schools_approved'],
  ['teachersExpected', 'teachers_expected'],
  ['collected', 'collected'],
  ['submitted', 'submitted'],
  ['approved', 'approved'],
  ['returned', 'returned'],
  ['accounts', 'accounts'],
  ['problems', 'problems'],
] as const;

const RATES = [
  ['collectionRate', 'collection_rate'],
  ['submissionRate', 'submission_rate'],
  ['approvalRate', 'approval_rate'],
] as const;

/** A count; "—" with the reason where it is not known (no statistics headcount entered, problems not counted). */
function CountCell({ field, value }: { field: (typeof COUNTS)[number][1]; value: number | null }) {
  const { t } = useTranslation('reports');
  if (value !== null) return formatCount(value);
  if (field === 'teachers_expected') return <RateCell rate={null} collection />;
  return (
    <Tooltip title={field === 'problems' ? t('tooltips.problems') : undefined}>
      <Typography.Text type="secondary">—</Typography.Text>
    </Tooltip>
  );
}

/** The child organisations' rows, each with its school kinds' rows beneath (expandable). */
export function monthlyRows(report: MonthlyReport): Row[] {
  return report.children.map((child) => ({
    key: child.organisation.code,
    name: child.organisation.name,
    organisation: child.organisation,
    contact: child.contact,
    figures: child.total,
    // A school is of one kind: its kind's row would repeat it.
    ...(child.by_type.length > 0 && child.organisation.level !== 'school'
      ? {
          children: child.by_type.map((kind) => ({
            key: `${child.organisation.code}:${kind.school_type}`,
            name: kind.school_type_name,
            figures: kind,
          })),
        }
      : {}),
  }));
}

/** 月报表: one row per child organisation (a link drilling down, schools excepted), the total row at the foot. */
export function MonthlyTable({ report, orgLink }: { report: MonthlyReport; orgLink: (code: string) => string }) {
  const { t } = useTranslation('reports');
  // The names stay in view while the figures scroll, except on a phone (they would hide the figures).
  const wide = Grid.useBreakpoint().md !== false;
  const countColumn = ([label, field]: (typeof COUNTS)[number]) => ({
    key: field,
    title: t(`columns.${label}`),
    align: 'right' as const,
    render: (_: unknown, row: Row) => <CountCell field={field} value={row.figures[field]} />,
  });
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: t('columns.organisation'),
      fixed: wide ? 'left' : undefined,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) =>
        row.organisation && row.organisation.level !== 'school' ? (
          <Link to={orgLink(row.organisation.code)} title={t('choose.drillDown', { name: row.name })} data-testid="report-drill">
            {row.name}
          </Link>
        ) : row.organisation ? (
          row.name
        ) : (
          <Typography.Text type="secondary">{row.name}</Typography.Text>
        ),
    },
    { key: 'schools', title: t('columns.schools'), children: COUNTS.slice(0, 3).map(countColumn) },
    { key: 'teachers', title: t('columns.teachers'), children: COUNTS.slice(3, 8).map(countColumn) },
    countColumn(COUNTS[8]),
    countColumn(COUNTS[9]),
    {
      key: 'rates',
      title: t('columns.rates'),
      children: RATES.map(([label, field]) => ({
        key: field,
        title: t(`columns.${label}`),
        align: 'right' as const,
        render: (_: unknown, row: Row) => <RateCell rate={row.figures[field]} collection={field === 'collection_rate'} />,
      })),
    },
    {
      key: 'contact',
      title: t('columns.contact'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) => row.contact ?? '',
    },
  ];
  const total = report.total;
  const cells = [
    ...COUNTS.map(([, field]) => <CountCell key={field} field={field} value={total[field]} />),
    ...RATES.map(([, field]) => <RateCell key={field} rate={total[field]} collection={field === 'collection_rate'} />),
    report.contact,
  ];

  return (
    <Table<Row>
      data-testid="monthly-table"
      size="middle"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={monthlyRows(report)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('monthly.noChildren') }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="monthly-total">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('monthly.total')}</Typography.Text>
            </Table.Summary.Cell>
            {cells.map((cell, index) => (
              <Table.Summary.Cell key={index} index={index + 1} align="right">
                <Typography.Text strong>{cell}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
