import { HistoryOutlined, ReadOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Flex, Grid, Space, Spin, Tabs, Tag } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { isGroupCode } from '@/features/teachers/api/group-records-api';
import type { VersionedTeacher } from '@/features/teachers/api/teachers-api';
import { GroupRecordsPanel } from '@/features/teachers/components/group-records-panel';
import { OutsideValues, outsideHeld } from '@/features/teachers/components/outside-values';
import { TeacherEditor, type Warnings } from '@/features/teachers/components/teacher-editor';
import { TimelinePanel } from '@/features/teachers/components/timeline-panel';
import { CHANGES_TAB, TIMELINE_TAB, TRANSCRIPT_TAB, archiveTabs, resolveTab } from '@/features/teachers/utils/archive';
import { ARCHIVE_GROUPS } from '@/features/teachers/utils/teacher-form';
import { effectiveSchemaQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';
import { archiveQueryOptions } from '@/lib/teacher-archive-api';

interface ArchiveTabsProps {
  record: VersionedTeacher;
  editable: boolean;
  initialWarnings?: Warnings;
  onReload: () => Promise<unknown>;
  /** Problems a refused submit found in the one-row groups, by field. */
  fieldErrors?: Record<string, string[]>;
  /** The 变动 tab's content (the archive's teacher changes); no tab without it. */
  changesPanel?: ReactNode;
  /** The 培训学时 tab's content (the training transcript); no tab without it. */
  trainingPanel?: ReactNode;
}

const isFormGroup = (code: string) => (ARCHIVE_GROUPS as readonly string[]).includes(code);
/** The tab of one-row values outside the catalogue in force (`?tab=outside`). */
const OUTSIDE_TAB = 'outside';

/**
 * One tab per indicator group of the school's catalogue, in the national order, the open one kept in the URL
 * (`?tab=study`). The one-row groups share one form (TeacherEditor), which stays mounted while a table tab is
 * open so that its unsaved changes survive; many-valued groups are tables of records. What the archive holds
 * outside the catalogue in force (records of a group it does not select, values of indicators it leaves out)
 * gets read-only tabs marked 目录外, so no held data is invisible.
 */
export function ArchiveTabs({ record, editable, initialWarnings, onReload, fieldErrors, changesPanel, trainingPanel }: ArchiveTabsProps) {
  const { t, i18n } = useTranslation(['teachers', 'common', 'changes', 'training']);
  const { teacher } = record;
  const schema = useQuery(effectiveSchemaQueryOptions(teacher.school));
  const [searchParams, setSearchParams] = useSearchParams();
  const [dirty, setDirty] = useState(false);
  const screens = Grid.useBreakpoint();
  // Seventeen groups: a column of tabs beside the content on wide screens, a row above it on narrow ones.
  const sideTabs = screens.lg === true;

  const outsideGroups = useMemo(() => schema.data?.outside_groups ?? [], [schema.data]);
  // The whole archive is read only when the catalogue leaves something out (to find what it holds of that).
  const archive = useQuery({ ...archiveQueryOptions(teacher.id), enabled: outsideGroups.length > 0 });
  const inForce = useMemo(
    () => archiveTabs(schema.data?.groups ?? []).filter((group) => (group.many ? isGroupCode(group.code) : isFormGroup(group.code))),
    [schema.data],
  );
  const outsideTables = useMemo(() => {
    const held = archive.data?.groups as unknown as Record<string, unknown[] | undefined> | undefined;
    return archiveTabs(outsideGroups).filter(
      (group) => group.many && isGroupCode(group.code) && !inForce.some((tab) => tab.code === group.code) && (held?.[group.code]?.length ?? 0) > 0,
    );
  }, [archive.data, outsideGroups, inForce]);
  const outsideFields = useMemo(() => outsideHeld(outsideGroups, archive.data, i18n.language), [outsideGroups, archive.data, i18n.language]);
  const groups = useMemo(() => [...inForce, ...outsideTables], [inForce, outsideTables]);
  const timelineShown = searchParams.get('tab') === TIMELINE_TAB;
  const changesShown = searchParams.get('tab') === CHANGES_TAB && changesPanel !== undefined;
  const transcriptShown = searchParams.get('tab') === TRANSCRIPT_TAB && trainingPanel !== undefined;
  const outsideShown = searchParams.get('tab') === OUTSIDE_TAB && outsideFields.length > 0;
  const active = resolveTab(searchParams.get('tab'), groups);
  const activeGroup =
    timelineShown || outsideShown || changesShown || transcriptShown ? undefined : groups.find((group) => group.code === active);
  const isOutside = (code: string) => outsideTables.some((group) => group.code === code);

  const showTab = useCallback(
    (code: string) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('tab', code);
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  if (schema.isError) {
    return <Alert type="error" showIcon title={t('teachers:schemaError', { message: schema.error.message })} />;
  }
  if (!schema.data || (!activeGroup && !timelineShown && !outsideShown && !changesShown && !transcriptShown)) {
    return (
      <Card>
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      </Card>
    );
  }

  const items = groups.map((group) => {
    const name = localName(i18n.language, group.name, group.name_en);
    const unsaved = dirty && !group.many;
    return {
      key: group.code,
      label: (
        <Space size={4} data-testid={`tab-${group.code}`}>
          <span>{name}</span>
          {isOutside(group.code) && <Tag style={{ marginInlineEnd: 0 }}>{t('teachers:tabs.outsideTag')}</Tag>}
          {unsaved && <Badge status="warning" title={t('teachers:tabs.unsaved')} />}
        </Space>
      ),
    };
  });
  if (outsideFields.length > 0) {
    items.push({
      key: OUTSIDE_TAB,
      label: (
        <Space size={4} data-testid={`tab-${OUTSIDE_TAB}`}>
          <span>{t('teachers:tabs.outside')}</span>
        </Space>
      ),
    });
  }
  // After the groups: the archive's history.
  items.push({
    key: TIMELINE_TAB,
    label: (
      <Space size={4} data-testid={`tab-${TIMELINE_TAB}`}>
        <HistoryOutlined />
        <span>{t('teachers:tabs.timeline')}</span>
      </Space>
    ),
  });
  if (changesPanel !== undefined) {
    items.push({
      key: CHANGES_TAB,
      label: (
        <Space size={4} data-testid={`tab-${CHANGES_TAB}`}>
          <SwapOutlined />
          <span>{t('changes:archive.tab')}</span>
        </Space>
      ),
    });
  }
  if (trainingPanel !== undefined) {
    items.push({
      key: TRANSCRIPT_TAB,
      label: (
        <Space size={4} data-testid={`tab-${TRANSCRIPT_TAB}`}>
          <ReadOutlined />
          <span>{t('training:transcript.tab')}</span>
        </Space>
      ),
    });
  }
  const formShown = activeGroup !== undefined && !activeGroup.many;

  return (
    <Card styles={{ body: { padding: sideTabs ? '16px 24px 16px 0' : 16 } }}>
      <Flex vertical={!sideTabs} gap={sideTabs ? 24 : 0}>
        <Tabs
          aria-label={t('teachers:tabs.label')}
          activeKey={activeGroup?.code ?? (outsideShown ? OUTSIDE_TAB : changesShown ? CHANGES_TAB : transcriptShown ? TRANSCRIPT_TAB : TIMELINE_TAB)}
          onChange={showTab}
          items={items}
          tabPlacement={sideTabs ? 'start' : 'top'}
          style={sideTabs ? { flex: 'none' } : undefined}
          data-testid="archive-tabs"
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={formShown ? undefined : { display: 'none' }}>
            <TeacherEditor
              key={teacher.id}
              school={teacher.school}
              record={record}
              editable={editable}
              initialWarnings={initialWarnings}
              onReload={onReload}
              visibleGroup={formShown ? activeGroup.code : undefined}
              onShowGroup={showTab}
              onDirtyChange={setDirty}
              fieldErrors={fieldErrors}
            />
          </div>
          {activeGroup?.many && isGroupCode(activeGroup.code) && (
            <GroupRecordsPanel
              key={activeGroup.code}
              teacherId={teacher.id}
              groupCode={activeGroup.code}
              group={activeGroup}
              provinceTables={schema.data.province_code_tables}
              editable={editable && !isOutside(activeGroup.code)}
            />
          )}
          {outsideShown && archive.data && (
            <OutsideValues fields={outsideFields} archive={archive.data} provinceTables={schema.data.province_code_tables} />
          )}
          {changesShown && changesPanel}
          {transcriptShown && trainingPanel}
          {timelineShown && <TimelinePanel teacherId={teacher.id} school={teacher.school} />}
        </div>
      </Flex>
    </Card>
  );
}
