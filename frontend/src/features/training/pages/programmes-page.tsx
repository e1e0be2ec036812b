import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Input, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { LoadMore } from '@/components/load-more';
import { LEVEL_TABLE, useProgrammes, type Programme, type ProgrammeFilters } from '@/features/training/api/training-api';
import { CodeSelect } from '@/components/code-select';
import { ProgrammeFormDrawer } from '@/features/training/components/programme-form-drawer';
import { useCapability } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';

/** 培训项目: the programmes of the user's subtree and of the levels above, newest first, filtered in the URL. */
export function ProgrammesPage() {
  const { t } = useTranslation(['training', 'common']);
  const navigate = useNavigate();
  const canManage = useCapability('training.manage');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filters: ProgrammeFilters = useMemo(
    () => ({
      q: params.get('q') ?? undefined,
      level: params.get('level') ?? undefined,
      running_on: params.get('running_on') ?? undefined,
    }),
    [params],
  );
  const programmes = useProgrammes(filters);
  const rows = loadedRows(programmes.data);

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<Programme> = [
    {
      key: 'name',
      title: t('training:programmes.fields.name'),
      render: (_, programme) => (
        <div>
          <Link to={`/training/programmes/${String(programme.id)}`}>{programme.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {programme.organisation.name}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: 'level',
      title: t('training:programmes.fields.level'),
      render: (_, programme) => `${programme.level_name} · ${programme.form_name}`,
      width: 150,
      responsive: ['md'],
    },
    { key: 'hours', title: t('training:programmes.fields.hours'), dataIndex: 'hours', width: 70, align: 'right' },
    {
      key: 'dates',
      title: t('training:programmes.fields.dates'),
      render: (_, programme) => `${programme.start_date} ~ ${programme.end_date}`,
      width: 200,
      responsive: ['sm'],
    },
    {
      key: 'progress',
      title: t('training:programmes.fields.progress'),
      render: (_, programme) =>
        t('training:programmes.progressText', { enrolled: programme.enrolled, completed: programme.completed, confirmed: programme.confirmed }),
      width: 220,
      responsive: ['lg'],
    },
  ];

  return (
    <Card
      title={t('training:programmes.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="programme-create">
            {t('training:programmes.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('training:programmes.hint')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('training:programmes.search')}
          aria-label={t('training:programmes.search')}
          onSearch={(value) => setParam('q', value.trim() || undefined)}
          style={{ width: 260 }}
        />
        <CodeSelect
          table={LEVEL_TABLE}
          allowClear
          aria-label={t('training:programmes.level')}
          placeholder={t('training:programmes.allLevels')}
          value={filters.level}
          onChange={(value) => setParam('level', typeof value === 'string' ? value : undefined)}
          style={{ minWidth: 160 }}
        />
        <DatePicker
          aria-label={t('training:programmes.runningOn')}
          placeholder={t('training:programmes.runningOn')}
          value={filters.running_on ? dayjs(filters.running_on) : null}
          onChange={(day) => setParam('running_on', day ? day.format('YYYY-MM-DD') : undefined)}
        />
      </Flex>
      {programmes.isError && <Alert type="error" showIcon title={programmes.error.message} style={{ marginBottom: 12 }} />}
      <Table<Programme>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={programmes.isPending}
        pagination={false}
        tableLayout="fixed"
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canManage ? t('training:programmes.emptyManage') : t('training:programmes.empty')} />
          ),
        }}
        data-testid="programmes-table"
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <LoadMore pages={programmes} shown={rows.length} />
      </div>
      {creating && (
        <ProgrammeFormDrawer onClose={() => setCreating(false)} onSaved={(saved) => void navigate(`/training/programmes/${String(saved.id)}`)} />
      )}
    </Card>
  );
}
