import { CameraOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { downloadMonthlyXlsx, useMonthlyReport, useTakeSnapshot } from '@/features/reports/api/reports-api';
import { MonthlyTable } from '@/features/reports/components/monthly-table';
import { ScopeBar } from '@/features/reports/components/scope-bar';
import { useReportScope } from '@/features/reports/components/use-report-scope';
import { periodLabel } from '@/features/reports/utils/figures';
import { useCurrentUser } from '@/lib/auth/session';

/** 生成本月快照: Ministry and province administrators only (the API answers 403 to others). */
function useCanTakeSnapshot(): boolean {
  const user = useCurrentUser();
  const level = user.organisation.level;
  return user.capabilities.includes('reports.snapshot') && (level === 'central' || level === 'province');
}

/** 月报表: a month's snapshot of the organisation and of each child, drilled down by name; the XLSX form. */
export function MonthlyReportPage() {
  const { t, i18n } = useTranslation(['reports', 'common']);
  const { message } = App.useApp();
  const scope = useReportScope();
  const report = useMonthlyReport(scope.period, scope.org);
  const take = useTakeSnapshot();
  const canTake = useCanTakeSnapshot();
  const [downloading, setDownloading] = useState(false);

  const onTake = () =>
    take.mutate(undefined, {
      onSuccess: (snapshot) => {
        void message.success(t('monthly.taken', { period: periodLabel(snapshot.period, i18n.language) }));
        scope.setPeriod(snapshot.period);
      },
      onError: (error) => void message.error(error.message),
    });

  const onDownload = async () => {
    if (!scope.period) return;
    setDownloading(true);
    try {
      const name = await downloadMonthlyXlsx(scope.period, scope.org);
      void message.success(t('monthly.downloaded', { name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    } finally {
      setDownloading(false);
    }
  };

  const takeButton = canTake && (
    <Button icon={<CameraOutlined />} loading={take.isPending} onClick={onTake} data-testid="take-snapshot">
      {t('monthly.take')}
    </Button>
  );
  const noSnapshot = scope.snapshots.isSuccess && scope.periods.length === 0;

  return (
    <Card title={t('monthly.title')}>
      <Typography.Paragraph type="secondary">{t('monthly.hint')}</Typography.Paragraph>
      {scope.snapshots.isError && <Alert type="error" showIcon title={scope.snapshots.error.message} />}
      {noSnapshot && (
        <Empty description={t('monthly.empty')} data-testid="monthly-empty">
          {takeButton}
        </Empty>
      )}
      {!noSnapshot && (
        <ScopeBar
          scope={scope}
          shown={report.data?.organisation}
          extra={
            <>
              {takeButton}
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={downloading}
                disabled={!report.data}
                onClick={() => void onDownload()}
                data-testid="download-monthly"
              >
                {t('monthly.download')}
              </Button>
            </>
          }
        />
      )}
      {report.isError && <Alert type="error" showIcon title={report.error.message} style={{ marginBottom: 16 }} />}
      {(scope.snapshots.isPending || (report.isPending && scope.period)) && <Skeleton active />}
      {report.data && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('monthly.takenAt', { time: new Date(report.data.taken_at).toLocaleString(i18n.language) })}
          </Typography.Paragraph>
          <MonthlyTable report={report.data} orgLink={scope.orgLink} />
        </>
      )}
    </Card>
  );
}
