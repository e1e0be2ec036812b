import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { OrgTreeSelect } from '@/components/org-tree-select';
import { RECORD_STATES, useTeachers, type RecordState, type Teacher, type TeacherFilters } from '@/features/teachers/api/teachers-api';
import { RecordStateTag } from '@/features/teachers/components/record-state-tag';
import { looksLikeIdNumber } from '@/features/teachers/utils/teacher-form';
import { useCapability } from '@/lib/auth/session';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

interface TeachersPageProps {
  /** More toolbar buttons for the applied filters (the app composes them, e.g. 导出 from the export feature). */
  actions?: (filters: TeacherFilters) => ReactNode;
}

export function TeachersPage({ actions }: TeachersPageProps = {}) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const navigate = useNavigate();
  const canChange = useCapability('teachers.change');
  const [filters, setFilters] = useState<TeacherFilters>({});
  const [text, setText] = useState('');
  const teachers = useTeachers(filters);
  const genders = useQuery(codeItemsQueryOptions('gender'));
  const genderName = new Map((genders.data ?? []).map((item) => [item.code, localName(i18n.language, item.name, item.name_en)]));
  const rows = loadedRows(teachers.data);
  const filtered = Boolean(filters.q || filters.id_number || filters.org || filters.record_state);

  const search = (value: string) => {
    const term = value.trim();
    setFilters((current) => ({
      ...current,
      q: term && !looksLikeIdNumber(term) ? term : undefined,
      id_number: term && looksLikeIdNumber(term) ? term.toUpperCase() : undefined,
    }));
  };

  const columns: TableColumnsType<Teacher> = [
    {
      title: t('teachers:columns.name'),
      key: 'name',
      width: 110,
      ellipsis: true,
      render: (_, teacher) => <Link to={`/teachers/${teacher.id}`}>{teacher.name}</Link>,
    },
    { title: t('teachers:columns.teacherNo'), dataIndex: 'teacher_no', key: 'teacher_no', width: 170 },
    {
      title: t('teachers:columns.gender'),
      key: 'gender',
      width: 70,
      render: (_, teacher) => genderName.get(teacher.gender) ?? teacher.gender,
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
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <Input.Search
          aria-label={t('teachers:search')}
          placeholder={t('teachers:searchPlaceholder')}
          allowClear
          style={{ width: 260 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (!event.target.value) search('');
          }}
          onSearch={search}
        />
        <OrgTreeSelect
          aria-label={t('teachers:filterOrg')}
          placeholder={t('teachers:filterOrgPlaceholder')}
          allowClear
          style={{ width: 260 }}
          value={filters.org}
          onChange={(org) => setFilters((current) => ({ ...current, org }))}
        />
        <Select<RecordState>
          aria-label={t('teachers:filterState')}
          placeholder={t('teachers:allStates')}
          allowClear
          style={{ width: 140 }}
          value={filters.record_state}
          onChange={(state) => setFilters((current) => ({ ...current, record_state: state }))}
          options={RECORD_STATES.map((state) => ({ value: state, label: t(`teachers:states.${state}`) }))}
        />
      </Space>
      {teachers.isError && <Alert type="error" showIcon title={teachers.error.message} style={{ marginBottom: 16 }} />}
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
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={teachers} shown={rows.length} />
      </div>
    </Card>
  );
}
