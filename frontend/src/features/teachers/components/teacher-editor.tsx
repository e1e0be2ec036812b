import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { CatalogueFields, schemaDefaults } from '@/components/catalogue-fields';
import { FormErrorSummary } from '@/components/form-error-summary';
import { StaleAlert } from '@/components/stale-alert';
import { UnsavedChangesGuard } from '@/components/unsaved-changes-guard';
import {
  useCreateTeacher,
  useUpdateTeacher,
  type TeacherResult,
  type TeacherWrite,
  type VersionedTeacher,
} from '@/features/teachers/api/teachers-api';
import {
  KEY_FIELDS,
  archiveFields,
  archiveGroups,
  birthDateFromId,
  genderFromId,
  sameFormValues,
  toFormValues,
  toRequestBody,
  warningLines,
  warningMessage,
  type FormValues,
} from '@/features/teachers/utils/teacher-form';
import { ApiError } from '@/lib/api-error';
import { effectiveSchemaQueryOptions } from '@/lib/catalogue-api';
import { buildFormFields } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';
import { applyApiErrors } from '@/lib/form-errors';

export type Warnings = TeacherResult['warnings'];

interface Existing {
  id?: number;
  name?: string;
  school?: string;
  school_name?: string;
}

interface TeacherEditorProps {
  /** The school whose catalogue generates the form. */
  school: string;
  /** The archive being edited; none for a new teacher. */
  record?: VersionedTeacher;
  editable: boolean;
  /** Warnings of the save that led here (a new teacher's first save). */
  initialWarnings?: Warnings;
  onCreated?: (result: TeacherResult) => void;
  /** Loads the archive again (after a 412). */
  onReload?: () => Promise<unknown>;
  /** Shows only this one-row group (the archive page's tab); all of them when absent. */
  visibleGroup?: string;
  /** Asks the page to show another one-row group: the one holding the first field in error. */
  onShowGroup?: (group: string) => void;
  /** Told whether the form holds unsaved changes. */
  onDirtyChange?: (dirty: boolean) => void;
  /** Problems a refused submit found, by field: shown at the fields. */
  fieldErrors?: Record<string, string[]>;
}

/**
 * The 基本信息 / 联系方式 form of an archive, generated from the school's effective catalogue: key information
 * first, API errors at the fields and in a summary, warnings at their fields after a save (the archive page lists what is missing), unsaved changes guarded.
 *
 * The form edits one version of the archive (`held`). A newer version replaces it when the form is clean, or
 * when it differs only outside the form (a study-history row was added: the version moves on, these fields do
 * not); otherwise the edits stay on the old version and saving them answers 412.
 */
