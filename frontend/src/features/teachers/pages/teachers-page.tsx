import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Grid, Input, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import {
  initialTeacherFilters,
  useTeachers,
  type Teacher,
  type TeacherFilters,
  type TeacherPage,
} from '@/features/teachers/api/teachers-api';
import { TeacherFiltersBar } from '@/features/teachers/components/teacher-filters';
import { RecordStateTag } from '@/features/teachers/components/record-state-tag';
import { looksLikeIdNumber } from '@/features/teachers/utils/teacher-form';
import { useCapability, useCurrentUser } from '@/lib/auth/session';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

interface TeachersPageProps {
  /** More toolbar buttons for the applied filters (the app composes them, e.g. 导出 from the export feature). */
  actions?: (filters: TeacherFilters) => ReactNode;
}

/** The name linking to the archive, marked 已离开 for a teacher who has left (the list's 已离开 / 全部). */
function TeacherName({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation('changes');
  // A long name gives way (ellipsis, the full name on hover); the tag is never cut.
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, maxWidth: '100%', verticalAlign: 'middle' }}>
      <Link
        to={`/teachers/${teacher.id}`}
        title={teacher.name}
        style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      >
        {teacher.name}
      </Link>
      {!teacher.active && (
        <Tag style={{ marginInlineEnd: 0, flex: 'none' }} data-testid="teacher-left">
          {t('statusFilter.left')}
        </Tag>
      )}
    </span>
  );
}

export function TeachersPage({ actions }: TeachersPageProps = {}) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const navigate = useNavigate();
  const canChange = useCapability('teachers.change');
  const user = useCurrentUser();
  const narrow = !Grid.useBreakpoint().md;
  // `?org=CODE` (the dashboard's drill-down to a school) opens the list on that organisation's archives.
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<TeacherFilters>(() => {
    const initial = initialTeacherFilters(user.organisation.level);
    const org = searchParams.get('org');
    return org ? { ...initial, org } : initial;
  });
  const [text, setText] = useState('');
  const teachers = useTeachers(filters);
  const genders = useQuery(codeItemsQueryOptions('gender'));
  const genderName = new Map((genders.data ?? []).map((item) => [item.code, localName(i18n.language, item.name, item.name_en)]));
  const rows = loadedRows(teachers.data);
  const first: TeacherPage | undefined = teachers.data?.pages[0];
  const filtered =
    Object.keys(filters.codes ?? {}).length > 0 ||
    [filters.q, filters.id_number, filters.id_prefix, filters.org, filters.status, filters.record_state, filters.school_stage, filters.full_time_teacher].some(
      (value) => value !== undefined,
    );

  const search = (value: string) => {
    const term = value.trim();
    const idLike = term && looksLikeIdNumber(term);
    // A whole number is looked up exactly; 6 to 17 leading characters are a prefix (the region, the birth date …).
    const prefix = term && /^\d{6,17}$/.test(term);
    setFilters((current) => ({
      ...current,
      q: term && !idLike && !prefix ? term : undefined,
      id_number: idLike && term.length >= 15 ? term.toUpperCase() : undefined,
      id_prefix: (idLike && term.length < 15) || prefix ? term.toUpperCase() : undefined,
    }));
  };

  const columns: TableColumnsType<Teacher> = [
    {
      title: t('teachers:columns.name'),
      key: 'name',
      // 已离开 / 全部人员 tag the teachers who have left: room for a name and the tag.
      width: filters.status === 'left' || filters.status === 'all' ? 170 : 110,
      ellipsis: true,
      render: (_, teacher) => <TeacherName teacher={teacher} />,
    },
    { title: t('teachers:columns.teacherNo'), dataIndex: 'teacher_no', key: 'teacher_no', width: 170 },
    {
      title: t('teachers:columns.gender'),
      key: 'gender',
      width: 70,
      render: (_, teacher) => genderName.get(teacher.gender) ?? '',
    },
    { title: t('teachers:columns.idNumber'), dataIndex: 'id_number', key: 'id_number', width: 180 },
    { title: t('teachers:columns.school'), dataIndex: 'school_name', key: 'school', ellipsis: true },
    {
      title: t('teachers:columns.state'),
      key: 'state',
      width: 100,
      render: (_, teacher) => <RecordStateTag state={teacher.record_state} />,
    },
    {
      title: t('teachers:columns.updated'),
      key: 'updated',
      width: 150,
      render: (_, teacher) => dayjs(teacher.updated_at).format('YYYY-MM-DD HH:mm'),
    },
  ];

  const emptyText = filtered ? (
    t('teachers:emptyFiltered')
  ) : (
    <span>
      {t('teachers:empty')}{' '}
      {canChange ? (
        <>
          <Link to="/teachers/new">{t('teachers:emptyAction')}</Link> {t('teachers:emptyOr')}{' '}
          <Link to="/teachers/import">{t('teachers:emptyImport')}</Link>
        </>
      ) : (
        t('teachers:emptyAction')
      )}
    </span>
  );

  return (
    <Card
      title={t('teachers:title')}
      extra={
        <Space size="small">
          {actions?.(filters)}
          {canChange && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/teachers/new')}>
              {t('teachers:create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} size="small">
        <Input.Search
          aria-label={t('teachers:search')}
          placeholder={t('teachers:searchPlaceholder')}
          allowClear
          style={{ width: narrow ? '100%' : 240 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (!event.target.value) search('');
          }}
          onSearch={search}
        />
        <TeacherFiltersBar filters={filters} onChange={setFilters} />
      </Space>
      {teachers.isError && <Alert type="error" showIcon title={teachers.error.message} style={{ marginBottom: 16 }} />}
      {first?.count !== undefined && (
        <Typography.Text type="secondary" data-testid="teachers-total" style={{ display: 'block', marginBottom: 8 }}>
          {t(first.countEstimated ? 'teachers:totalEstimated' : 'teachers:total', { count: first.count })}
        </Typography.Text>
      )}
      {narrow ? (
        <List<Teacher>
          data-testid="teachers-cards"
          dataSource={rows}
          loading={teachers.isPending}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
          renderItem={(teacher) => (
            <List.Item key={teacher.id} extra={<RecordStateTag state={teacher.record_state} />}>
              <List.Item.Meta
                title={<TeacherName teacher={teacher} />}
                description={
                  <>
                    <div>{teacher.school_name}</div>
                    <div>
                      {genderName.get(teacher.gender) ?? ''} · {teacher.id_number}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Teacher>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={teachers.isPending}
          pagination={false}
          tableLayout="fixed"
          data-testid="teachers-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={teachers} shown={rows.length} />
      </div>
    </Card>
  );
}
