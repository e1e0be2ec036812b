import { Button, Grid, InputNumber, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { GapFigures, GapReport, GapRow } from '@/features/headcounts/api/headcounts-api';
import { figureProblem, formatCount, formatGap, formatRate, gapKind } from '@/features/headcounts/utils/gap';

/** A gap, coloured by what it says, with the reason in a tooltip (the sign says it too: colour is never alone). */
function GapCell({ gap }: { gap: number | null }) {
  const { t } = useTranslation('headcounts');
  const kind = gapKind(gap);
  if (kind === 'unknown') return <Typography.Text type="secondary">—</Typography.Text>;
  const title = kind === 'short' ? t('tooltips.gapShort', { count: gap ?? 0 }) : kind === 'over' ? t('tooltips.gapOver', { count: Math.abs(gap ?? 0) }) : undefined;
  const text = <Typography.Text type={kind === 'short' ? 'danger' : kind === 'over' ? 'warning' : undefined}>{formatGap(gap)}</Typography.Text>;
  return title ? (
    <Tooltip title={title}>
      <span tabIndex={0}>{text}</span>
    </Tooltip>
  ) : (
    text
  );
}

function RateText({ rate }: { rate: number | null }) {
  const { t } = useTranslation('headcounts');
  if (rate === null) {
    return (
      <Tooltip title={t('tooltips.noRate')}>
        <Typography.Text type="secondary" tabIndex={0}>
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  return <span>{formatRate(rate)}</span>;
}

interface Draft {
  code: string;
  fulltime: number | null;
  staff: number | null;
}

export interface GapTableProps {
  report: GapReport;
  orgLink: (code: string) => string;
  /** Whether the user may set a school's figures here (a county or higher administrator). */
  editable: boolean;
  saving: boolean;
  onSave: (row: GapRow, fulltime: number, staff: number) => Promise<void>;
}

/** One row per child organisation (drilled down by name), its schools' figures editable in place. */
export function GapTable({ report, orgLink, editable, saving, onSave }: GapTableProps) {
  const { t } = useTranslation('headcounts');
  const wide = Grid.useBreakpoint().md !== false;
  const [draft, setDraft] = useState<Draft | null>(null);
  const problem = draft ? figureProblem(draft.fulltime, draft.staff) : null;

  const editing = (row: GapRow) => draft?.code === row.organisation.code;
  const number = (row: GapRow, field: 'staff' | 'fulltime') => {
    if (editing(row) && draft) {
      return (
        <InputNumber
          size="small"
          min={0}
          precision={0}
          value={draft[field]}
          aria-label={t(`edit.${field}`)}
          data-testid={`edit-${field}`}
          status={problem && (field === 'fulltime' || problem === 'required') ? 'error' : undefined}
          onChange={(value) => setDraft({ ...draft, [field]: value })}
          style={{ width: 96 }}
        />
      );
    }
    if (row.organisation.level === 'school' && row[field] === null) {
      return <Typography.Text type="secondary">{t('noFigure')}</Typography.Text>;
    }
    return formatCount(row[field]);
  };

  const columns: ColumnsType<GapRow> = [
    {
      key: 'name',
      title: t('columns.organisation'),
      fixed: wide ? 'left' : undefined,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) =>
        row.organisation.level !== 'school' ? (
          <Link to={orgLink(row.organisation.code)} title={t('drillDown', { name: row.organisation.name })} data-testid="gap-drill">
            {row.organisation.name}
          </Link>
        ) : (
          row.organisation.name
        ),
    },
    {
      key: 'schools',
      title: t('columns.schools'),
      align: 'right',
      render: (_, row) => `${formatCount(row.schools_with_figure)} / ${formatCount(row.schools)}`,
    },
    {
      key: 'staffGroup',
      title: t('columns.staffGroup'),
      children: [
        { key: 'staff', title: t('columns.statistics'), align: 'right', render: (_, row) => number(row, 'staff') },
        { key: 'collected', title: t('columns.collected'), align: 'right', render: (_, row) => formatCount(row.collected) },
        { key: 'staffGap', title: t('columns.gap'), align: 'right', render: (_, row) => <GapCell gap={row.staff_gap} /> },
        { key: 'rate', title: t('columns.rate'), align: 'right', render: (_, row) => <RateText rate={row.collection_rate} /> },
      ],
    },
    {
      key: 'fulltimeGroup',
      title: t('columns.fulltimeGroup'),
      children: [
        { key: 'fulltime', title: t('columns.statistics'), align: 'right', render: (_, row) => number(row, 'fulltime') },
        {
          key: 'collectedFulltime',
          title: t('columns.collected'),
          align: 'right',
          render: (_, row) => formatCount(row.collected_fulltime),
        },
        { key: 'fulltimeGap', title: t('columns.gap'), align: 'right', render: (_, row) => <GapCell gap={row.fulltime_gap} /> },
        { key: 'fulltimeRate', title: t('columns.rate'), align: 'right', render: (_, row) => <RateText rate={row.fulltime_rate} /> },
      ],
    },
  ];
  const schools = report.children.some((row) => row.organisation.level === 'school');
  if (editable && schools) {
    columns.push({
      key: 'actions',
      title: t('columns.actions'),
      render: (_, row) => {
        if (row.organisation.level !== 'school') return null;
        if (!editing(row)) {
          return (
            <Button
              size="small"
              type="link"
              disabled={draft !== null}
              data-testid="edit-figures"
              onClick={() =>
                setDraft({ code: row.organisation.code, fulltime: row.headcount?.fulltime ?? null, staff: row.headcount?.staff ?? null })
              }
            >
              {t('edit.edit')}
            </Button>
          );
        }
        return (
          <Space size="small" orientation="vertical">
            <Space size="small">
              <Button
                size="small"
                type="primary"
                loading={saving}
                disabled={problem !== null}
                data-testid="save-figures"
                onClick={() => {
                  if (!draft || draft.fulltime === null || draft.staff === null) return;
                  void onSave(row, draft.fulltime, draft.staff).then(() => setDraft(null));
                }}
              >
                {t('edit.save')}
              </Button>
              <Button size="small" onClick={() => setDraft(null)}>
                {t('edit.cancel')}
              </Button>
            </Space>
            {problem && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
                {t(problem === 'required' ? 'edit.required' : 'edit.fulltimeAboveStaff')}
              </Typography.Text>
            )}
          </Space>
        );
      },
    });
  }

  const total: GapFigures = report.total;
  const totalCells = [
    `${formatCount(total.schools_with_figure)} / ${formatCount(total.schools)}`,
    formatCount(total.staff),
    formatCount(total.collected),
    <GapCell key="g" gap={total.staff_gap} />,
    <RateText key="r" rate={total.collection_rate} />,
    formatCount(total.fulltime),
    formatCount(total.collected_fulltime),
    <GapCell key="fg" gap={total.fulltime_gap} />,
    <RateText key="fr" rate={total.fulltime_rate} />,
  ];

  return (
    <Table<GapRow>
      data-testid="gap-table"
      size="middle"
      bordered
      rowKey={(row) => row.organisation.code}
      columns={columns}
      dataSource={report.children}
      pagination={report.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('noChildren') }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row data-testid="gap-total">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('total')}</Typography.Text>
            </Table.Summary.Cell>
            {totalCells.map((cell, index) => (
              <Table.Summary.Cell key={index} index={index + 1} align="right">
                <Typography.Text strong>{cell}</Typography.Text>
              </Table.Summary.Cell>
            ))}
            {editable && schools && <Table.Summary.Cell index={totalCells.length + 1} />}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
