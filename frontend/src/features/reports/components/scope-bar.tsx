import { Breadcrumb, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useOrganisations, type OrganisationRef } from '@/features/reports/api/reports-api';
import type { ReportScope } from '@/features/reports/components/use-report-scope';
import { codesBetween, periodLabel } from '@/features/reports/utils/figures';
import { useCurrentUser } from '@/lib/auth/session';

/** The organisations from the user's own down to the one shown, each a link back up (the last one is text). */
function OrgTrail({ scope, shown }: { scope: ReportScope; shown: OrganisationRef | undefined }) {
  const user = useCurrentUser();
  const own = user.organisation;
  const drilled = shown && shown.code !== own.code ? shown.code : undefined;
  const [shownOrg] = useOrganisations(drilled ? [drilled] : []);
  const between = drilled && shownOrg?.data ? codesBetween(shownOrg.data.path, own.code, drilled) : [];
  const middle = useOrganisations(between);

  const items: { key: string; title: ReactNode }[] = [
    {
      key: own.code,
      title: drilled ? <Link to={scope.orgLink(null)}>{own.name}</Link> : own.name,
    },
    ...between.map((code, index) => ({
      key: code,
      title: <Link to={scope.orgLink(code)}>{middle[index]?.data?.name ?? code}</Link>,
    })),
    ...(drilled && shown ? [{ key: shown.code, title: shown.name }] : []),
  ];
  return <Breadcrumb items={items} data-testid="report-org-trail" />;
}

/** The month (one of the snapshots) and the organisation trail above a report. */
export function ScopeBar({ scope, shown, extra }: { scope: ReportScope; shown: OrganisationRef | undefined; extra?: ReactNode }) {
  const { t, i18n } = useTranslation('reports');
  return (
    <div
      className="report-no-print"
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}
    >
      <Space wrap size="middle" align="center">
        <Space size="small">
          <Typography.Text type="secondary">{t('choose.period')}</Typography.Text>
          <Select
            aria-label={t('choose.period')}
            data-testid="report-period"
            value={scope.period}
            onChange={scope.setPeriod}
            style={{ minWidth: 132 }}
            options={scope.periods.map((period) => ({ value: period, label: periodLabel(period, i18n.language) }))}
          />
        </Space>
        <Space size="small">
          <Typography.Text type="secondary">{t('choose.organisation')}</Typography.Text>
          <OrgTrail scope={scope} shown={shown} />
        </Space>
      </Space>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}
