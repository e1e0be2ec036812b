import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useHomeTodos, type HomeTodos } from '@/features/dashboard/api/get-home-todos';
import type { components } from '@/api/generated/schema';
import { isLevel } from '@/lib/org-levels';

type HomeKind = components['schemas']['ReviewKind'];

interface TodoCardProps {
  title: string;
  hint: string;
  count: number;
  more: string;
  testId: string;
  children: ReactNode;
}

function TodoCard({ title, hint, count, more, testId, children }: TodoCardProps) {
  const { t } = useTranslation('dashboard');
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{title}</span>
          <Tag color={count > 0 ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }} data-testid={`${testId}-count`}>
            {count}
          </Tag>
        </Flex>
      }
      extra={count > 0 && <Link to={more}>{t('todos.more', { count })}</Link>}
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {hint}
      </Typography.Paragraph>
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todos.empty')} /> : children}
    </Card>
  );
}

function Row1({ children }: { children: ReactNode }) {
  return (
    <Flex vertical gap={2} style={{ padding: '6px 0', borderBottom: '1px solid var(--ant-color-split, #f0f0f0)' }}>
      {children}
    </Flex>
  );
}

function QueueAge({ todos }: { todos: HomeTodos }) {
  const { t } = useTranslation('dashboard');
  const age = todos.queue_age;
  if (!age) return null;
  const figures: { key: string; label: string; value: number; danger?: boolean }[] = [
    { key: 'under_1d', label: t('todos.under1d'), value: age.under_1d },
    { key: 'd1_3', label: t('todos.d1to3'), value: age.d1_3 },
    { key: 'd3_7', label: t('todos.d3to7'), value: age.d3_7 },
    { key: 'over_7d', label: t('todos.over7d'), value: age.over_7d },
    { key: 'overdue', label: t('todos.overdueCount'), value: age.overdue, danger: true },
    { key: 'unattended', label: t('todos.unattendedCount'), value: age.unattended, danger: true },
  ];
  return (
    <Card
      size="small"
      data-testid="home-queue-age"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('todos.queueAge')}</span>
          <Tag color={age.total > 0 ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {age.total}
          </Tag>
        </Flex>
      }
      extra={<Link to="/reviews">{t('todos.openQueue')}</Link>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('todos.queueAgeHint', { days: todos.overdue_days })}
      </Typography.Paragraph>
      <Row gutter={[16, 8]}>
        {figures.map((figure) => (
          <Col key={figure.key} xs={8} md={4}>
            <Statistic
              title={figure.label}
              value={figure.value}
              data-testid={`age-${figure.key}`}
              styles={{ content: { color: figure.danger && figure.value > 0 ? 'var(--ant-color-error, #ff4d4f)' : undefined } }}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function KindLabel({ kind }: { kind: HomeKind }) {
  const { t } = useTranslation('reviews');
  return (
    <Tag color={kind === 'teacher_info' ? 'blue' : 'gold'} style={{ marginInlineEnd: 0 }}>
      {t(`kinds.${kind}`)}
    </Tag>
  );
}

/** Where an item's subject opens: a teacher's archive, a rotation plan, else the item itself in the review pages. */
function subjectPath(subject: { type: string; id: number }): string {
  if (subject.type === 'teacher') return `/teachers/${String(subject.id)}`;
  if (subject.type === 'rotation_plan') return `/rotation/plans/${String(subject.id)}`;
  return '/my-submissions';
}

/** The home page's to-dos: what is returned, unsubmitted, waiting for others, failed; a reviewer's queue by age. */
export function HomeTodosPanel() {
  const { t } = useTranslation(['dashboard', 'reviews', 'common', 'importExport']);
  const todos = useHomeTodos();
  if (todos.isError) return <Alert type="error" showIcon title={todos.error.message} />;
  if (!todos.data) return <Skeleton active />;
  const data = todos.data;
  const { returned, drafts, waiting, failed_imports: failed } = data;
  const cards: ReactNode[] = [];
  if (returned) {
    cards.push(
      <TodoCard key="returned" testId="home-returned" title={t('dashboard:todos.returned')} hint={t('dashboard:todos.returnedHint')} count={returned.count} more="/my-submissions">
        {returned.items.map((item) => (
          <Row1 key={item.id}>
            <Flex gap={8} align="center" wrap>
              <Link to={subjectPath(item.subject)}>{item.subject.name}</Link>
              <KindLabel kind={item.kind} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.school_name}
                {item.closed_at && ` · ${dayjs(item.closed_at).format('YYYY-MM-DD')}`}
              </Typography.Text>
            </Flex>
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              {t('dashboard:todos.reason', { reason: item.return_reason })}
            </Typography.Text>
          </Row1>
        ))}
      </TodoCard>,
    );
  }
  if (drafts) {
    cards.push(
      <TodoCard key="drafts" testId="home-drafts" title={t('dashboard:todos.drafts')} hint={t('dashboard:todos.draftsHint')} count={drafts.count} more="/teachers">
        {drafts.items.map((item) => (
          <Row1 key={item.id}>
            <Flex gap={8} align="center" wrap>
              <Link to={`/teachers/${item.id}`}>{item.name}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.school_name} · {dayjs(item.updated_at).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Flex>
          </Row1>
        ))}
      </TodoCard>,
    );
  }
  if (waiting) {
    cards.push(
      <TodoCard key="waiting" testId="home-waiting" title={t('dashboard:todos.waiting')} hint={t('dashboard:todos.waitingHint')} count={waiting.count} more="/my-submissions">
        {waiting.items.map((item) => (
          <Row1 key={item.id}>
            <Flex gap={8} align="center" wrap>
              <Link to={subjectPath(item.subject)}>{item.subject.name}</Link>
              <KindLabel kind={item.kind} />
              {item.unattended && (
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="home-unattended">
                  {t('dashboard:todos.unattended')}
                </Tag>
              )}
              {item.overdue && (
                <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="home-overdue">
                  {t('dashboard:todos.overdue', { count: item.waiting_days })}
                </Tag>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('dashboard:todos.waitingAt', { org: item.current_org_name ?? (isLevel(item.level) ? t(`common:levels.${item.level}`) : '') })}
              {!item.overdue && ` · ${t('dashboard:todos.waitedDays', { count: item.waiting_days })}`}
            </Typography.Text>
          </Row1>
        ))}
      </TodoCard>,
    );
  }
  if (failed) {
    cards.push(
      <TodoCard key="imports" testId="home-failed-imports" title={t('dashboard:todos.failedImports')} hint={t('dashboard:todos.failedImportsHint')} count={failed.count} more="/teachers/import">
        {failed.items.map((item) => (
          <Row1 key={item.id}>
            <Flex gap={8} align="center" wrap>
              <Link to="/teachers/import">{item.file_name}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(item.created_at).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Flex>
            <Typography.Text type="danger" style={{ fontSize: 13 }}>
              {item.state === 'failed'
                ? [t('dashboard:todos.importFailed'), item.error_message].filter(Boolean).join('：')
                : t('dashboard:todos.rowsFailed', { count: item.rows_failed })}
            </Typography.Text>
          </Row1>
        ))}
      </TodoCard>,
    );
  }
  if (cards.length === 0 && !data.queue_age) return null;
  return (
    <Flex vertical gap={16} data-testid="home-todos">
      <QueueAge todos={data} />
      {cards.length > 0 && (
        <Row gutter={[16, 16]}>
          {cards.map((card, index) => (
            <Col key={index} xs={24} lg={12}>
              {card}
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