export function TeacherEditor({
  school,
  record,
  editable,
  initialWarnings,
  onCreated,
  onReload,
  visibleGroup,
  onShowGroup,
  onDirtyChange,
  fieldErrors,
}: TeacherEditorProps) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const schema = useQuery(effectiveSchemaQueryOptions(school));
  const createTeacher = useCreateTeacher();
  const updateTeacher = useUpdateTeacher(record?.teacher.id ?? Number.NaN);
  const [held, setHeld] = useState(record);
  const [resets, setResets] = useState(0);
  const [summary, setSummary] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<Warnings | undefined>(initialWarnings);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [created, setCreated] = useState<TeacherResult | null>(null);

  const groups = useMemo(() => (schema.data ? archiveGroups(schema.data) : []), [schema.data]);
  const fields = useMemo(() => (schema.data ? archiveFields(schema.data, i18n.language) : []), [schema.data, i18n.language]);
  const groupOfField = useMemo(
    () => new Map(groups.flatMap((group) => buildFormFields(group, i18n.language).map((field) => [field.code, group.code] as const))),
    [groups, i18n.language],
  );
  const initialValues = useMemo<FormValues>(() => {
    if (held) return toFormValues(held.teacher, fields);
    return Object.fromEntries(groups.flatMap((group) => Object.entries(schemaDefaults(group))));
  }, [held, fields, groups]);

  // A newer version of the archive (saved, reloaded, or moved on by a group record's write).
  if (record && held && record !== held && fields.length > 0) {
    if (!dirty) {
      setHeld(record);
      setResets((count) => count + 1);
    } else if (sameFormValues(record.teacher, held.teacher, fields)) {
      setHeld(record);
    }
  }

  // The form shows the held version after a reset (not when only the labels change, with the language) ...
  useEffect(() => {
    if (resets > 0) form.resetFields();
  }, [resets, form]);

  // ... and the warnings of the save sit at their fields.
  useEffect(() => {
    if (fields.length === 0) return;
    const known = new Set(fields.map((field) => field.code));
    form.setFields(
      Object.entries(warnings ?? {})
        .map(([code, list]) => ({ name: code.replace(/^extra\./, ''), warnings: list.map(warningMessage) }))
        .filter((entry) => known.has(entry.name)),
    );
  }, [resets, fields, form, warnings]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  // A refused submit's problems sit at their fields too (the page lists them on top).
  const submitErrorFields = useRef<string[]>([]);
  useEffect(() => {
    if (fields.length === 0) return;
    const known = new Set(fields.map((field) => field.code));
    const shown = Object.entries(fieldErrors ?? {}).filter(([code]) => known.has(code));
    const cleared = submitErrorFields.current.filter((code) => !shown.some(([name]) => name === code));
    form.setFields([...cleared.map((name) => ({ name, errors: [] })), ...shown.map(([name, errors]) => ({ name, errors }))]);
    submitErrorFields.current = shown.map(([name]) => name);
  }, [fieldErrors, fields, form]);

  /** Shows the group of the first field in error when another group is on screen. */
  const showFirstError = (name: unknown) => {
    const group = typeof name === 'string' ? groupOfField.get(name) : undefined;
    if (group && visibleGroup && group !== visibleGroup) onShowGroup?.(group);
  };

  useEffect(() => {
    if (created) onCreated?.(created);
  }, [created, onCreated]);

  const onValuesChange = (changed: FormValues, all: FormValues) => {
    setDirty(true);
    if ('id_number' in changed || 'id_type' in changed) {
      const birthDate = birthDateFromId(all.id_type, all.id_number);
      if (birthDate && !all.birth_date) form.setFieldValue('birth_date', birthDate);
      const gender = genderFromId(all.id_type, all.id_number);
      if (gender && !all.gender) form.setFieldValue('gender', gender);
    }
  };

  const onFinish = async (values: FormValues) => {
    setSummary([]);
    setExisting(null);
    try {
      if (!record) {
        const body = { school, ...toRequestBody(values, fields) } as TeacherWrite;
        const result = await createTeacher.mutateAsync(body);
        setDirty(false);
        void message.success(t('teachers:created'));
        setCreated(result);
        return;
      }
      const base = held ?? record;
      const extra = (base.teacher.extra ?? {}) as Record<string, unknown>;
      const body = toRequestBody(values, fields, initialValues, extra) as TeacherWrite;
      if (Object.keys(body).length === 0) {
        void message.info(t('teachers:saved'));
        setDirty(false);
        return;
      }
      const { result, pending } = await updateTeacher.mutateAsync({ etag: base.etag, body });
      if (pending) {
        // An approved archive: the change waits for review (202) and the archive keeps its approved values,
        // which the form shows again: the mutation has read the archive again, the form resets to it.
        setWarnings(undefined);
        setDirty(false);
        setResets((count) => count + 1);
        void message.info(t('teachers:review.savedForReview'));
        return;
      }
      setWarnings(result.warnings);
      setDirty(false);
      const count = warningLines(result.warnings, fields).length;
      void message.success(count > 0 ? t('teachers:savedWithWarnings', { count }) : t('teachers:saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setStale(true);
        return;
      }
      if (error instanceof ApiError && error.code === 'duplicate_id_document') {
        const found = error.body.existing;
        if (typeof found === 'object' && found !== null) setExisting(found);
      }
      setSummary(applyApiErrors(form, error, [...fields.map((field) => field.code), 'school'], t('common:errors.generic')));
      showFirstError(form.getFieldsError().find((entry) => entry.errors.length > 0)?.name[0]);
    }
  };

  if (schema.isError) {
    return <Alert type="error" showIcon title={t('teachers:schemaError', { message: schema.error.message })} />;
  }
  if (!schema.data) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }

  const saving = createTeacher.isPending || updateTeacher.isPending;
  const basic = groups.find((group) => group.code === 'basic');
  // Every group's inputs stay mounted (their values and validation too); only the visible group is shown.
  const shown = (group: string): CSSProperties =>
    visibleGroup === undefined || visibleGroup === group ? { marginBottom: 16 } : { display: 'none' };
  return (
    <>
      <UnsavedChangesGuard when={dirty && !created} />
      {stale && (
        <StaleAlert
          onReload={async () => {
            await onReload?.();
            setStale(false);
            setDirty(false);
          }}
        />
      )}
      <FormErrorSummary messages={summary} />
      {existing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('teachers:duplicateExisting', { name: existing.name ?? '', school: existing.school_name ?? existing.school ?? '' })}
          action={existing.id !== undefined && <Link to={`/teachers/${existing.id}`}>{t('teachers:openExisting')}</Link>}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={(values) => void onFinish(values)}
        onFinishFailed={({ errorFields }) => showFirstError(errorFields[0]?.name[0])}
        scrollToFirstError
        autoComplete="off"
        disabled={!editable}
        data-testid="teacher-form"
      >
        {basic && (
          <Card title={t('teachers:sections.key')} size="small" style={shown('basic')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('teachers:sections.keyHint')}
            </Typography.Paragraph>
            <CatalogueFields group={basic} provinceTables={schema.data.province_code_tables} include={KEY_FIELDS} disabled={!editable} />
          </Card>
        )}
        {groups.map((group) => (
          <Card
            key={group.code}
            title={localName(i18n.language, group.name, group.name_en)}
            size="small"
            style={shown(group.code)}
            data-testid={`group-form-${group.code}`}
          >
            <CatalogueFields
              group={group}
              provinceTables={schema.data.province_code_tables}
              exclude={group.code === 'basic' ? KEY_FIELDS : undefined}
              enforceRequired={false}
              disabled={!editable}
            />
          </Card>
        ))}
        {editable && (
          <div
            style={{
              position: 'sticky',
              bottom: 0,
              zIndex: 2,
              padding: '12px 16px',
              background: 'var(--ant-color-bg-container, #fff)',
              borderTop: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
              textAlign: 'right',
            }}
          >
            <Space>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
                {t('teachers:save')}
              </Button>
            </Space>
          </div>
        )}
      </Form>
    </>
  );
}
