import { Col, Collapse, DatePicker, Empty, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { FormRule as Rule } from 'antd';
import type { TFunction } from 'i18next';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { OrgTreeSelect } from '@/components/org-tree-select';
import {
  codeItemsQueryOptions,
  type EffectiveGroup,
  type EffectiveSchema,
  type SpecCodeTable,
} from '@/features/catalog/api/catalog-api';
import { buildFormFields, type FormField } from '@/features/catalog/utils/form-fields';
import { codeLabel, localName } from '@/features/catalog/utils/names';

type Labels = Map<string, string>;

/** Code → name for every coded field of a group: province tables from the schema, national ones fetched. */
function useCodeLabels(fields: FormField[], provinceTables: SpecCodeTable[], language: string): Map<string, Labels> {
  const provinceSlugs = new Set(provinceTables.map((table) => table.slug));
  const national = [...new Set(fields.flatMap((f) => (f.codeTable && !provinceSlugs.has(f.codeTable) ? [f.codeTable] : [])))];
  const results = useQueries({ queries: national.map((slug) => codeItemsQueryOptions(slug)) });
  const out = new Map<string, Labels>();
    for (const table of provinceTables) {
      out.set(table.slug, new Map(table.items.map((item) => [item.code, localName(language, item.name, item.name_en)])));
    }
    national.forEach((slug, index) => {
      const items = results[index]?.data ?? [];
      out.set(slug, new Map(items.map((item) => [item.code, localName(language, item.name, item.name_en)])));
    });
  return out;
}

function FieldInput({ field, labels }: { field: FormField; labels: Labels | undefined }) {
  const { t } = useTranslation('catalog');
  const options = (field.codes ?? [...(labels?.keys() ?? [])]).map((code) => ({
    value: code,
    label: codeLabel(code, labels?.get(code) ?? ''),
  }));
  switch (field.widget) {
    case 'number':
      return (
        <InputNumber
          style={{ width: '100%' }}
          min={field.minimum}
          max={field.maximum}
          precision={field.integer ? 0 : undefined}
          disabled={field.derived}
        />
      );
    case 'date':
      return <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabled={field.derived} />;
    case 'month':
      return <DatePicker picker="month" style={{ width: '100%' }} format="YYYY-MM" disabled={field.derived} />;
    case 'switch':
      return <Switch disabled={field.derived} />;
    case 'select':
    case 'multi-select':
      return (
        <Select
          mode={field.widget === 'multi-select' ? 'multiple' : undefined}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={t('province.preview.placeholderSelect')}
          options={options}
          disabled={field.derived}
        />
      );
    case 'organisation':
      return <OrgTreeSelect allowClear />;
    default:
      return <Input maxLength={field.maxLength} disabled={field.derived} />;
  }
}

function rulesFor(field: FormField, t: TFunction<'catalog'>): Rule[] {
  const rules: Rule[] = [];
  if (field.required && !field.derived) {
    rules.push({ required: true, message: t('province.preview.required', { label: field.label }) });
  }
  if (field.widget === 'input' && field.pattern) {
    rules.push({ pattern: new RegExp(field.pattern), message: t('province.preview.invalid', { label: field.label }) });
  }
  return rules;
}

/** One group's form, generated from its JSON Schema and UI hints. */
export function GroupForm({ group, provinceTables }: { group: EffectiveGroup; provinceTables: SpecCodeTable[] }) {
  const { t, i18n } = useTranslation('catalog');
  const fields = useMemo(() => buildFormFields(group, i18n.language), [group, i18n.language]);
  const labels = useCodeLabels(fields, provinceTables, i18n.language);
  const [form] = Form.useForm();
  if (fields.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Form form={form} layout="vertical" data-testid={`preview-form-${group.code}`} autoComplete="off">
      {group.many && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('province.preview.manyHint')}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        {fields.map((field) => (
          <Col key={field.code} xs={24} md={12} xl={8}>
            <Form.Item
              name={field.code}
              label={
                <Space size={4}>
                  <span>{field.label}</span>
                  {field.extension && (
                    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                      {t('province.preview.extension')}
                    </Tag>
                  )}
                </Space>
              }
              tooltip={field.help || undefined}
              valuePropName={field.widget === 'switch' ? 'checked' : 'value'}
              rules={rulesFor(field, t)}
              data-testid={`preview-field-${field.code}`}
            >
              <FieldInput field={field} labels={field.codeTable ? labels.get(field.codeTable) : undefined} />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form>
  );
}

/** The whole effective schema as a school would see it: one collapsible section per group. */
export function SchemaForm({ schema }: { schema: EffectiveSchema }) {
  const { t, i18n } = useTranslation('catalog');
  if (schema.groups.length === 0) return <Empty description={t('province.preview.empty')} />;
  const groups = [...schema.groups].sort((a, b) => a.order - b.order);
  return (
    <Collapse
      defaultActiveKey={groups[0] ? [groups[0].code] : []}
      items={groups.map((group) => ({
        key: group.code,
        label: (
          <Space>
            <span>{localName(i18n.language, group.name, group.name_en)}</span>
            {group.many && <Tag color="purple">{t('province.preview.many')}</Tag>}
          </Space>
        ),
        children: <GroupForm group={group} provinceTables={schema.province_code_tables} />,
      }))}
    />
  );
}
