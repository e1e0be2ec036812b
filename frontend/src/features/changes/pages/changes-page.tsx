import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { useChanges } from '@/features/changes/api/changes-api';
import { ChangesTable } from '@/features/changes/components/changes-table';
import { CHANGE_TABS, isChangeTab, tabQuery, type ChangeTab } from '@/features/changes/utils/changes';
import { useCapability } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';

/** 教师变动: the changes in the user's scope, by tab (待调入 · 待调出 · 审核中 · 已完成 · 全部), the tab kept in the URL. */
export function ChangesPage() {
  const { t } = useTranslation('changes');
  const navigate = useNavigate();
  const canApply = useCapability('teachers.change');
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: ChangeTab = isChangeTab(requested) ? requested : 'open';
  const query = useMemo(() => tabQuery(tab), [tab]);
  const changes = useChanges(query);
  const rows = loadedRows(changes.data);

  const empty = (
    <span>
      {t('list.empty')}
      {canApply && (
        <>
          {' '}
          <Link to="/changes/transfer">{t('list.emptyAction')}</Link>
        </>
      )}
    </span>
  );

  return (
    <Card
      title={t('list.title')}
      extra={
        canApply && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/changes/transfer')} data-testid="apply-transfer">
            {t('list.apply')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('list.hint')}</Typography.Paragraph>
      <Tabs
        aria-label={t('list.tabsLabel')}
        activeKey={tab}
        onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
        items={CHANGE_TABS.map((key) => ({ key, label: <span data-testid={`changes-tab-${key}`}>{t(`list.tabs.${key}`)}</span> }))}
      />
      {changes.isError && <Alert type="error" showIcon title={changes.error.message} style={{ marginBottom: 16 }} />}
      <ChangesTable rows={rows} loading={changes.isPending} pages={changes} empty={empty} />
    </Card>
  );
}
