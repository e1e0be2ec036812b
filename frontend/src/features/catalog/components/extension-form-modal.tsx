import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import {
  DATA_TYPES,
  SCHOOL_STAGES,
  type CatalogueSpec,
  type CodeTable,
  type DataType,
  type IndicatorGroup,
  type SchoolStage,
  type SpecExtension,
} from '@/features/catalog/api/catalog-api';
import { localName } from '@/lib/catalogue-names';
import {
  CODED_TYPES,
  LENGTH_TYPES,
  RANGE_TYPES,
  describeSpecErrors,
  errorsUnder,
  withExtension,
} from '@/features/catalog/utils/spec';

export interface ExtensionFormValues {
  group: string;
  name: string;
  name_en?: string;
  type: DataType;
  code_table?: string | null;
  required: boolean;
  stages: SchoolStage[];
  max_length?: number | null;
  minimum?: number | null;
  maximum?: number | null;
  help?: string;
  help_en?: string;
}

export function extensionToValues(ext: SpecExtension): ExtensionFormValues {
  const rules = ext.validation ?? {};
  const n = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    group: ext.group,
    name: ext.name,
    name_en: ext.name_en ?? '',
    type: ext.type,
    code_table: ext.code_table ?? null,
    required: Boolean(ext.required),
    stages: ext.stages ?? [],
    max_length: n(rules.max_length),
    minimum: n(rules.minimum),
    maximum: n(rules.maximum),
    help: ext.help ?? '',
    help_en: ext.help_en ?? '',
  };
}

/** The form's values as a spec extension; rules the form does not show are kept from `previous`. A new indicator
 * goes with an empty code: the server makes it from the name (ext_ + pinyin initials), nobody types it. */
export function valuesToExtension(values: ExtensionFormValues, previous?: SpecExtension): SpecExtension {
  const validation: Record<string, unknown> = { ...(previous?.validation ?? {}) };
  delete validation.max_length;
  delete validation.minimum;
  delete validation.maximum;
  if (LENGTH_TYPES.includes(values.type) && values.max_length != null) validation.max_length = values.max_length;
  if (RANGE_TYPES.includes(values.type)) {
    if (values.minimum != null) validation.minimum = values.minimum;
    if (values.maximum != null) validation.maximum = values.maximum;
  }
  return {
    code: previous?.code ?? '',
    group: values.group,
    name: values.name.trim(),
    name_en: (values.name_en ?? '').trim(),
    type: values.type,
    code_table: CODED_TYPES.includes(values.type) ? (values.code_table ?? null) : null,
    required: values.required,
    stages: values.stages,
    validation,
    help: (values.help ?? '').trim(),
    help_en: (values.help_en ?? '').trim(),
    ...(previous?.order !== undefined ? { order: previous.order } : {}),
  };
}

interface ExtensionFormModalProps {
  spec: CatalogueSpec;
  /** Index of the extension to edit; null adds one. */
  index: number | null;
  groups: IndicatorGroup[];
  nationalTables: CodeTable[];
  /** Saves the whole spec as the draft; throws ApiError when the server refuses it. */
  onSave: (spec: CatalogueSpec) => Promise<void>;
  onClose: () => void;
}

export function ExtensionFormModal({ spec, index, groups, nationalTables, onSave, onClose }: ExtensionFormModalProps) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const [form] = Form.useForm<ExtensionFormValues>();
  const [summary, setSummary] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form) as DataType | undefined;
  const previous = index === null ? undefined : spec.extensions[index];

  const initialValues: Partial<ExtensionFormValues> = previous
    ? extensionToValues(previous)
    : { required: false, stages: [], type: 'text' };

  const onFinish = async (values: ExtensionFormValues) => {
    setSummary([]);
    const ext = valuesToExtension(values, previous);
    const next = withExtension(spec, ext, index);
    const at = index ?? spec.extensions.length;
    setSaving(true);
    try {
      await onSave(next);
      onClose();
    } catch (error) {
      const fields = errorsUnder(error, `extensions.${at}`).map((entry) => ({
        name: entry.name[0] === 'validation' ? entry.name.slice(1) : entry.name,
        errors: entry.errors,
      }));
      form.setFields(fields.map((entry) => ({ name: entry.name as never, errors: entry.errors })));
      setSummary(describeSpecErrors(error, next, t, t('common:errors.generic'), `extensions.${at}`));
    } finally {
      setSaving(false);
    }
  };

  const tableOptions = [
    {
      label: t('catalog:province.extensions.nationalTables'),
      options: nationalTables.map((table) => ({
        value: table.slug,
        label: `${localName(language, table.name, table.name_en)} (${table.slug})`,
      })),
    },
    {
      label: t('catalog:province.extensions.provinceTables'),
      options: spec.code_tables.map((table) => ({
        value: table.slug,
        label: `${localName(language, table.name, table.name_en)} (${table.slug})`,
      })),
    },
  ];

  return (
    <FormModal<ExtensionFormValues>
      title={
        previous
          ? t('catalog:province.extensions.editTitle', { name: localName(language, previous.name, previous.name_en) })
          : t('catalog:province.extensions.addTitle')
      }
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      saving={saving}
      summary={summary}
      onClose={onClose}
      width={720}
      okText={t('catalog:province.extensions.saveToDraft')}
      autoComplete="off"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="group"
            label={t('catalog:province.extensions.fields.group')}
            rules={[{ required: true, message: t('catalog:province.extensions.validation.group') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={groups.map((group) => ({ value: group.code, label: localName(language, group.name, group.name_en) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('catalog:province.extensions.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('catalog:province.extensions.validation.name') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name_en" label={t('catalog:province.extensions.fields.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="type"
            label={t('catalog:province.extensions.fields.type')}
            rules={[{ required: true, message: t('catalog:province.extensions.validation.type') }]}
          >
            <Select options={DATA_TYPES.map((value) => ({ value, label: t(`catalog:dataTypes.${value}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {type && CODED_TYPES.includes(type) ? (
            <Form.Item
              name="code_table"
              label={t('catalog:province.extensions.fields.codeTable')}
              rules={[{ required: true, message: t('catalog:province.extensions.validation.codeTable') }]}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={tableOptions} />
            </Form.Item>
          ) : type && LENGTH_TYPES.includes(type) ? (
            <Form.Item name="max_length" label={t('catalog:province.extensions.fields.maxLength')}>
              <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ) : type && RANGE_TYPES.includes(type) ? (
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="minimum" label={t('catalog:province.extensions.fields.minimum')}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="maximum" label={t('catalog:province.extensions.fields.maximum')}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="required" label={t('catalog:province.extensions.fields.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item
            name="stages"
            label={t('catalog:province.extensions.fields.stages')}
            extra={t('catalog:province.extensions.fields.stagesHelp')}
          >
            <Checkbox.Group options={SCHOOL_STAGES.map((value) => ({ value, label: t(`catalog:stages.${value}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="help" label={t('catalog:province.extensions.fields.help')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="help_en" label={t('catalog:province.extensions.fields.helpEn')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
