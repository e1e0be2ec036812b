import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import {
  OPEN_STATES,
  QUEUE_VIEWS,
  REVIEW_KINDS,
  SUBMISSION_STATES,
  useDecisions,
  useQueue,
  type BulkAction,
  type QueueView,
  type ReviewFilters,
  type ReviewKind,
  type Submission,
  type SubmissionState,
} from '@/features/reviews/api/reviews-api';
import { BulkResultAlert } from '@/features/reviews/components/bulk-result-alert';
import type { BulkSummary } from '@/features/reviews/utils/queue';
import { ReasonModal } from '@/features/reviews/components/reason-modal';
import { levelName } from '@/features/reviews/components/review-detail';
import { ReviewDrawer } from '@/features/reviews/components/review-drawer';
import { KindTag, SubmissionStateTag } from '@/features/reviews/components/review-tags';
import { SchoolSelect } from '@/components/school-select';
import { useDecide } from '@/features/reviews/components/use-decide';
import {
  WAITING_DAYS,
  stepProgress,
  submittedBefore,
  summariseBulk,
  waitingTime,
} from '@/features/reviews/utils/queue';
import { useCurrentUser } from '@/lib/auth/session';
import { useNow } from '@/lib/use-now';
import { LoadMore } from '@/components/load-more';
import { loadedRows } from '@/lib/cursor-pages';

