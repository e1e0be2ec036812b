import { ApartmentOutlined, AuditOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useOrgCounts } from '@/features/dashboard/api/get-org-counts';
import { useCollection, useSummary, type ReportScope } from '@/features/dashboard/api/get-reports';
import { approvalOf, formatRate, shareOf } from '@/features/dashboard/utils/report-shaping';
import { levelsBelow } from '@/lib/org-levels';

interface FigureProps {
  testId: string;
  title: string;
  icon: ReactNode;
  value?: number | string;
  note?: ReactNode;
  error?: string;
}

function Figure({ testId, title, icon, value, note, error }: FigureProps) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : value === undefined ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Statistic
            title={
              <span>
                {icon} {title}
              </span>
            }
            value={value}
            groupSeparator=","
            data-testid={testId}
          />
          {note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {note}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}

/** 教职工总数 · 专任教师 · 学校 · 审核通过率 of the scope, before any chart (no echarts needed). */
export function HeadlineFigures({ scope, level }: { scope: ReportScope; level?: string }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const all = useSummary({ ...scope, staff: 'all', by: '' });
  const fulltime = useSummary({ ...scope, staff: 'fulltime', by: '' });
  const states = useSummary({ ...scope, by: 'record_state' });
  const counts = useOrgCounts(scope.org);
  // 采集率: the archives against the 教育事业统计 headcount of the year, where entered (not per school kind).
  const collection = useCollection(scope.org, new Date().getFullYear());
  const rate = collection.data?.staff ? collection.data.collection_rate : null;
  const failed = t('dashboard:reports.loadFailed');

  const approval = states.data ? approvalOf(states.data.rows, states.data.total) : undefined;
  const units = counts.data
    ? levelsBelow(level ?? '')
        .filter((below) => below !== 'school' && counts.data[below] > 0)
        .map((below) => t('dashboard:reports.unitCount', { count: counts.data[below], level: t(`common:levelCounts.${below}`) }))
    : [];

  return (
    <Row gutter={[16, 16]} data-testid="headline-figures">
      <Col xs={12} lg={6}>
        <Figure
          testId="headline-teachers"
          title={t('dashboard:reports.teachers')}
          icon={<TeamOutlined />}
          value={all.data?.total}
          error={all.isError ? failed : undefined}
          note={
            rate !== null && collection.data ? (
              <span data-testid="headline-collection">
                {t('dashboard:reports.collectionHint', {
                  rate: formatRate(rate),
                  expected: (collection.data.staff ?? 0).toLocaleString('en-US'),
                })}
              </span>
            ) : (
              t('dashboard:reports.teachersHint')
            )
          }
        />
      </Col>
      <Col xs={12} lg={6}>
        <Figure
          testId="headline-fulltime"
          title={t('dashboard:reports.fulltime')}
          icon={<UserOutlined />}
          value={fulltime.data?.total}
          error={fulltime.isError ? failed : undefined}
          note={
            fulltime.data && all.data
              ? t('dashboard:reports.fulltimeHint', { rate: formatRate(shareOf(fulltime.data.total, all.data.total)) })
              : undefined
          }
        />
      </Col>
      <Col xs={12} lg={6}>
        <Figure
          testId="count-school"
          title={t('dashboard:reports.schools')}
          icon={<ApartmentOutlined />}
          value={counts.data?.school}
          error={counts.isError ? failed : undefined}
          note={
            units.length > 0
              ? t('dashboard:reports.schoolsWith', { units: units.join(t('dashboard:reports.unitSeparator')) })
              : t('dashboard:reports.schoolsHint')
          }
        />
      </Col>
      <Col xs={12} lg={6}>
        <Figure
          testId="headline-approval"
          title={t('dashboard:reports.approval')}
          icon={<AuditOutlined />}
          value={approval ? formatRate(approval.rate) : undefined}
          error={states.isError ? failed : undefined}
          note={
            approval && (
              <>
                <Progress
                  percent={approval.rate === null ? 0 : Math.round(approval.rate * 1000) / 10}
                  showInfo={false}
                  size="small"
                  aria-hidden
                  style={{ margin: 0 }}
                />
                <span data-testid="headline-approval-detail">
                  {t('dashboard:reports.approvalDetail', {
                    approved: approval.approved.toLocaleString('en-US'),
                    total: approval.total.toLocaleString('en-US'),
                  })}
                </span>
              </>
            )
          }
        />
      </Col>
    </Row>
  );
}
