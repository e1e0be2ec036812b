import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useOrgCounts } from '@/features/dashboard/api/get-org-counts';
import { HomeTodosPanel } from '@/features/dashboard/components/home-todos';
import { ReportsDashboard } from '@/features/dashboard/components/reports-dashboard';
import { hasCapability, useCurrentUser } from '@/lib/auth/session';
import { levelsBelow } from '@/lib/org-levels';

export function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'common']);
  const user = useCurrentUser();
  const org = user.organisation;
  const counts = useOrgCounts(org.code);
  const shownLevels = levelsBelow(org.level);
  // County and above: the dashboard of their subtree; a school keeps its own progress (the to-dos).
  const reports = org.level !== 'school' && hasCapability(user, 'reports.view');
  const orgPath = user.organisation_path.map((item) => item.name).join(' / ');

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('dashboard:welcome', { name: user.display_name || user.username })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('dashboard:yourOrg', { org: orgPath || org.name })}
        </Typography.Text>
      </Card>
      <HomeTodosPanel />
      {reports && <ReportsDashboard />}
      {!reports && shownLevels.length > 0 && (
      <Card
        title={
          <span>
            <ApartmentOutlined style={{ marginRight: 8 }} />
            {t('dashboard:subtreeCounts')}
          </span>
        }
        extra={<Typography.Text type="secondary">{t('dashboard:countsHint')}</Typography.Text>}
      >
        {counts.isError ? (
          <Alert type="error" showIcon title={counts.error.message} />
        ) : (
          <Row gutter={[16, 16]}>
            {shownLevels.map((level) => (
              <Col key={level} xs={12} md={6}>
                {counts.data ? (
                  <Statistic
                    title={t(`common:levelCounts.${level}`)}
                    value={counts.data[level]}
                    groupSeparator=","
                    data-testid={`count-${level}`}
                  />
                ) : (
                  <Skeleton active paragraph={false} />
                )}
              </Col>
            ))}
          </Row>
        )}
      </Card>
      )}
    </div>
  );
}
