import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import { StaleAlert } from '@/components/stale-alert';
import { getOrg, orgKeys, useSchoolCodes, type Organisation, type SchoolCodeField } from '@/features/orgs/api/get-orgs';
import { useCreateOrg, useUpdateOrg } from '@/features/orgs/api/save-org';
import { isStale } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { levelsBelow, type SubLevel } from '@/lib/org-levels';

export type OrgFormTarget = { mode: 'create'; parent: Organisation } | { mode: 'edit'; org: Organisation };

interface OrgFormValues {
  code: string;
  name: string;
  name_en?: string;
  level: SubLevel;
  school_type?: string;
  sponsor?: string;
  urban_rural?: string;
  affiliation?: string;
}

const FIELDS = ['code', 'name', 'name_en', 'level', 'parent', 'school_type', 'sponsor', 'urban_rural', 'affiliation'];
type SchoolField = 'school_type' | 'sponsor' | 'urban_rural' | 'affiliation';

interface OrgFormModalProps {
  target: OrgFormTarget;
  onClose: () => void;
  onSaved: (org: Organisation, target: OrgFormTarget) => void;
}

/** Create a unit under the selected organisation, or edit one; API errors appear at their fields. */
export function OrgFormModal({ target, onClose, onSaved }: OrgFormModalProps) {
  const { t } = useTranslation(['orgs', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const createOrg = useCreateOrg();
  const schoolCodes = useSchoolCodes();
  const codeOptions = (field: SchoolCodeField) =>
    (schoolCodes.data?.[field] ?? []).map((item) => ({ value: item.code, label: `${item.code} ${item.name}` }));
  const codeSelect = (field: SchoolCodeField) => (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={schoolCodes.isLoading}
      options={codeOptions(field)}
      placeholder={t('orgs:codePickerPlaceholder')}
    />
  );
  const updateOrg = useUpdateOrg();
  const queryClient = useQueryClient();
  // The version being edited: the tree's row at first, the current one after a reload (412).
  const [base, setBase] = useState<Organisation | null>(target.mode === 'edit' ? target.org : null);
  const [stale, setStale] = useState(false);

  const isCreate = target.mode === 'create';
  const levelChoices = isCreate ? levelsBelow(target.parent.level) : [];
  const watchedLevel = Form.useWatch('level', form) as SubLevel | undefined;
  const level: string | undefined = isCreate ? (watchedLevel ?? levelChoices[0]) : target.org.level;
  const isSchool = level === 'school';

  const valuesOf = (org: Organisation): Partial<OrgFormValues> => ({
    code: org.code,
    name: org.name,
    name_en: org.name_en,
    school_type: org.school_type ?? undefined,
    sponsor: org.sponsor ?? undefined,
    urban_rural: org.urban_rural ?? undefined,
    affiliation: org.affiliation ?? undefined,
  });
  const initialValues: Partial<OrgFormValues> = isCreate ? { level: levelChoices[0] } : valuesOf(target.org);

  const reload = async () => {
    if (!base) return;
    const current = await getOrg(base.code);
    setBase(current);
    form.setFieldsValue(valuesOf(current));
    setStale(false);
    setSummary([]);
    queryClient.setQueryData(orgKeys.detail(current.code), current);
    await queryClient.invalidateQueries({ queryKey: orgKeys.all });
  };

  const onFinish = async (values: OrgFormValues) => {
    setSummary([]);
    // School attributes only for schools; regions send them blank.
    const schoolValue = (field: SchoolField) =>
      (values.level === 'school' || (!isCreate && target.org.level === 'school') ? values[field] : '')?.trim() ?? '';
    const school = {
      school_type: schoolValue('school_type'),
      sponsor: schoolValue('sponsor'),
      urban_rural: schoolValue('urban_rural'),
      affiliation: schoolValue('affiliation'),
    };
    try {
      if (target.mode === 'create') {
        const org = await createOrg.mutateAsync({
          code: values.code.trim(),
          name: values.name.trim(),
          name_en: values.name_en?.trim() ?? '',
          level: values.level,
          parent: target.parent.code,
          ...school,
        });
        void message.success(t('orgs:created'));
        onSaved(org, target);
      } else if (base) {
        const org = await updateOrg.mutateAsync({
          code: base.code,
          etag: base.etag,
          body: {
            name: values.name.trim(),
            name_en: values.name_en?.trim() ?? '',
            ...(target.org.level === 'school' ? school : {}),
          },
        });
        void message.success(t('orgs:saved'));
        onSaved(org, target);
      }
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      setSummary(applyApiErrors(form, error, FIELDS, t('common:errors.generic')));
    }
  };

  const codeRules = isSchool
    ? [{ pattern: /^\d{10}$/, message: t('orgs:validation.schoolCodePattern') }]
    : [{ pattern: /^\d{6}$/, message: t('orgs:validation.regionCodePattern') }];

  return (
    <FormModal<OrgFormValues>
      title={
        isCreate
          ? t('orgs:createTitle', { parent: target.parent.name })
          : t('orgs:editTitle', { name: target.org.name })
      }
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      saving={createOrg.isPending || updateOrg.isPending}
      summary={summary}
      notice={stale && <StaleAlert onReload={reload} />}
      onClose={onClose}
      width={640}
    >
      {isCreate && (
        <Form.Item
          name="level"
          label={t('orgs:fields.level')}
          rules={[{ required: true, message: t('orgs:validation.levelRequired') }]}
        >
          <Select options={levelChoices.map((value) => ({ value, label: t(`common:levels.${value}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="code"
        label={t('orgs:fields.code')}
        extra={isCreate ? (isSchool ? t('orgs:help.schoolCode') : t('orgs:help.regionCode')) : undefined}
        rules={isCreate ? [{ required: true, message: t('orgs:validation.codeRequired') }, ...codeRules] : []}
      >
        <Input disabled={!isCreate} maxLength={10} inputMode="numeric" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('orgs:fields.name')}
        rules={[{ required: true, whitespace: true, message: t('orgs:validation.nameRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="name_en" label={t('orgs:fields.nameEn')}>
        <Input maxLength={200} />
      </Form.Item>
      {isSchool && (
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="school_type"
              label={t('orgs:fields.schoolType')}
              rules={[{ required: true, message: t('orgs:validation.schoolTypeRequired') }]}
            >
              {codeSelect('school_type')}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="sponsor" label={t('orgs:fields.sponsor')}>
              {codeSelect('sponsor')}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="urban_rural" label={t('orgs:fields.urbanRural')}>
              {codeSelect('urban_rural')}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="affiliation" label={t('orgs:fields.affiliation')}>
              {codeSelect('affiliation')}
            </Form.Item>
          </Col>
        </Row>
      )}
    </FormModal>
  );
}
