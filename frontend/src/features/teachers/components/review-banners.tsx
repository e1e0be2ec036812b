import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { TimelineEntry } from '@/features/teachers/api/teachers-api';
import type { Problem } from '@/features/teachers/utils/review';
import { effectiveSchemaQueryOptions } from '@/lib/catalogue-api';
import { buildFormFields } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';

/** Why the archive (or its change request) came back, from whom and when. */
export function ReturnAlert({ entry, change }: { entry: TimelineEntry; change: boolean }) {
  const { t } = useTranslation('teachers');
  return (
    <Alert
      type="error"
      showIcon
      data-testid="return-alert"
      title={change ? t('review.changeReturnedTitle') : t('review.returnedTitle')}
      description={
        <>
          <Typography.Paragraph strong style={{ margin: 0 }} data-testid="return-reason">
            {entry.reason}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('review.returnedBy', {
              actor: entry.actor?.display_name ?? t('timeline.system'),
              time: dayjs(entry.at).format('YYYY-MM-DD HH:mm'),
            })}
          </Typography.Text>
        </>
      }
    />
  );
}

/** A change of the approved archive waits for review: the values shown are the approved ones. */
export function PendingChangeAlert({ submission }: { submission: number | null }) {
  const { t } = useTranslation('teachers');
  return (
    <Alert
      type="info"
      showIcon
      data-testid="pending-change-alert"
      title={t('review.pendingChange')}
      action={submission !== null && <Link to={`/reviews/${String(submission)}`}>{t('review.viewChange')}</Link>}
    />
  );
}

interface MissingItemsAlertProps {
  school: string;
  problems: Problem[];
  /** A submit was just refused for these: the list turns red. */
  refused: boolean;
}

/**
 * THE list of what the archive still lacks before it can be submitted (the submit's own check, kept current): each
 * item by group and indicator name (a record's with its position, a group without any record by the group's
 * name), linking to the group's tab.
 */
export function MissingItemsAlert({ school, problems, refused }: MissingItemsAlertProps) {
  const { t, i18n } = useTranslation('teachers');
  const schema = useQuery(effectiveSchemaQueryOptions(school));
  const language = i18n.language;

  const lookup = useMemo(() => {
    const groups = [...(schema.data?.groups ?? [])].sort((a, b) => a.order - b.order);
    return groups.map((group) => ({
      code: group.code,
      many: group.many,
      name: localName(language, group.name, group.name_en),
      labels: new Map(buildFormFields(group, language).map((field) => [field.code, field.label])),
    }));
  }, [schema.data, language]);

  const lines = problems.map((problem) => {
    // A group of the core set without any record is keyed by the group's code (its message names the group).
    const wholeGroup = problem.group === null ? lookup.find((candidate) => candidate.code === problem.field) : undefined;
    if (wholeGroup) return { key: problem.key, tab: wholeGroup.code, place: wholeGroup.name, message: problem.messages.join('；') };
    const group = problem.group
      ? lookup.find((candidate) => candidate.code === problem.group)
      : lookup.find((candidate) => !candidate.many && candidate.labels.has(problem.field));
    const field = group?.labels.get(problem.field) ?? problem.field;
    const groupName = group?.name ?? problem.group ?? '';
    const place =
      problem.index !== null
        ? t('review.problemRecord', { group: groupName, index: problem.index + 1, field })
        : groupName
          ? t('review.problemField', { group: groupName, field })
          : field;
    return { key: problem.key, tab: group?.code ?? problem.group, place, message: problem.messages.join('；') };
  });

  return (
    <Alert
      type={refused ? 'error' : 'warning'}
      showIcon
      data-testid="missing-items"
      title={t('review.problemsTitle', { count: problems.length })}
      description={
        <>
          <Typography.Text type="secondary">{t('review.problemsHint')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {lines.map((line) => (
              <li key={line.key}>
                {line.tab ? <Link to={{ search: `?tab=${line.tab}` }}>{line.place}</Link> : line.place}
                {'：'}
                {line.message}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
