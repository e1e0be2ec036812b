import { Alert, App, Form } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { CatalogueFields, schemaDefaults } from '@/components/catalogue-fields';
import { FormModal } from '@/components/form-modal';
import { StaleAlert } from '@/components/stale-alert';
import {
  getGroupRecord,
  useGroupRecordMutations,
  type GroupCode,
  isPendingChange,
  type GroupRecord,
  type SavedRecord,
  type RecordWarnings,
} from '@/features/teachers/api/group-records-api';
import { toFormValues, toRequestBody, warningLines, warningMessage, type FormValues } from '@/features/teachers/utils/teacher-form';
import type { EffectiveGroup, SpecCodeTable } from '@/lib/catalogue-api';
import { buildFormFields } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

export type RecordTarget = { mode: 'create' } | { mode: 'edit'; record: GroupRecord };

interface GroupRecordModalProps {
  teacherId: number;
  groupCode: GroupCode;
  group: EffectiveGroup;
  provinceTables: SpecCodeTable[];
  target: RecordTarget;
  /** Warnings the record's last save returned (shown on top and at the fields). */
  warnings?: RecordWarnings;
  onSaved: (record: GroupRecord) => void;
  onClose: () => void;
}

/**
 * Adds or edits one record of a many-valued group in a modal form generated from the catalogue. Required
 * indicators are marked but not enforced: a draft accepts gaps, and the save lists them as warnings.
 */
export function GroupRecordModal({
  teacherId,
  groupCode,
  group,
  provinceTables,
  target,
  warnings,
  onSaved,
  onClose,
}: GroupRecordModalProps) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const { create, update, reload: reloadList } = useGroupRecordMutations(teacherId, groupCode);
  const fields = useMemo(() => buildFormFields(group, i18n.language), [group, i18n.language]);
  const groupName = localName(i18n.language, group.name, group.name_en);
  // The version being edited: the table's row at first, the current one after a reload (412).
  const [record, setRecord] = useState<GroupRecord | null>(target.mode === 'edit' ? target.record : null);
  const [stale, setStale] = useState(false);
  const initialValues = useMemo<FormValues>(
    () => (record ? toFormValues(record, fields) : schemaDefaults(group)),
    [record, fields, group],
  );

  const reload = async () => {
    if (!record) return;
    const current = await getGroupRecord(teacherId, groupCode, record.id);
    setRecord(current);
    form.resetFields();
    form.setFieldsValue(toFormValues(current, fields));
    setStale(false);
    setSummary([]);
    await reloadList();
  };
  const warningList = warningLines(warnings, fields);

  useEffect(() => {
    const known = new Set(fields.map((field) => field.code));
    form.setFields(
      Object.entries(warnings ?? {})
        .map(([code, list]) => ({ name: code.replace(/^extra\./, ''), warnings: list.map(warningMessage) }))
        .filter((entry) => known.has(entry.name)),
    );
  }, [fields, form, warnings]);

  const onFinish = async (values: FormValues) => {
    setSummary([]);
    try {
      let saved: SavedRecord;
      if (record) {
        const extra = (typeof record.extra === 'object' && record.extra !== null ? record.extra : {}) as Record<string, unknown>;
        const body = toRequestBody(values, fields, initialValues, extra);
        if (Object.keys(body).length === 0) {
          void message.info(t('teachers:records.unchanged'));
          onClose();
          return;
        }
        saved = await update.mutateAsync({ record, body });
      } else {
        saved = await create.mutateAsync(toRequestBody(values, fields));
      }
      if (isPendingChange(saved)) {
        void message.info(t('teachers:records.pendingReview'));
        onClose();
        return;
      }
      const count = warningLines(saved.warnings, fields).length;
      if (count > 0) void message.warning(t('teachers:records.savedWithWarnings', { count }));
      else void message.success(record ? t('teachers:records.saved') : t('teachers:records.created'));
      onSaved(saved);
      onClose();
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      setSummary(applyApiErrors(form, error, fields.map((field) => field.code), t('common:errors.generic')));
    }
  };

  return (
    <FormModal<FormValues>
      title={t(record ? 'teachers:records.editTitle' : 'teachers:records.addTitle', { group: groupName })}
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      saving={create.isPending || update.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={reload} />}
      onClose={onClose}
      width={880}
      autoComplete="off"
    >
      {warningList.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('teachers:records.warnings', { count: warningList.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {warningList.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
      <div data-testid={`record-form-${groupCode}`}>
        <CatalogueFields group={group} provinceTables={provinceTables} enforceRequired={false} testIdPrefix="record" />
      </div>
    </FormModal>
  );
}
