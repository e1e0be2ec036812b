import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { CatalogueFields, schemaDefaults } from '@/components/catalogue-fields';
import { FormErrorSummary } from '@/components/form-error-summary';
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
  toFormValues,
  toRequestBody,
  warningLines,
  type FormValues,
} from '@/features/teachers/utils/teacher-form';
import { ApiError } from '@/lib/api-error';
import { effectiveSchemaQueryOptions } from '@/lib/catalogue-api';
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
}

/**
 * The 基本信息 / 联系方式 form of an archive, generated from the school's effective catalogue: key information
 * first, API errors at the fields and in a summary, warnings listed after a save, unsaved changes guarded.
 */
export function TeacherEditor({ school, record, editable, initialWarnings, onCreated, onReload }: TeacherEditorProps) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const schema = useQuery(effectiveSchemaQueryOptions(school));
  const createTeacher = useCreateTeacher();
  const updateTeacher = useUpdateTeacher(record?.teacher.id ?? Number.NaN);
  const [summary, setSummary] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<Warnings | undefined>(initialWarnings);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [created, setCreated] = useState<TeacherResult | null>(null);

  const groups = useMemo(() => (schema.data ? archiveGroups(schema.data) : []), [schema.data]);
  const fields = useMemo(() => (schema.data ? archiveFields(schema.data, i18n.language) : []), [schema.data, i18n.language]);
  const initialValues = useMemo<FormValues>(() => {
    if (record) return toFormValues(record.teacher, fields);
    return Object.fromEntries(groups.flatMap((group) => Object.entries(schemaDefaults(group))));
  }, [record, fields, groups]);
  const warningList = warningLines(warnings, fields);

  // A new version (saved or reloaded): the form shows it, and the warnings of the save sit at their fields.
  const etag = record?.etag;
  useEffect(() => {
    if (fields.length === 0) return;
    form.resetFields();
    const known = new Set(fields.map((field) => field.code));
    form.setFields(
      Object.entries(warnings ?? {})
        .map(([code, list]) => ({ name: code.replace(/^extra\./, ''), warnings: list.map((item) => item.message ?? '') }))
        .filter((entry) => known.has(entry.name)),
    );
  }, [etag, fields, form, warnings]);

  useEffect(() => {
    if (created) onCreated?.(created);
  }, [created, onCreated]);

  const onValuesChange = (changed: FormValues, all: FormValues) => {
    setDirty(true);
    if ('id_number' in changed || 'id_type' in changed) {
      const birthDate = birthDateFromId(all.id_type, all.id_number);
      if (birthDate && !all.birth_date) form.setFieldValue('birth_date', birthDate);
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
      const extra = (record.teacher.extra ?? {}) as Record<string, unknown>;
      const body = toRequestBody(values, fields, initialValues, extra) as TeacherWrite;
      if (Object.keys(body).length === 0) {
        void message.info(t('teachers:saved'));
        setDirty(false);
        return;
      }
      const { result } = await updateTeacher.mutateAsync({ etag: record.etag, body });
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
  return (
    <>
      <UnsavedChangesGuard when={dirty && !created} />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('teachers:stale')}
          data-testid="stale-banner"
          action={
            <Button
              size="small"
              onClick={() => {
                void onReload?.().then(() => {
                  setStale(false);
                  setDirty(false);
                });
              }}
            >
              {t('teachers:reload')}
            </Button>
          }
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
      {warningList.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="save-warnings"
          title={t('teachers:savedWithWarnings', { count: warningList.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {warningList.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={onValuesChange}
        onFinish={(values) => void onFinish(values)}
        scrollToFirstError
        autoComplete="off"
        disabled={!editable}
        data-testid="teacher-form"
      >
        {basic && (
          <Card title={t('teachers:sections.key')} size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('teachers:sections.keyHint')}
            </Typography.Paragraph>
            <CatalogueFields group={basic} provinceTables={schema.data.province_code_tables} include={KEY_FIELDS} disabled={!editable} />
          </Card>
        )}
        {groups.map((group) => (
          <Card key={group.code} title={localName(i18n.language, group.name, group.name_en)} size="small" style={{ marginBottom: 16 }}>
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
              padding: '12px 0',
              background: 'var(--ant-color-bg-layout, #f5f5f5)',
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
