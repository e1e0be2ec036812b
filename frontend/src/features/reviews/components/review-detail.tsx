import { ExportOutlined } from '@ant-design/icons';
import { Alert, Descriptions, Empty, Space, Steps, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ChangeTable } from '@/components/change-table';
import type { Decision, SubmissionDetail } from '@/features/reviews/api/reviews-api';
import { ArchiveSummary } from '@/features/reviews/components/archive-summary';
import { ChangeSummary } from '@/features/reviews/components/change-summary';
import { ClaimSummary, useClaimRecord } from '@/features/reviews/components/claim-summary';
import { FullIdCheck } from '@/features/reviews/components/full-id-check';
import { isRotationPlanReview, planFromDiff, PlanSummary } from '@/features/reviews/components/plan-summary';
import { KindTag, SubmissionStateTag } from '@/features/reviews/components/review-tags';
import { chainStatus } from '@/features/reviews/utils/queue';
import { useCapability } from '@/lib/auth/session';
import { isLevel } from '@/lib/org-levels';
import { changeSetFromDiff, groupImportsFromDiff, importChangeSets } from '@/lib/review-changes';
import { changeFromDiff, isChangeReview } from '@/lib/teacher-changes';
import { claimFromDiff, isTrainingClaimReview, teacherOfLabel } from '@/lib/training-claims';

const ACTION_COLOURS: Record<Decision['action'], string> = {
  submit: 'blue',
  approve: 'green',
  return: 'red',
  withdraw: 'gray',
};

