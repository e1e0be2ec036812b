import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Progress, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import {
  useQualityIssues,
  useQualityRules,
  useQualitySummary,
  type OrgFigures,
  type QualityIssue,
  type QualityRule,
} from '@/features/quality/api/quality-api';
import { drillTarget, formatScore, nextParams, scoreLevel, scoreStatus } from '@/features/quality/utils/quality';
import { useCurrentUser } from '@/lib/auth/session';
import { loadedRows } from '@/lib/cursor-pages';

const count = (value: number) => value.toLocaleString('en-US');

/** A score as a small progress bar with its number (coloured by level, and the number is always shown). */
function ScoreCell({ score }: { score: number | null }) {
  const level = scoreLevel(score);
  if (level === 'none') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Progress
      percent={score ?? 0}
      size="small"
      status={scoreStatus(level)}
      format={() => formatScore(score)}
      style={{ minWidth: 120, margin: 0 }}
      data-level={level}
    />
  );
}

function SummaryView({ org, rules, onOpen }: { org?: string; rules: QualityRule[]; onOpen: (child: OrgFigures) => void }) {
  const { t } = useTranslation('quality');
  const summary = useQualitySummary(org);
  if (summary.isError) return <Alert type="error" showIcon title={summary.error.message} />;
  if (!summary.data) return <Skeleton active />;
  const { total, children } = summary.data;
  const columns: ColumnsType<OrgFigures> = [
    {
      key: 'name',
      title: t('columns.organisation'),
      fixed: 'left',
      render: (_, row) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(row)}>
          {row.organisation.name}
        </Button>
      ),
    },
    { key: 'score', title: t('columns.score'), render: (_, row) => <ScoreCell score={row.score} />, sorter: (a, b) => (a.score ?? 101) - (b.score ?? 101) },
    { key: 'archives', title: t('columns.archives'), align: 'right', render: (_, row) => count(row.archives) },
    { key: 'flagged', title: t('columns.flagged'), align: 'right', render: (_, row) => count(row.flagged), sorter: (a, b) => a.flagged - b.flagged },
    ...rules.map((rule) => ({
      key: rule.code,
      title: rule.name,
      align: 'right' as const,
      render: (_: unknown, row: OrgFigures) => count(row.rules[rule.code] ?? 0),
    })),
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space size={48} wrap data-testid="quality-total">
        <Statistic title={t('total.score', { org: total.organisation.name })} value={formatScore(total.score)} />
        <Statistic title={t('columns.archives')} value={count(total.archives)} />
        <Statistic title={t('columns.flagged')} value={count(total.flagged)} />
        <Statistic title={t('columns.issues')} value={count(total.issues)} />
      </Space>
      <Table<OrgFigures>
        data-testid="quality-summary"
        size="middle"
        bordered
        rowKey={(row) => row.organisation.code}
        columns={columns}
        dataSource={children}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('summary.empty')} /> }}
      />
    </Space>
  );
}

function Worklist({ org, school, rule, rules }: { org?: string; school?: string; rule?: string; rules: QualityRule[] }) {
  const { t, i18n } = useTranslation('quality');
  const issues = useQualityIssues({ org, school, rule });
  const rows = loadedRows(issues.data);
  const columns: ColumnsType<QualityIssue> = [
    {
      key: 'teacher',
      title: t('columns.teacher'),
      render: (_, row) => <Link to={`/teachers/${row.teacher.id}`}>{row.teacher.name}</Link>,
    },
    ...(school ? [] : [{ key: 'school', title: t('columns.school'), render: (_: unknown, row: QualityIssue) => row.school.name }]),
    {
      key: 'rule',
      title: t('columns.rule'),
      render: (_, row) => (
        <Tag color={row.severity === 'error' ? 'red' : 'orange'} data-testid="issue-rule">
          {row.rule_name}
        </Tag>
      ),
    },
    { key: 'message', title: t('columns.message'), dataIndex: 'message' },
    {
      key: 'found',
      title: t('columns.foundAt'),
      render: (_, row) => new Date(row.found_at).toLocaleDateString(i18n.language === 'en' ? 'en-CA' : 'sv-SE'),
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {issues.isError && <Alert type="error" showIcon title={issues.error.message} />}
      <Table<QualityIssue>
        data-testid="quality-worklist"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={issues.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('worklist.empty')} /> }}
      />
      {issues.hasNextPage && (
        <Button onClick={() => void issues.fetchNextPage()} loading={issues.isFetchingNextPage}>
          {t('worklist.more')}
        </Button>
      )}
      <Typography.Text type="secondary">{t('worklist.hint', { rules: rules.length })}</Typography.Text>
    </Space>
  );
}

/** 问题数据: the score and the issues per rule of each child organisation, down to a school's worklist. */
export function QualityPage() {
  const { t } = useTranslation('quality');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const school = params.get('school') ?? (user.organisation.level === 'school' ? user.organisation.code : undefined);
  const rule = params.get('rule') ?? undefined;
  const rules = useQualityRules();
  const ruleList = rules.data ?? [];
  const change = (next: { org?: string; school?: string; rule?: string }) => setParams(nextParams(params, next));
  const worklist = Boolean(school);

  return (
    <Card
      title={t('title')}
      extra={
        <Space wrap>
          {params.get('school') && user.organisation.level !== 'school' && (
            <Button icon={<ArrowLeftOutlined />} onClick={() => change({ school: '' })} data-testid="quality-back">
              {t('worklist.back')}
            </Button>
          )}
          <Select
            allowClear
            placeholder={t('filters.rule')}
            style={{ minWidth: 220 }}
            value={rule}
            onChange={(value?: string) => change({ rule: value ?? '' })}
            options={ruleList.map((item) => ({ value: item.code, label: item.name }))}
            data-testid="quality-rule-filter"
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {rules.isError && <Alert type="error" showIcon title={rules.error.message} />}
      {worklist ? (
        <Worklist org={org} school={school} rule={rule} rules={ruleList} />
      ) : (
        <SummaryView
          org={org}
          rules={rule ? ruleList.filter((item) => item.code === rule) : ruleList}
          onOpen={(child) => change(drillTarget(child.organisation))}
        />
      )}
    </Card>
  );
}
