import { Alert, Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

import { useSummary } from '@/features/dashboard/api/get-reports';
import { ChildrenRanking } from '@/features/dashboard/components/children-ranking';
import { HeadlineFigures } from '@/features/dashboard/components/headline-figures';
import { ScopeBar, useReportScope } from '@/features/dashboard/components/scope-bar';
import { StructureCharts } from '@/features/dashboard/components/structure-charts';

/**
 * The dashboard of a county, city, province or the Ministry (UX.md, home pages): the scope's headline figures, its
 * children ranked (a click drills down, `?org=`), and the structure of its teachers — for one kind of school and
 * 全部 / 专任 if chosen. The figures come from the summary tables; echarts downloads after the headline.
 */
export function ReportsDashboard() {
  const { t } = useTranslation('dashboard');
  const [scope, setScope] = useReportScope();
  const headcount = useSummary({ ...scope, by: '' });
  const organisation = headcount.data?.organisation;
  const orgName = organisation?.name ?? '';
  const empty = headcount.data?.total === 0;

  return (
    <Flex vertical gap={16} data-testid="reports-dashboard">
      <ScopeBar
        scope={scope}
        onChange={setScope}
        currentName={organisation?.name}
        refreshedAt={headcount.data ? headcount.data.refreshed_at : undefined}
      />
      {headcount.isError ? (
        <Alert type="error" showIcon title={t('reports.loadFailed')} description={headcount.error.message} data-testid="reports-error" />
      ) : (
        <>
          <HeadlineFigures scope={scope} level={organisation?.level} />
          {empty ? (
            <Empty description={t('reports.noTeachers')} data-testid="reports-empty" style={{ padding: 24 }} />
          ) : (
            <>
              {organisation?.level !== 'school' && (
                <ChildrenRanking scope={scope} orgName={orgName} onDrill={(org) => setScope({ org })} />
              )}
              <StructureCharts scope={scope} orgName={orgName} />
            </>
          )}
        </>
      )}
    </Flex>
  );
}