export function levelName(t: TFunction<['reviews', 'common']>, level: string | null | undefined): string {
  if (!level) return '';
  return isLevel(level) ? t(`common:levels.${level}`) : level;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section style={{ marginTop: 20 }}>
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 12 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/**
 * One review item: who submitted what and when, the chain with the step deciding now, the change side by side
 * (a new archive links to the archive itself), and every decision of every round.
 */
/**
 * `newTab`: the archive links open a new tab (the queue's drawer keeps its place); on the item's own page they
 * navigate.
 */
export function ReviewDetail({ item, newTab = false }: { item: SubmissionDetail; newTab?: boolean }) {
  const { t } = useTranslation(['reviews', 'common', 'changes']);
  const changes = useMemo(() => changeSetFromDiff(item.diff), [item.diff]);
  const imported = useMemo(() => groupImportsFromDiff(item.diff), [item.diff]);
  // A teacher change (transfer, leave …) is described by itself: the receiving side may not open the archive.
  const teacherChange = useMemo(() => (isChangeReview(item.kind) ? changeFromDiff(item.diff) : null), [item.kind, item.diff]);
  // A training claim is described by itself too; its subject is the claim, its archive the claim's teacher's.
  const claim = useMemo(() => (isTrainingClaimReview(item.kind) ? claimFromDiff(item.diff) : null), [item.kind, item.diff]);
  // A rotation plan is a county's, not an archive: described by itself (its figures and teachers by name).
  const isPlan = isRotationPlanReview(item.kind);
  const plan = useMemo(() => (isPlan ? planFromDiff(item.diff) : null), [isPlan, item.diff]);
  const canViewTraining = useCapability('training.view');
  const claimRecord = useClaimRecord(claim?.id ?? 0, claim !== null && canViewTraining);
  const statuses = chainStatus(item);
  const archiveHref = `/teachers/${String(claim ? (claimRecord.data?.teacher.id ?? '') : item.subject.id)}`;
  const toArchive = (children: React.ReactNode, testId: string) =>
    newTab ? (
      <Typography.Link href={archiveHref} target="_blank" rel="noopener" data-testid={testId}>
        <Space size={4}>
          {children}
          <ExportOutlined aria-label={t('reviews:detail.newTab')} />
        </Space>
      </Typography.Link>
    ) : (
      <Link to={archiveHref} data-testid={testId}>
        {children}
      </Link>
    );
  const archiveLink = toArchive(t('reviews:actions.openArchive'), 'review-open-archive');
  const idChanged = changes !== null && 'id_number' in changes.fields;

  return (
    <div data-testid="review-detail">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'teacher',
            label: isPlan ? t('reviews:plan.title') : t('reviews:detail.teacher'),
            children: isPlan ? (
              <span data-testid="review-teacher">{item.subject.name}</span>
            ) : claim ? (
              claimRecord.data ? (
                toArchive(claimRecord.data.teacher.name, 'review-teacher')
              ) : (
                <span data-testid="review-teacher">{teacherOfLabel(item.subject.name)}</span>
              )
            ) : teacherChange ? (
              <span data-testid="review-teacher">{item.subject.name}</span>
            ) : (
              toArchive(item.subject.name, 'review-teacher')
            ),
          },
          { key: 'kind', label: t('reviews:detail.kind'), children: <KindTag kind={item.kind} /> },
          { key: 'school', label: t('reviews:detail.school'), children: item.school_name },
          { key: 'state', label: t('reviews:detail.state'), children: <SubmissionStateTag state={item.state} /> },
          { key: 'by', label: t('reviews:detail.submittedBy'), children: item.submitted_by.display_name },
          { key: 'at', label: t('reviews:detail.submittedAt'), children: dayjs(item.submitted_at).format('YYYY-MM-DD HH:mm') },
          { key: 'round', label: t('reviews:detail.round'), children: t('reviews:detail.roundValue', { round: item.round }) },
        ]}
      />
      {item.state === 'returned' && item.return_reason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('reviews:detail.returnReason')}
          description={item.return_reason}
          data-testid="review-return-reason"
        />
      )}
      <Section title={t('reviews:detail.chain')}>
        <Steps
          size="small"
          items={item.step_levels.map((level, index) => ({
            key: `${String(index)}-${level}`,
            title: levelName(t, level),
            status: statuses[index],
          }))}
        />
      </Section>
      <Section
        title={
          isPlan ? t('reviews:plan.title') : claim ? t('reviews:claim.title') : teacherChange ? t('changes:review.title') : changes ? t('reviews:detail.changes') : t('reviews:detail.content')
        }
      >
        {isPlan ? (
          plan ? (
            <PlanSummary plan={plan} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )
        ) : claim ? (
          <ClaimSummary claim={claim} />
        ) : teacherChange ? (
          <ChangeSummary change={teacherChange} transfer={item.kind === 'transfer'} name={item.subject.name} />
        ) : changes ? (
          <>
            {(Object.keys(changes.fields).length > 0 || changes.group) && <ChangeTable school={item.school} changes={changes} />}
            {imported.map((group) => (
              <div key={group.group} data-testid="change-import">
                {group.mode === 'replace' && (
                  <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('common:changes.importReplaces', { count: group.old.length })} />
                )}
                {importChangeSets(group).map((set, index) => (
                  <ChangeTable key={index} school={item.school} changes={set} />
                ))}
              </div>
            ))}
            {idChanged && <FullIdCheck teacherId={item.subject.id} submission={item.id} />}
            <div style={{ marginTop: 8 }}>{archiveLink}</div>
          </>
        ) : (
          <>
            <Alert type="info" showIcon title={t('reviews:detail.newArchive')} action={archiveLink} style={{ marginBottom: 12 }} />
            {item.subject.type === 'teacher' && <ArchiveSummary teacherId={item.subject.id} school={item.school} />}
          </>
        )}
      </Section>
      <Section title={t('reviews:detail.history')}>
        {item.decisions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews:detail.noHistory')} />
        ) : (
          <Timeline
            data-testid="review-history"
            items={item.decisions.map((decision, index) => ({
              key: String(index),
              color: ACTION_COLOURS[decision.action],
              content: (
                <div>
                  <Typography.Text strong>{t(`reviews:decisions.${decision.action}`)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' · '}
                    {[decision.actor.display_name, decision.organisation_name || levelName(t, decision.level)].filter(Boolean).join(' · ')}
                    {' · '}
                    {dayjs(decision.at).format('YYYY-MM-DD HH:mm')}
                    {item.round > 1 && ` · ${t('reviews:detail.roundValue', { round: decision.round })}`}
                  </Typography.Text>
                  {decision.by_proxy && decision.acting_organisation_name && (
                    <div>
                      <Typography.Text type="warning" data-testid="decision-proxy">
                        {t('reviews:decisions.byProxy', { org: decision.acting_organisation_name })}
                      </Typography.Text>
                    </div>
                  )}
                  {decision.reason && (
                    <div>
                      <Typography.Text type="danger">{t('reviews:decisions.reason', { reason: decision.reason })}</Typography.Text>
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </Section>
    </div>
  );
}
