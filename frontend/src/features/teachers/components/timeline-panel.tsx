import { Alert, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ChangeTable } from '@/components/change-table';
import { useTimeline, type TimelineEntry } from '@/features/teachers/api/teachers-api';
import { entryChanges, entryLabel, visibleEntries, type EntryLabel } from '@/features/teachers/utils/review';
import { isLevel } from '@/lib/org-levels';
import { changeFromDiff, placeName, type ChangeDescription } from '@/lib/teacher-changes';
import { useCatalogueIndex } from '@/lib/use-catalogue-index';

const COLOURS: Record<EntryLabel, string> = {
  created: 'gray',
  changed: 'gray',
  recordFilled: 'gray',
  recordChanged: 'gray',
  recordRemoved: 'gray',
  submit: 'blue',
  approve: 'green',
  return: 'red',
  withdraw: 'gray',
  other: 'gray',
};

const KIND_COLOURS: Record<string, string> = { teacher_key_change: 'volcano', transfer: 'purple', teacher_status: 'cyan' };
const ROW_EVENTS: readonly string[] = ['filled', 'changed', 'removed'];

/** One line for a teacher change: what, from where to where (or which dates), and why. */
function changeLine(change: ChangeDescription, t: TFunction<['teachers', 'common']>): string {
  const from = placeName(change.from_school_name, change.from_province_name, change.to_province_name);
  const to = placeName(change.to_school_name, change.to_province_name, change.from_province_name);
  const when = change.end_date
    ? t('teachers:timeline.change.period', { from: change.effective_date, to: change.end_date })
    : t('teachers:timeline.change.from', { date: change.effective_date });
  const what = to ? t('teachers:timeline.change.move', { from, to }) : change.kind_name;
  return t('teachers:timeline.change.line', { what, when, reason: change.reason });
}

interface EntryProps {
  entry: TimelineEntry;
  school: string;
  groupName: (code: string) => string;
}

function Entry({ entry, school, groupName }: EntryProps) {
  const { t } = useTranslation(['teachers', 'common']);
  const label = entryLabel(entry);
  const changes = entryChanges(entry);
  const rowEvent = ROW_EVENTS.includes(entry.action);
  const change = changeFromDiff(entry.diff);
  const level = isLevel(entry.level) ? t('teachers:timeline.level', { level: t(`common:levels.${entry.level}`) }) : entry.level;
  return (
    <div data-testid="timeline-entry" data-action={entry.action}>
      <Space size={8} wrap>
        <Typography.Text strong>{t(`teachers:timeline.actions.${label}`, { group: entry.group ? groupName(entry.group) : '' })}</Typography.Text>
        {entry.kind && entry.kind !== 'teacher_info' && entry.kind_name && (
          <Tag color={KIND_COLOURS[entry.kind] ?? 'gold'} style={{ marginInlineEnd: 0 }}>
            {entry.kind_name}
          </Tag>
        )}
        {rowEvent && entry.submission !== null && (
          <Link to={`/reviews/${String(entry.submission)}`}>
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('teachers:timeline.applied')}
            </Tag>
          </Link>
        )}
        <Typography.Text type="secondary">
          {[entry.actor?.display_name ?? t('teachers:timeline.system'), level, dayjs(entry.at).format('YYYY-MM-DD HH:mm')]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        {entry.submission !== null && entry.action === 'submit' && (
          <Link to={`/reviews/${String(entry.submission)}`}>{t('teachers:timeline.view')}</Link>
        )}
      </Space>
      {change && (
        <div style={{ marginTop: 4 }} data-testid="timeline-change">
          <Typography.Text>{changeLine(change, t)}</Typography.Text>
        </div>
      )}
      {entry.imports.length > 0 && (
        <div style={{ marginTop: 4 }} data-testid="timeline-imports">
          <Typography.Text>
            {entry.imports
              .map((item) =>
                t(`teachers:timeline.imported.${item.mode === 'replace' ? 'replace' : 'append'}`, {
                  group: groupName(item.group),
                  count: item.records,
                  replaced: item.replaced,
                }),
              )
              .join(t('teachers:timeline.imported.separator'))}
          </Typography.Text>
        </div>
      )}
      {entry.reason && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="danger" data-testid="timeline-reason">
            {t('teachers:timeline.reason', { reason: entry.reason })}
          </Typography.Text>
        </div>
      )}
      {changes && entry.action !== 'filled' && entry.action !== 'removed' && (
        <div style={{ marginTop: 8, maxWidth: 760 }}>
          <ChangeTable school={school} changes={changes} knownOnly={rowEvent} showOperation={!rowEvent} />
        </div>
      )}
    </div>
  );
}

/**
 * 时间线: the archive's history, oldest first — who filled and changed what (field by field, old → new), and
 * every submit, decision and withdrawal with its level and reason. Row changes that touched no indicator (the
 * record state moving with a review) are left out: the review events tell them.
 */
export function TimelinePanel({ teacherId, school }: { teacherId: number; school: string }) {
  const { t } = useTranslation('teachers');
  const timeline = useTimeline(teacherId);
  const { schema, index } = useCatalogueIndex(school);

  const catalogue = useMemo(() => {
    const fields = new Map([...index.byGroup].map(([code, list]) => [code, new Set(list.map((field) => field.code))]));
    const archive = new Set(index.archive.map((field) => field.code));
    return { fields, archive, names: index.groupNames };
  }, [index]);

  const entries = useMemo(
    () =>
      visibleEntries(timeline.data ?? [], (group, code) =>
        group ? (catalogue.fields.get(group)?.has(code) ?? false) : catalogue.archive.has(code),
      ),
    [timeline.data, catalogue],
  );

  return (
    <div data-testid="timeline-panel">
      <Typography.Title level={5} style={{ marginTop: 0, marginBottom: 16 }}>
        {t('timeline.title')}
      </Typography.Title>
      {timeline.isError && <Alert type="error" showIcon title={t('timeline.loadError', { message: timeline.error.message })} />}
      {(timeline.isPending || schema.isPending) && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {timeline.data && schema.data && entries.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />
      )}
      {timeline.data && schema.data && entries.length > 0 && (
        <Timeline
          items={entries.map((entry, index) => ({
            key: `${String(index)}-${entry.at}`,
            color: COLOURS[entryLabel(entry)],
            content: <Entry entry={entry} school={school} groupName={(code) => catalogue.names.get(code) ?? code} />,
          }))}
        />
      )}
    </div>
  );
}
