import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Skeleton, Table, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';

import '@/features/reports/reports-print.css';
import { useRanking, type RankingEntry } from '@/features/reports/api/reports-api';
import { RateCell } from '@/features/reports/components/rate-cell';
import { ScopeBar } from '@/features/reports/components/scope-bar';
import { useReportScope } from '@/features/reports/components/use-report-scope';
import { formatCount, periodLabel, rateChange } from '@/features/reports/utils/figures';

/** A change since the previous period: ↑ green, ↓ red, in percentage points. */
function ChangeCell({ change }: { change: number | null }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  const shown = rateChange(change);
  if (shown.direction === 'none') {
    return (
      <Tooltip title={t('tooltips.noPrevious')}>
        <Typography.Text type="secondary">—</Typography.Text>
      </Tooltip>
    );
  }
  const color = shown.direction === 'up' ? token.colorSuccess : shown.direction === 'down' ? token.colorError : undefined;
  return (
    <span style={{ color, whiteSpace: 'nowrap' }} data-direction={shown.direction}>
      {shown.text}
    </span>
  );
}

/** A unit's overdue work-plan milestones, in red; "无" when none. */
function OverdueCell({ milestones }: { milestones: RankingEntry['overdue_milestones'] }) {
  const { t } = useTranslation('reports');
  const { token } = theme.useToken();
  if (milestones.length === 0) return <Typography.Text type="secondary">{t('ranking.noOverdue')}</Typography.Text>;
  return (
    <ul
      style={{ margin: 0, paddingInlineStart: 16, color: token.colorError, whiteSpace: 'normal', width: 260 }}
      data-testid="overdue-milestones"
    >
      {milestones.map((milestone) => (
        <li key={`${milestone.plan}:${milestone.title}`}>
          {t('ranking.overdueItem', { title: milestone.title, due: milestone.due_date })}
        </li>
      ))}
    </ul>
  );
}

/** 通报: the children ranked by collection rate and approval rate, printable as an office notice. */
export function RankingPage() {
  const { t, i18n } = useTranslation('reports');
  const scope = useReportScope();
  const ranking = useRanking(scope.period, scope.org);
  const data = ranking.data;
  const noSnapshot = scope.snapshots.isSuccess && scope.periods.length === 0;

  const columns: ColumnsType<RankingEntry> = [
    { key: 'rank', title: t('ranking.rank'), dataIndex: 'rank', align: 'center', width: 64 },
    { key: 'name', title: t('columns.organisation'), render: (_, row) => row.organisation.name },
    { key: 'collection', title: t('columns.collectionRate'), align: 'right', render: (_, row) => <RateCell rate={row.collection_rate} collection /> },
    { key: 'collectionChange', title: t('ranking.collectionChange'), align: 'right', render: (_, row) => <ChangeCell change={row.collection_change} /> },
    { key: 'approval', title: t('columns.approvalRate'), align: 'right', render: (_, row) => <RateCell rate={row.approval_rate} /> },
    { key: 'approvalChange', title: t('ranking.approvalChange'), align: 'right', render: (_, row) => <ChangeCell change={row.approval_change} /> },
    { key: 'submission', title: t('columns.submissionRate'), align: 'right', render: (_, row) => <RateCell rate={row.submission_rate} /> },
    { key: 'submissionChange', title: t('ranking.submissionChange'), align: 'right', render: (_, row) => <ChangeCell change={row.submission_change} /> },
    { key: 'collected', title: t('columns.collected'), align: 'right', render: (_, row) => formatCount(row.collected) },
    { key: 'approved', title: t('columns.approved'), align: 'right', render: (_, row) => formatCount(row.approved) },
    { key: 'problems', title: t('columns.problems'), align: 'right', render: (_, row) => formatCount(row.problems) },
    { key: 'overdue', title: t('ranking.overdue'), render: (_, row) => <OverdueCell milestones={row.overdue_milestones} /> },
  ];

  const period = data ? periodLabel(data.period, i18n.language) : '';
  return (
    <Card className="report-notice" title={<span className="report-no-print">{t('ranking.title')}</span>}>
      {scope.snapshots.isError && <Alert type="error" showIcon title={scope.snapshots.error.message} />}
      {noSnapshot && <Empty description={t('monthly.empty')} />}
      {!noSnapshot && (
        <ScopeBar
          scope={scope}
          shown={data?.organisation}
          extra={
            <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()} data-testid="print-ranking">
              {t('ranking.print')}
            </Button>
          }
        />
      )}
      {ranking.isError && <Alert type="error" showIcon title={ranking.error.message} style={{ marginBottom: 16 }} />}
      {(scope.snapshots.isPending || (ranking.isPending && scope.period)) && <Skeleton active />}
      {data && (
        <>
          <Typography.Title level={4} style={{ textAlign: 'center' }} data-testid="ranking-title">
            {t('ranking.noticeTitle', { org: data.organisation.name, period })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {data.previous_period
              ? t('ranking.hint', { previous: periodLabel(data.previous_period, i18n.language) })
              : t('ranking.hintFirst')}
          </Typography.Paragraph>
          <Table<RankingEntry>
            data-testid="ranking-table"
            size="middle"
            bordered
            rowKey={(row) => row.organisation.code}
            columns={columns}
            dataSource={data.children}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('ranking.empty') }}
          />
        </>
      )}
    </Card>
  );
}
