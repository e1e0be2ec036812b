import { EyeOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import {
  REVIEW_KINDS,
  SUBMISSION_STATES,
  useMine,
  useWithdraw,
  type ReviewFilters,
  type ReviewKind,
  type Submission,
  type SubmissionState,
} from '@/features/reviews/api/reviews-api';
import { isRotationPlanReview } from '@/features/reviews/components/plan-summary';
import { levelName } from '@/features/reviews/components/review-detail';
import { KindTag, SubmissionStateTag } from '@/features/reviews/components/review-tags';
import { stepProgress } from '@/features/reviews/utils/queue';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';
import { isTrainingClaimReview } from '@/lib/training-claims';

/** 我的提交: what the filler submitted, where each item stands, and why one came back. */
export function MySubmissionsPage() {
  const { t } = useTranslation(['reviews', 'common']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ReviewFilters>({});
  const mine = useMine(filters);
  const withdraw = useWithdraw();
  const rows = loadedRows(mine.data);
  const filtered = Boolean(filters.kind || filters.state);

  const onWithdraw = async (item: Submission) => {
    try {
      await withdraw.mutateAsync(item.id);
      void message.success(t('reviews:mine.withdrawn', { name: item.subject.name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  const columns: TableColumnsType<Submission> = [
    {
      title: t('reviews:columns.teacher'),
      key: 'teacher',
      width: 120,
      ellipsis: true,
      render: (_, item) => (
        // A training claim's subject is the claim (its item's page shows it); every other subject is an archive.
        <Link to={isTrainingClaimReview(item.kind) || isRotationPlanReview(item.kind) ? `/reviews/${String(item.id)}` : `/teachers/${String(item.subject.id)}`}>{item.subject.name}</Link>
      ),
    },
    { title: t('reviews:columns.kind'), key: 'kind', width: 130, render: (_, item) => <KindTag kind={item.kind} /> },
    { title: t('reviews:columns.state'), key: 'state', width: 90, render: (_, item) => <SubmissionStateTag state={item.state} /> },
    {
      title: t('reviews:columns.level'),
      key: 'level',
      width: 120,
      render: (_, item) => {
        const progress = stepProgress(item);
        return progress ? t('reviews:level', { level: levelName(t, item.level), step: progress.step, of: progress.of }) : '—';
      },
    },
    {
      title: t('reviews:columns.submittedAt'),
      key: 'at',
      width: 140,
      render: (_, item) => dayjs(item.submitted_at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('reviews:columns.returnReason'),
      key: 'reason',
      ellipsis: { showTitle: true },
      render: (_, item) =>
        item.state === 'returned' && item.return_reason ? (
          <Typography.Text type="danger" data-testid="mine-return-reason">
            {item.return_reason}
          </Typography.Text>
        ) : (
          ''
        ),
    },
    {
      title: t('reviews:columns.actions'),
      key: 'actions',
      width: 150,
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => void navigate(`/reviews/${item.id}`)}>
            {t('reviews:actions.view')}
          </Button>
          {item.state === 'submitted' && (
            <Popconfirm
              title={t('reviews:mine.withdrawConfirm')}
              okText={t('reviews:mine.withdraw')}
              cancelText={t('common:actions.cancel')}
              onConfirm={() => onWithdraw(item)}
            >
              <Button type="link" size="small" icon={<UndoOutlined />}>
                {t('reviews:mine.withdraw')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('reviews:mine.title')}>
      <Typography.Paragraph type="secondary">{t('reviews:mine.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <Select<ReviewKind>
          aria-label={t('reviews:queue.filterKind')}
          placeholder={t('reviews:queue.allKinds')}
          allowClear
          style={{ width: 160 }}
          value={filters.kind}
          onChange={(kind) => setFilters((current) => ({ ...current, kind }))}
          options={REVIEW_KINDS.map((kind) => ({ value: kind, label: t(`reviews:kinds.${kind}`) }))}
        />
        <Select<SubmissionState>
          aria-label={t('reviews:queue.filterState')}
          placeholder={t('reviews:queue.allStates')}
          allowClear
          style={{ width: 130 }}
          value={filters.state}
          onChange={(state) => setFilters((current) => ({ ...current, state }))}
          options={SUBMISSION_STATES.map((state) => ({ value: state, label: t(`reviews:states.${state}`) }))}
        />
      </Space>
      {mine.isError && <Alert type="error" showIcon title={mine.error.message} style={{ marginBottom: 16 }} />}
      <Table<Submission>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={mine.isPending}
        pagination={false}
        tableLayout="fixed"
        data-testid="my-submissions"
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('reviews:mine.emptyFiltered') : t('reviews:mine.empty')} />
          ),
        }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        <LoadMore pages={mine} shown={rows.length} />
      </div>
    </Card>
  );
}
