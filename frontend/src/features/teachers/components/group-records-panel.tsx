import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Flex, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCodeLabels } from '@/components/catalogue-fields';
import { RowActions } from '@/components/row-actions';
import {
  useGroupRecordMutations,
  useGroupRecords,
  type GroupCode,
  type GroupRecord,
  type RecordWarnings,
} from '@/features/teachers/api/group-records-api';
import { GroupRecordModal, type RecordTarget } from '@/features/teachers/components/group-record-modal';
import { displayValue, tableFields, type DisplayWords } from '@/features/teachers/utils/archive';
import { toFormValues, warningLines } from '@/features/teachers/utils/teacher-form';
import type { EffectiveGroup, SpecCodeTable } from '@/lib/catalogue-api';
import { buildFormFields, type FormField } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';
import { isStale } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { claimFormPath, isOwnedGroup } from '@/lib/training-claims';

interface GroupRecordsPanelProps {
  teacherId: number;
  groupCode: GroupCode;
  group: EffectiveGroup;
  provinceTables: SpecCodeTable[];
  editable: boolean;
}

type Names = Map<string, Map<string, string>>;

const valueOf = (record: GroupRecord, field: FormField, names: Names, words: DisplayWords) =>
  displayValue(field, toFormValues(record, [field])[field.code], field.codeTable ? names.get(field.codeTable) : undefined, words);

/** Every indicator of a record, shown under its row when the row is expanded. */
function RecordDetails({ record, fields, names, words }: { record: GroupRecord; fields: FormField[]; names: Names; words: DisplayWords }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={fields.map((field) => ({
        key: field.code,
        label: field.label,
        children: valueOf(record, field, names, words) || '—',
      }))}
    />
  );
}

/** The warnings of a row's last save in this session, as an icon with the list in a tooltip. */
function RowWarnings({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <Tooltip
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      }
    >
      <WarningOutlined style={{ color: 'var(--ant-color-warning, #faad14)' }} aria-label={lines.join('；')} data-testid="row-warnings" />
    </Tooltip>
  );
}

/**
 * The records of one many-valued group as a table: the first indicators as columns (codes by their names),
 * every indicator in the expanded row; add, edit and delete (confirmed) when the archive is editable.
 */
export function GroupRecordsPanel({ teacherId, groupCode, group, provinceTables, editable: archiveEditable }: GroupRecordsPanelProps) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  // 国内培训 is written by the training module alone (the API answers 409 `group_owned` to any other write).
  const owned = isOwnedGroup(groupCode);
  const editable = archiveEditable && !owned;
  const canClaim = useCapability('training.claim');
  const { message } = App.useApp();
  const records = useGroupRecords(teacherId, groupCode);
  const { remove, reload } = useGroupRecordMutations(teacherId, groupCode);
  const [target, setTarget] = useState<RecordTarget | null>(null);
  // The API reports warnings only in the answer to a save: they are kept while this tab stays open.
  const [warningsById, setWarningsById] = useState<Map<number, RecordWarnings>>(() => new Map());
  const fields = useMemo(() => buildFormFields(group, i18n.language), [group, i18n.language]);
  const names = useCodeLabels(fields, provinceTables, i18n.language);
  const words: DisplayWords = { yes: t('common:status.yes'), no: t('common:status.no') };
  const groupName = localName(i18n.language, group.name, group.name_en);
  const rows = records.data ?? [];
  const warningsOf = (record: GroupRecord) => warningLines(warningsById.get(record.id), fields);
  const anyWarnings = rows.some((record) => warningsOf(record).length > 0);
  const columnFields = tableFields(fields);

  const onSaved = (record: GroupRecord) =>
    setWarningsById((current) => new Map(current).set(record.id, record.warnings));

  const onRemove = async (record: GroupRecord) => {
    try {
      await remove.mutateAsync(record);
      void message.success(t('teachers:records.removed'));
    } catch (error) {
      if (isStale(error)) {
        // Someone changed the record meantime: the table shows the current version before anything is deleted.
        void message.warning(t('common:stale.message'));
        await reload();
        return;
      }
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  const columns: TableColumnsType<GroupRecord> = [
    ...(anyWarnings
      ? [{ key: 'warnings', width: 36, render: (_: unknown, record: GroupRecord) => <RowWarnings lines={warningsOf(record)} /> }]
      : []),
    ...columnFields.map((field) => ({
      key: field.code,
      title: field.label,
      ellipsis: { showTitle: true },
      render: (_: unknown, record: GroupRecord) => valueOf(record, field, names, words),
    })),
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('teachers:records.actions'),
            width: 150,
            render: (_: unknown, record: GroupRecord) => (
              <RowActions
                onEdit={() => setTarget({ mode: 'edit', record })}
                onRemove={() => onRemove(record)}
                removeConfirm={t('teachers:records.removeConfirm', { group: groupName })}
                removeLabel={t('teachers:records.remove')}
              />
            ),
          },
        ]
      : []),
  ];

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={`${t('teachers:records.empty', { group: groupName })}${editable ? t('teachers:records.emptyAction') : ''}`}
    />
  );

  return (
    <div data-testid={`group-records-${groupCode}`}>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Flex align="baseline" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {groupName}
          </Typography.Title>
          {records.data && <Typography.Text type="secondary">{t('teachers:records.count', { count: rows.length })}</Typography.Text>}
        </Flex>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
            {t('teachers:records.add')}
          </Button>
        )}
      </Flex>
      {owned && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="owned-group-hint"
          title={t('teachers:records.ownedTitle', { group: groupName })}
          description={t('teachers:records.ownedDescription')}
          action={canClaim && <Link to={claimFormPath(teacherId)}>{t('teachers:records.ownedLink')}</Link>}
        />
      )}
      {records.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('teachers:records.loadError', { group: groupName, message: records.error.message })}
        />
      )}
      <Table<GroupRecord>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={records.isPending}
        pagination={false}
        tableLayout="fixed"
        expandable={
          columnFields.length < fields.length
            ? { expandedRowRender: (record) => <RecordDetails record={record} fields={fields} names={names} words={words} /> }
            : undefined
        }
        locale={{ emptyText: empty }}
        data-testid={`records-table-${groupCode}`}
      />
      {target && (
        <GroupRecordModal
          teacherId={teacherId}
          groupCode={groupCode}
          group={group}
          provinceTables={provinceTables}
          target={target}
          warnings={target.mode === 'edit' ? warningsById.get(target.record.id) : undefined}
          onSaved={onSaved}
          onClose={() => setTarget(null)}
        />
      )}
    </div>
  );
}
