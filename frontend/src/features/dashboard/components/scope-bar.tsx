import { Breadcrumb, Card, Flex, Segmented, Select, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import {
  isSchoolType,
  organisationQueryOptions,
  SCHOOL_TYPES,
  type ReportScope,
  type SchoolType,
  type Staff,
} from '@/features/dashboard/api/get-reports';
import { trailCodes } from '@/features/dashboard/utils/report-shaping';
import { useCurrentUser } from '@/lib/auth/session';

/** The URL of the dashboard for a scope (`?org=` only below the user's own organisation). */
export function scopeSearch(scope: ReportScope, own: string): string {
  const params = new URLSearchParams();
  if (scope.org !== own) params.set('org', scope.org);
  if (scope.schoolType) params.set('school_type', scope.schoolType);
  if (scope.staff === 'fulltime') params.set('staff', 'fulltime');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The dashboard's scope from the URL (`?org=&school_type=&staff=`), and a way to change it. */
export function useReportScope(): [ReportScope, (next: Partial<ReportScope>) => void] {
  const user = useCurrentUser();
  const own = user.organisation.code;
  const [params, setParams] = useSearchParams();
  const schoolType = params.get('school_type');
  const scope: ReportScope = {
    org: params.get('org') || own,
    schoolType: isSchoolType(schoolType) ? schoolType : undefined,
    staff: params.get('staff') === 'fulltime' ? 'fulltime' : 'all',
  };
  const { org, schoolType: kind, staff } = scope;
  const change = useCallback(
    (next: Partial<ReportScope>) => setParams(new URLSearchParams(scopeSearch({ org, schoolType: kind, staff, ...next }, own))),
    [org, kind, staff, own, setParams],
  );
  return [scope, change];
}

/** 兰州市 / 城关区: from the user's own organisation down to the one shown, each a link back up. */
function ScopeTrail({ scope, currentName }: { scope: ReportScope; currentName?: string }) {
  const { t } = useTranslation('dashboard');
  const user = useCurrentUser();
  const own = user.organisation;
  const below = scope.org !== own.code;
  const detail = useQuery({ ...organisationQueryOptions(scope.org), enabled: below });
  const codes = below ? (detail.data ? trailCodes(detail.data.path, scope.org, own.code) : [own.code, scope.org]) : [own.code];
  const between = codes.slice(1, -1);
  const names = useQueries({ queries: between.map((code) => organisationQueryOptions(code)) });
  const nameOf = (code: string, index: number): string => {
    if (code === own.code) return own.name;
    if (code === scope.org) return currentName ?? detail.data?.name ?? '…';
    return names[index - 1]?.data?.name ?? '…';
  };
  return (
    <nav aria-label={t('reports.breadcrumb')}>
      <Breadcrumb
        data-testid="report-trail"
        items={codes.map((code, index) => ({
          key: code,
          title:
            index === codes.length - 1 ? (
              <Typography.Text strong>{nameOf(code, index)}</Typography.Text>
            ) : (
              <Link to={{ search: scopeSearch({ ...scope, org: code }, own.code) }}>{nameOf(code, index)}</Link>
            ),
        }))}
      />
    </nav>
  );
}

interface ScopeBarProps {
  scope: ReportScope;
  onChange: (next: Partial<ReportScope>) => void;
  currentName?: string;
  refreshedAt?: string | null;
}

/** Where the figures are from and which: the scope's path, the kind of school and 全部 / 专任. */
export function ScopeBar({ scope, onChange, currentName, refreshedAt }: ScopeBarProps) {
  const { t } = useTranslation(['dashboard', 'orgs']);
  return (
    <Card size="small" data-testid="report-scope">
      <Flex gap={12} align="center" justify="space-between" wrap>
        <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{t('dashboard:reports.scope')}</Typography.Text>
          <ScopeTrail scope={scope} currentName={currentName} />
        </Flex>
        <Flex gap={8} align="center" wrap>
          <Select<SchoolType | ''>
            aria-label={t('dashboard:reports.schoolType')}
            data-testid="report-school-type"
            value={scope.schoolType ?? ''}
            style={{ minWidth: 160 }}
            onChange={(value) => onChange({ schoolType: value || undefined })}
            options={[
              { value: '', label: t('dashboard:reports.allSchoolTypes') },
              ...SCHOOL_TYPES.map((kind) => ({ value: kind, label: t(`orgs:stages.${kind}`) })),
            ]}
          />
          <Segmented<Staff>
            aria-label={t('dashboard:reports.filters')}
            data-testid="report-staff"
            value={scope.staff}
            onChange={(value) => onChange({ staff: value })}
            options={[
              { value: 'all', label: t('dashboard:reports.staffAll') },
              { value: 'fulltime', label: t('dashboard:reports.staffFulltime') },
            ]}
          />
        </Flex>
      </Flex>
      {refreshedAt !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }} data-testid="report-refreshed">
          {refreshedAt ? t('dashboard:reports.refreshedAt', { time: dayjs(refreshedAt).format('YYYY-MM-DD HH:mm') }) : t('dashboard:reports.notRefreshed')}
        </Typography.Text>
      )}
    </Card>
  );
}
