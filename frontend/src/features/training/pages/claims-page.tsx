import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

import { api } from '@/api/client';
import { LoadMore } from '@/components/load-more';
import {
  CLAIM_KINDS,
  useClaims,
  type Claim,
  type ClaimFilters,
  type ClaimKind,
  type ClaimState,
  type TeacherOption,
} from '@/features/training/api/training-api';
import { ClaimDetailDrawer } from '@/features/training/components/claim-detail-drawer';
import { ClaimFormDrawer } from '@/features/training/components/claim-form-drawer';
import { ClaimStateTag } from '@/features/training/components/training-tags';
import { unwrap } from '@/lib/api-error';
import { useCapability, useCurrentUser } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';

const TABS = { open: ['submitted', 'in_review'], returned: ['returned'], approved: ['approved'], all: [] } as const satisfies Record<
  string,
  readonly ClaimState[]
>;
type Tab = keyof typeof TABS;
const isTab = (value: string | null): value is Tab => value !== null && value in TABS;

/** The teacher a claim link names (`?teacher=ID`), for the form's picker. */
function useTeacherOption(id: number | undefined) {
  return useQuery({
    queryKey: ['training', 'teacher-option', id ?? 0] as const,
    queryFn: async (): Promise<TeacherOption> => {
      const teacher = await unwrap(api.GET('/api/v1/teachers/{id}/', { params: { path: { id: id ?? 0 } } }));
      return { id: teacher.id, name: teacher.name, teacher_no: teacher.teacher_no, school_name: teacher.school_name };
    },
    enabled: id !== undefined,
  });
}

/**
 * 学时申报: the claims of the teachers in scope by state (tabs kept in the URL), newest first; a claim opens in a
 * drawer (`?claim=ID`), the form in another (`?new=1`, `&teacher=ID` from the archive). Fillers file one teacher's
 * hours or a programme's participants at once.
 */
export function ClaimsPage() {
  const { t } = useTranslation(['training', 'common']);
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canClaim = useCapability('training.claim');
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'open';
  const kindParam = params.get('kind');
  const kind = (CLAIM_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as ClaimKind) : undefined;
  const year = Number(params.get('year')) || undefined;
  const claimId = Number(params.get('claim')) || undefined;
  const creating = canClaim && params.get('new') === '1';
  const teacherId = Number(params.get('teacher')) || undefined;
  const teacher = useTeacherOption(creating ? teacherId : undefined);
  const filters: ClaimFilters = useMemo(() => ({ state: TABS[tab], kind, year }), [tab, kind, year]);
  const claims = useClaims(filters);
  const rows = loadedRows(claims.data);
  const thisYear = new Date().getFullYear();

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name === 'claim' || name === 'new' ? false : true },
    );
  // A claim just filed opens in the detail drawer as the form closes (one navigation).
  const filed = useRef<number | undefined>(undefined);
  const closeForm = () =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('new');
      next.delete('teacher');
      if (filed.current !== undefined) next.set('claim', String(filed.current));
      filed.current = undefined;
      return next;
    });

  const columns: TableColumnsType<Claim> = [
    {
      key: 'teacher',
      title: t('training:claims.columns.teacher'),
      render: (_, claim) => (
        <div>
          <div>{claim.teacher.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {claim.teacher.teacher_no}
          </Typography.Text>
        </div>
      ),
      width: 140,
    },
    { key: 'title', title: t('training:claims.columns.title'), dataIndex: 'title', ellipsis: { showTitle: true } },
    { key: 'kind', title: t('training:claims.columns.kind'), render: (_, claim) => t(`training:kinds.${claim.kind}`), width: 120, responsive: ['md'] },
    { key: 'hours', title: t('training:claims.columns.hours'), dataIndex: 'hours', width: 70, align: 'right' },
    { key: 'date', title: t('training:claims.columns.date'), dataIndex: 'date', width: 110, responsive: ['sm'] },
    ...(user.organisation.level === 'school'
      ? []
      : [{ key: 'school', title: t('training:claims.columns.school'), render: (_: unknown, claim: Claim) => claim.school.name, ellipsis: true, responsive: ['lg' as const] }]),
    { key: 'state', title: t('training:claims.columns.state'), render: (_, claim) => <ClaimStateTag state={claim.state} />, width: 90 },
  ];

  return (
    <Card
      title={t('training:claims.title')}
      extra={
        canClaim && (
          <Space wrap>
            <Button icon={<TeamOutlined />} onClick={() => void navigate('/training/claims/batch')} data-testid="claims-batch">
              {t('training:claims.batch')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setParam('new', '1')} data-testid="claims-create">
              {t('training:claims.create')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('training:claims.hint')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'open' ? undefined : key)}
        items={(Object.keys(TABS) as Tab[]).map((key) => ({ key, label: t(`training:claims.tabs.${key}`) }))}
        data-testid="claims-tabs"
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select<ClaimKind>
          aria-label={t('training:claims.kind')}
          allowClear
          placeholder={t('training:claims.allKinds')}
          value={kind}
          onChange={(value) => setParam('kind', value)}
          options={CLAIM_KINDS.map((value) => ({ value, label: t(`training:kinds.${value}`) }))}
          style={{ minWidth: 160 }}
        />
        <Select<number>
          aria-label={t('training:claims.year')}
          allowClear
          placeholder={t('training:claims.allYears')}
          value={year}
          onChange={(value) => setParam('year', value ? String(value) : undefined)}
          options={Array.from({ length: 10 }, (_, index) => thisYear - index).map((value) => ({ value, label: String(value) }))}
          style={{ minWidth: 120 }}
        />
      </Flex>
      {claims.isError && <Alert type="error" showIcon title={claims.error.message} style={{ marginBottom: 12 }} />}
      <Table<Claim>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={claims.isPending}
        pagination={false}
        tableLayout="fixed"
        onRow={(claim) => ({ onClick: () => setParam('claim', String(claim.id)), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canClaim ? t('training:claims.emptyFiller') : t('training:claims.empty')} />,
        }}
        data-testid="claims-table"
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <LoadMore pages={claims} shown={rows.length} />
      </div>
      {claimId !== undefined && <ClaimDetailDrawer id={claimId} onClose={() => setParam('claim', undefined)} />}
      {creating && (teacherId === undefined || teacher.data || teacher.isError) && (
        <ClaimFormDrawer
          teacher={teacher.data}
          onClose={closeForm}
          onFiled={(claim) => {
            filed.current = claim.id;
          }}
        />
      )}
    </Card>
  );
}
