import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Select, Skeleton, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import {
  downloadGapXlsx,
  downloadTemplate,
  useGap,
  useOrganisations,
  useSetHeadcount,
  type GapRow,
} from '@/features/headcounts/api/headcounts-api';
import { GapTable } from '@/features/headcounts/components/gap-table';
import { ImportModal } from '@/features/headcounts/components/import-modal';
import { chooseYear, codesBetween, yearOptions } from '@/features/headcounts/utils/gap';
import { useCurrentUser } from '@/lib/auth/session';

/** The year and organisation shown, kept in the URL (`?year=YYYY&org=CODE`). */
function useScope() {
  const [searchParams, setSearchParams] = useSearchParams();
  const current = new Date().getFullYear();
  const year = chooseYear(searchParams.get('year'), current);
  const org = searchParams.get('org') ?? undefined;
  const link = (code: string | null) => {
    const params = new URLSearchParams(searchParams);
    if (code) params.set('org', code);
    else params.delete('org');
    const query = params.toString();
    return query ? `?${query}` : '?';
  };
  const setYear = (value: number) => {
    const params = new URLSearchParams(searchParams);
    params.set('year', String(value));
    setSearchParams(params);
  };
  return { year, org, years: yearOptions(current), link, setYear };
}

/** The organisations from the user's own down to the one shown, each a link back up. */
function OrgTrail({ shown, link }: { shown: { code: string; name: string } | undefined; link: (code: string | null) => string }) {
  const own = useCurrentUser().organisation;
  const drilled = shown && shown.code !== own.code ? shown.code : undefined;
  const [shownOrg] = useOrganisations(drilled ? [drilled] : []);
  const between = drilled && shownOrg?.data ? codesBetween(shownOrg.data.path, own.code, drilled) : [];
  const middle = useOrganisations(between);
  const items: { key: string; title: ReactNode }[] = [
    { key: own.code, title: drilled ? <Link to={link(null)}>{own.name}</Link> : own.name },
    ...between.map((code, index) => ({ key: code, title: <Link to={link(code)}>{middle[index]?.data?.name ?? '…'}</Link> })),
    ...(drilled && shown ? [{ key: shown.code, title: shown.name }] : []),
  ];
  return <Breadcrumb items={items} data-testid="gap-org-trail" />;
}

/** 统计人数: the statistics figures against the archives collected, per child organisation, editable per school. */
export function HeadcountsPage() {
  const { t, i18n } = useTranslation(['headcounts', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const scope = useScope();
  const gap = useGap(scope.org, scope.year);
  const save = useSetHeadcount();
  const [importing, setImporting] = useState(false);
  const [downloading, setDownloading] = useState<'gap' | 'template' | null>(null);
  const canEnter = user.capabilities.includes('headcounts.manage') && user.organisation.level !== 'school';

  const download = async (what: 'gap' | 'template') => {
    setDownloading(what);
    try {
      const name = await (what === 'gap' ? downloadGapXlsx : downloadTemplate)(scope.org, scope.year);
      void message.success(t('downloaded', { name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    } finally {
      setDownloading(null);
    }
  };

  const onSave = async (row: GapRow, fulltime: number, staff: number) => {
    try {
      await save.mutateAsync({ school: row.organisation.code, year: scope.year, fulltime, staff });
      void message.success(t('edit.saved', { name: row.organisation.name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
      throw error;
    }
  };

  const total = gap.data?.total;
  const missing = total ? total.schools - total.schools_with_figure : 0;

  return (
    <Card title={t('title')}>
      <Typography.Paragraph type="secondary">{t('hint')}</Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap size="middle" align="center">
          <Space size="small">
            <Typography.Text type="secondary">{t('year')}</Typography.Text>
            <Select
              aria-label={t('year')}
              data-testid="gap-year"
              value={scope.year}
              onChange={scope.setYear}
              style={{ minWidth: 100 }}
              options={scope.years.map((year) => ({ value: year, label: i18n.language.startsWith('zh') ? `${String(year)}年` : String(year) }))}
            />
          </Space>
          <Space size="small">
            <Typography.Text type="secondary">{t('organisation')}</Typography.Text>
            <OrgTrail shown={gap.data?.organisation} link={scope.link} />
          </Space>
        </Space>
        <Space wrap>
          {canEnter && (
            <>
              <Button icon={<FileExcelOutlined />} loading={downloading === 'template'} onClick={() => void download('template')} data-testid="download-template">
                {t('template')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="open-import">
                {t('import')}
              </Button>
            </>
          )}
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={downloading === 'gap'}
            disabled={!gap.data}
            onClick={() => void download('gap')}
            data-testid="download-gap"
          >
            {t('download')}
          </Button>
        </Space>
      </div>
      {gap.isError && <Alert type="error" showIcon title={gap.error.message} style={{ marginBottom: 16 }} />}
      {gap.isPending && <Skeleton active />}
      {gap.data && (
        <>
          {missing > 0 && total && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('missingFigures', { missing, schools: total.schools })}
              data-testid="gap-missing"
            />
          )}
          {gap.data.refreshed_at && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('refreshedAt', { time: new Date(gap.data.refreshed_at).toLocaleString(i18n.language) })}
            </Typography.Paragraph>
          )}
          <GapTable report={gap.data} orgLink={(code) => scope.link(code)} editable={canEnter} saving={save.isPending} onSave={onSave} />
        </>
      )}
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