/**
 * 信息审核: the items waiting at the reviewer's organisation, the longest waiting first. Filters by kind, school,
 * state and waiting time; approve or return per row, in the item drawer, or for a selection at once. Two more
 * views keep the reviewer's history: 我已审核 (what I approved or returned, and when) and 我的范围内全部.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation(['reviews', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  // The waiting column moves on every minute.
  const now = useNow(true, 60_000);
  const [filters, setFilters] = useState<ReviewFilters>({});
  const [waitingDays, setWaitingDays] = useState<number | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const [bulkReturn, setBulkReturn] = useState(false);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const view: QueueView = filters.view ?? 'waiting';
  const waitingView = view === 'waiting';
  const queue = useQueue(filters);
  const { bulk } = useDecisions();
  const decide = useDecide((id) => setSelected((current) => current.filter((item) => item !== id)));
  const rows = useMemo(() => loadedRows(queue.data), [queue.data]);
  const ids = useMemo(() => rows.map((row) => row.id), [rows]);
  const filtered = Boolean(
    filters.kind || filters.school || filters.state || filters.submitted_before || filters.unattended !== undefined || filters.overdue,
  );
  const atSchool = user.organisation.level === 'school';

  // A selection keeps only rows still in the queue (decided ones leave it).
  const visibleSelection = selected.filter((id) => ids.includes(id));

  const runBulk = async (action: BulkAction, reason = '') => {
    const chosen = rows.filter((row) => visibleSelection.includes(row.id));
    const results = await bulk.mutateAsync({ action, ids: chosen.map((row) => row.id), reason });
    const result = summariseBulk(results, chosen);
    setSummary(result);
    setSelected(results.filter((item) => !item.ok).map((item) => item.id));
    if (result.failed.length === 0) void message.success(t('reviews:queue.bulkAllDone', { succeeded: result.succeeded }));
  };

  const history: TableColumnsType<Submission> =
    view === 'decided'
      ? [
          {
            title: t('reviews:columns.myDecision'),
            key: 'mine',
            width: 200,
            render: (_, item) =>
              item.my_decision && (
                <Space size={4} data-testid="queue-my-decision">
                  <Tag color={item.my_decision.action === 'approve' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                    {t(`reviews:decisions.${item.my_decision.action === 'approve' ? 'approve' : 'return'}`)}
                  </Tag>
                  <Typography.Text type="secondary">{dayjs(item.my_decision.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </Space>
              ),
          },
        ]
      : [];
  const stateColumn: TableColumnsType<Submission> = [
    { title: t('reviews:columns.state'), key: 'state', width: 100, render: (_, item) => <SubmissionStateTag state={item.state} /> },
  ];

  const columns: TableColumnsType<Submission> = [
    {
      title: t('reviews:columns.teacher'),
      key: 'teacher',
      width: 120,
      ellipsis: true,
      render: (_, item) => (
        <Typography.Link onClick={() => setShown(item.id)} data-testid="queue-open">
          {item.subject.name}
        </Typography.Link>
      ),
    },
    { title: t('reviews:columns.kind'), key: 'kind', width: 120, render: (_, item) => <KindTag kind={item.kind} /> },
    // A school's reviewers see their own school only.
    ...(atSchool
      ? []
      : [{ title: t('reviews:columns.school'), dataIndex: 'school_name', key: 'school', ellipsis: true }]),
    {
      title: t('reviews:columns.level'),
      key: 'level',
      width: 110,
      render: (_, item) => {
        const progress = stepProgress(item);
        const level = levelName(t, item.level);
        const text = progress ? t('reviews:level', { level, step: progress.step, of: progress.of }) : level;
        if (!item.unattended) return text;
        return (
          <Space size={4} wrap>
            {text}
            <Tooltip title={t('reviews:queue.unattendedTip', { org: item.current_org_name ?? '' })}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="queue-unattended">
                {t('reviews:queue.unattended')}
              </Tag>
            </Tooltip>
            <Link to="/users" data-testid="queue-assign-reviewer" style={{ fontSize: 12 }}>
              {t('reviews:queue.assignReviewer')}
            </Link>
          </Space>
        );
      },
    },
    {
      title: t('reviews:columns.submittedBy'),
      key: 'by',
      ellipsis: true,
      render: (_, item) => item.submitted_by.display_name,
    },
    {
      title: t('reviews:columns.submittedAt'),
      key: 'at',
      width: 140,
      render: (_, item) => dayjs(item.submitted_at).format('YYYY-MM-DD HH:mm'),
    },
    ...(waitingView ? [] : [...stateColumn, ...history]),
  ];
  const waitingColumns: TableColumnsType<Submission> = [
    {
      title: t('reviews:columns.waiting'),
      key: 'waiting',
      width: 100,
      render: (_, item) => {
        const wait = waitingTime(item.submitted_at, now);
        if (item.overdue) {
          return (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="queue-overdue">
              {t('reviews:queue.overdue', { count: item.waiting_days ?? wait.count })}
            </Tag>
          );
        }
        return (
          <Typography.Text data-testid="queue-waiting">{t(`reviews:waiting.${wait.unit}`, { count: wait.count })}</Typography.Text>
        );
      },
    },
    {
      title: t('reviews:columns.actions'),
      key: 'actions',
      width: 150,
      render: (_, item) => (
        <Space size={0}>
          <Popconfirm
            title={t('reviews:actions.approveConfirm', { name: item.subject.name })}
            okText={t('reviews:actions.approve')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() => decide.approve(item)}
          >
            <Button type="link" size="small" icon={<CheckOutlined />} loading={decide.approving === item.id}>
              {t('reviews:actions.approve')}
            </Button>
          </Popconfirm>
          <Button type="link" size="small" danger icon={<RollbackOutlined />} onClick={() => decide.startReturn(item)}>
            {t('reviews:actions.return')}
          </Button>
        </Space>
      ),
    },
  ];

  const shownColumns = waitingView ? [...columns, ...waitingColumns] : columns;
  const count = visibleSelection.length;
  const hint = { waiting: t('reviews:queue.hint'), decided: t('reviews:queue.hintDecided'), scope: t('reviews:queue.hintScope') }[view];
  const empty = { waiting: t('reviews:queue.empty'), decided: t('reviews:queue.emptyDecided'), scope: t('reviews:queue.emptyScope') }[view];

  return (
    <Card title={t('reviews:queue.title')} extra={<Typography.Text type="secondary">{hint}</Typography.Text>}>
      <Segmented<QueueView>
        aria-label={t('reviews:queue.viewLabel')}
        value={view}
        onChange={(next) => {
          setSelected([]);
          setShown(null);
          // A state of the waiting queue means nothing in a history view, and the other way round.
          setFilters((current) => ({ ...current, view: next, state: undefined }));
        }}
        options={QUEUE_VIEWS.map((value) => ({ value, label: t(`reviews:queue.views.${value}`) }))}
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        data-testid="queue-views"
      />
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
        {!atSchool && (
          <SchoolSelect
            aria-label={t('reviews:queue.filterSchool')}
            placeholder={t('reviews:queue.allSchools')}
            style={{ width: 240 }}
            value={filters.school}
            onChange={(school) => setFilters((current) => ({ ...current, school }))}
          />
        )}
        <Select<SubmissionState>
          aria-label={t('reviews:queue.filterState')}
          placeholder={t('reviews:queue.allStates')}
          allowClear
          style={{ width: 130 }}
          value={filters.state}
          onChange={(state) => setFilters((current) => ({ ...current, state }))}
          options={(waitingView ? OPEN_STATES : SUBMISSION_STATES).map((state) => ({ value: state, label: t(`reviews:states.${state}`) }))}
        />
        <Select<number>
          aria-label={t('reviews:queue.filterWaiting')}
          placeholder={t('reviews:queue.anyWaiting')}
          allowClear
          style={{ width: 160 }}
          value={waitingDays}
          onChange={(days) => {
            setWaitingDays(days);
            setFilters((current) => ({ ...current, submitted_before: days ? submittedBefore(days, Date.now()) : undefined }));
          }}
          options={WAITING_DAYS.map((days) => ({ value: days, label: t('reviews:queue.waitingLonger', { count: days }) }))}
        />
        <Select<'overdue'>
          aria-label={t('reviews:queue.overdueOnly')}
          placeholder={t('reviews:queue.overdueOnly')}
          allowClear
          style={{ width: 120 }}
          data-testid="queue-overdue-filter"
          value={filters.overdue ? 'overdue' : undefined}
          onChange={(value: 'overdue' | undefined) => setFilters((current) => ({ ...current, overdue: value === 'overdue' || undefined }))}
          options={[{ value: 'overdue', label: t('reviews:queue.overdueOnly') }]}
        />
        {!atSchool && (
          <Select<'own' | 'unattended'>
            aria-label={t('reviews:queue.filterAttendance')}
            placeholder={t('reviews:queue.allAttendance')}
            allowClear
            style={{ width: 160 }}
            data-testid="queue-attendance"
            value={filters.unattended === undefined ? undefined : filters.unattended ? 'unattended' : 'own'}
            onChange={(value: 'own' | 'unattended' | undefined) =>
              setFilters((current) => ({ ...current, unattended: value === undefined ? undefined : value === 'unattended' }))
            }
            options={[
              { value: 'own', label: t('reviews:queue.ownOnly') },
              { value: 'unattended', label: t('reviews:queue.unattendedOnly') },
            ]}
          />
        )}
      </Space>
      {count > 0 && (
        <Flex
          align="center"
          gap={12}
          wrap
          data-testid="bulk-bar"
          style={{
            marginBottom: 16,
            padding: '8px 16px',
            background: 'var(--ant-color-primary-bg, #e6f4ff)',
            borderRadius: 8,
          }}
        >
          <Typography.Text strong>{t('reviews:queue.selected', { count })}</Typography.Text>
          <Popconfirm
            title={t('reviews:queue.bulkApproveConfirm', { count })}
            okText={t('reviews:queue.bulkApprove')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() =>
              runBulk('approve').catch((error: unknown) =>
                message.error(error instanceof Error ? error.message : t('common:errors.generic')),
              )
            }
          >
            <Button type="primary" size="small" icon={<CheckOutlined />} loading={bulk.isPending && bulk.variables.action === 'approve'}>
              {t('reviews:queue.bulkApprove')}
            </Button>
          </Popconfirm>
          <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setBulkReturn(true)}>
            {t('reviews:queue.bulkReturn')}
          </Button>
          <Button size="small" type="link" onClick={() => setSelected([])}>
            {t('reviews:queue.clearSelection')}
          </Button>
        </Flex>
      )}
      {summary && <BulkResultAlert summary={summary} onClose={() => setSummary(null)} />}
      {queue.isError && <Alert type="error" showIcon title={queue.error.message} style={{ marginBottom: 16 }} />}
      <Table<Submission>
        rowKey="id"
        size="middle"
        columns={shownColumns}
        dataSource={rows}
        loading={queue.isPending}
        pagination={false}
        tableLayout="fixed"
        // On a phone the table scrolls inside its card; the page itself never scrolls sideways.
        scroll={{ x: 720 }}
        data-testid="review-queue"
        rowSelection={
          waitingView
            ? { selectedRowKeys: visibleSelection, onChange: (keys) => setSelected(keys.map(Number)), columnWidth: 40 }
            : undefined
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('reviews:queue.emptyFiltered') : empty}
            />
          ),
        }}
      />
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 16 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reviews:queue.shortcuts')}
        </Typography.Text>
        <LoadMore pages={queue} shown={rows.length} />
      </Flex>
      {shown !== null && <ReviewDrawer id={shown} ids={ids} onShow={setShown} decidable={waitingView} />}
      {decide.modal}
      {bulkReturn && (
        <ReasonModal
          title={t('reviews:queue.bulkReturnTitle', { count })}
          saving={bulk.isPending}
          onClose={() => setBulkReturn(false)}
          onSubmit={async (reason) => {
            await runBulk('return', reason);
            setBulkReturn(false);
          }}
        />
      )}
    </Card>
  );
}
