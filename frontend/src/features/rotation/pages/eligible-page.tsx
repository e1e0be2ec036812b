import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Card, Col, Flex, Input, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { SchoolSelect } from '@/components/school-select';
import {
  ROTATION_REASONS,
  schoolYear,
  useEligible,
  type JudgedTeacher,
  type RotationReason,
} from '@/features/rotation/api/rotation-api';
import { CountySelect } from '@/features/rotation/components/pickers';
import { YearSelect, yearParam } from '@/features/rotation/components/year-select';
import { formatCount } from '@/features/rotation/utils/rotation';
import { useCurrentUser } from '@/lib/auth/session';

type EligibleChoice = 'all' | 'yes' | 'no';
type BackboneChoice = 'all' | 'yes' | 'no';

const PAGE_SIZE = 50;

const asBool = (choice: EligibleChoice | BackboneChoice): boolean | undefined => (choice === 'all' ? undefined : choice === 'yes');

/**
 * 资格名单: the county's (or the school's) current teachers judged for a school year — the summary on top (teachers,
 * eligible, eligible backbone, how many are out for each reason), then a page of teachers with filters; each row
 * eligible ✓ or why not, and the teacher's assignment of the year.
 */
export function EligiblePage() {
  const { t } = useTranslation(['rotation', 'common']);
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params, schoolYear());
  const [eligible, setEligible] = useState<EligibleChoice>('all');
  const [reason, setReason] = useState<RotationReason | undefined>();
  const [backbone, setBackbone] = useState<BackboneChoice>('all');
  const [school, setSchool] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const atSchool = user.organisation.level === 'school';
  // The list is a county's (or a school's): above a county, the user picks the county first.
  const aboveCounty = ['central', 'province', 'city'].includes(user.organisation.level);
  const org = params.get('org') ?? undefined;

  const list = useEligible(
    {
      org,
      year,
      eligible: reason ? false : asBool(eligible),
      reason,
      backbone: asBool(backbone),
      school,
      q,
      page,
      page_size: pageSize,
    },
    !aboveCounty || Boolean(org),
  );
  const data = list.data;
  const summary = data?.summary;

  const reset = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };
  const setYear = (value: number) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('year', String(value));
      return next;
    });
    setPage(1);
  };

  const columns: TableColumnsType<JudgedTeacher> = [
    {
      key: 'name',
      title: t('rotation:eligible.columns.name'),
      render: (_, row) => <Link to={`/teachers/${String(row.id)}`}>{row.name}</Link>,
      width: 100,
      fixed: 'left',
    },
    { key: 'no', title: t('rotation:eligible.columns.teacherNo'), dataIndex: 'teacher_no', width: 160 },
    ...(atSchool ? [] : [{ key: 'school', title: t('rotation:eligible.columns.school'), dataIndex: 'school_name', ellipsis: true }]),
    { key: 'entry', title: t('rotation:eligible.columns.entry'), dataIndex: 'school_entry_month', width: 100 },
    {
      key: 'years',
      title: t('rotation:eligible.columns.years'),
      render: (_, row) => (row.years_at_school === null ? '—' : t('rotation:eligible.yearsValue', { years: row.years_at_school })),
      width: 90,
      align: 'right',
    },
    {
      key: 'backbone',
      title: t('rotation:eligible.columns.backbone'),
      render: (_, row) => (row.backbone ? <Tag color="gold">{t('rotation:eligible.columns.backbone')}</Tag> : null),
      width: 90,
    },
    {
      key: 'eligible',
      title: t('rotation:eligible.columns.eligible'),
      render: (_, row) =>
        row.eligible ? (
          <Typography.Text type="success" data-testid="eligible-yes">
            <CheckCircleFilled /> {t('rotation:eligible.yes')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="eligible-no">
            {(ROTATION_REASONS as readonly string[]).includes(row.reason) ? t(`rotation:reasons.${row.reason as RotationReason}`) : row.reason_text}
          </Typography.Text>
        ),
      width: 170,
    },
    {
      key: 'assignment',
      title: t('rotation:eligible.columns.assignment'),
      render: (_, row) =>
        row.assignment ? (
          <Link to={`/rotation/plans/${String(row.assignment.plan_id)}`}>
            {t('rotation:eligible.assignmentValue', {
              school: row.assignment.to_school_name,
              state: t(`rotation:assignmentStates.${row.assignment.state}`),
            })}
          </Link>
        ) : null,
      ellipsis: true,
    },
  ];

  return (
    <Card title={t('rotation:eligible.title')}>
      <Typography.Paragraph type="secondary">{t('rotation:eligible.hint')}</Typography.Paragraph>
      <Flex wrap align="center" gap={12} style={{ marginBottom: 16 }}>
        <YearSelect value={year} onChange={setYear} />
        {aboveCounty && (
          <CountySelect
            value={org}
            onChange={(code) => {
              setParams((current) => {
                const next = new URLSearchParams(current);
                if (code) next.set('org', code);
                else next.delete('org');
                return next;
              });
              setSchool(undefined);
              setPage(1);
            }}
          />
        )}
        {data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rotation:yearHint', { date: data.reference_date })}
          </Typography.Text>
        )}
      </Flex>
      {aboveCounty && !org && <Alert type="info" showIcon title={t('rotation:eligible.pickCountyHint')} style={{ marginBottom: 16 }} />}
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      {summary && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="eligible-summary">
          <Col xs={12} md={6}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t('rotation:eligible.teachers')} value={summary.teachers} groupSeparator="," data-testid="eligible-teachers" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t('rotation:eligible.eligible')} value={summary.eligible} groupSeparator="," data-testid="eligible-count" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('rotation:eligible.eligibleBackbone')} {formatCount(summary.eligible_backbone)}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" style={{ height: '100%' }} title={t('rotation:eligible.notEligible')} data-testid="eligible-reasons">
              <Flex wrap gap={8}>
                {ROTATION_REASONS.map((key) => (
                  <Tag
                    key={key}
                    color={reason === key ? 'blue' : undefined}
                    style={{ cursor: 'pointer', marginInlineEnd: 0 }}
                    onClick={() => reset(setReason)(reason === key ? undefined : key)}
                  >
                    {t(`rotation:reasons.${key}`)} {formatCount(summary.reasons[key])}
                  </Tag>
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
      <Flex wrap gap={12} style={{ marginBottom: 16 }} data-testid="eligible-filters">
        <Input.Search
          allowClear
          placeholder={t('rotation:eligible.search')}
          aria-label={t('rotation:eligible.search')}
          onSearch={reset(setQ)}
          style={{ width: 240 }}
          data-testid="eligible-search"
        />
        <Select<EligibleChoice>
          aria-label={t('rotation:eligible.filterEligible')}
          value={reason ? 'no' : eligible}
          onChange={(value) => {
            setEligible(value);
            if (value !== 'no') setReason(undefined);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('rotation:eligible.all') },
            { value: 'yes', label: t('rotation:eligible.onlyEligible') },
            { value: 'no', label: t('rotation:eligible.onlyNot') },
          ]}
          style={{ width: 130 }}
          data-testid="eligible-filter"
        />
        <Select<RotationReason>
          aria-label={t('rotation:eligible.reason')}
          value={reason}
          onChange={reset(setReason)}
          allowClear
          placeholder={t('rotation:eligible.allReasons')}
          options={ROTATION_REASONS.map((key) => ({ value: key, label: t(`rotation:reasons.${key}`) }))}
          style={{ width: 180 }}
        />
        <Select<BackboneChoice>
          aria-label={t('rotation:eligible.backbone')}
          value={backbone}
          onChange={reset(setBackbone)}
          options={[
            { value: 'all', label: t('rotation:eligible.anyBackbone') },
            { value: 'yes', label: t('rotation:eligible.onlyBackbone') },
            { value: 'no', label: t('rotation:eligible.notBackbone') },
          ]}
          style={{ width: 140 }}
        />
        {!atSchool && (
          <SchoolSelect
            value={school}
            onChange={reset(setSchool)}
            placeholder={t('rotation:eligible.allSchools')}
            aria-label={t('rotation:eligible.school')}
            style={{ width: 240 }}
          />
        )}
      </Flex>
      <Table<JudgedTeacher>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.results ?? []}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('rotation:eligible.empty') }}
        data-testid="eligible-table"
        pagination={{
          current: page,
          pageSize,
          total: data?.count ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('rotation:people', { count: total }),
          onChange: (next, size) => {
            setPage(size !== pageSize ? 1 : next);
            setPageSize(size);
          },
        }}
      />
    </Card>
  );
}
