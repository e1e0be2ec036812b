import { useQueries } from '@tanstack/react-query';
import { Col, DatePicker, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Tag } from 'antd';
import type { FormRule as Rule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { OrgTreeSelect } from '@/components/org-tree-select';
import { codeItemsQueryOptions, type EffectiveGroup, type SpecCodeTable } from '@/lib/catalogue-api';
import { buildFormFields, type FormField } from '@/lib/catalogue-fields';
import { localName } from '@/lib/catalogue-names';
import { keepEnterInPicker } from '@/lib/keep-enter';

type Labels = Map<string, string>;

/** Code → name for every coded field: province tables from the schema, national ones fetched (and cached). */
export function useCodeLabels(fields: FormField[], provinceTables: SpecCodeTable[], language: string): Map<string, Labels> {
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

/**
 * Code → what finds it when typed into a list: its name, its code and (national tables) the name's pinyin
 * initials (女 → "n", 汉族 → "hz"), lower-case. The same queries as `useCodeLabels` (cached once).
 */
export function useCodeSearch(fields: FormField[], provinceTables: SpecCodeTable[], language: string): Map<string, Labels> {
  const provinceSlugs = new Set(provinceTables.map((table) => table.slug));
  const national = [...new Set(fields.flatMap((f) => (f.codeTable && !provinceSlugs.has(f.codeTable) ? [f.codeTable] : [])))];
  const results = useQueries({ queries: national.map((slug) => codeItemsQueryOptions(slug)) });
  const out = new Map<string, Labels>();
  const text = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ').toLowerCase();
  for (const table of provinceTables) {
    out.set(table.slug, new Map(table.items.map((item) => [item.code, text(item.code, item.name, item.name_en)])));
  }
  national.forEach((slug, index) => {
    const items = results[index]?.data ?? [];
    out.set(
      slug,
      new Map(items.map((item) => [item.code, text(item.code, localName(language, item.name, item.name_en), item.name, item.initials)])),
    );
  });
  return out;
}

interface FieldInputProps {
  field: FormField;
  labels: Labels | undefined;
  search: Labels | undefined;
  disabled: boolean;
  /** Injected by Form.Item: value (or checked), onChange, id, aria attributes. */
  [control: string]: unknown;
}

/** The antd control of one indicator; passes Form.Item's value/onChange/id through to it. */
function FieldInput({ field, labels, search, disabled, ...control }: FieldInputProps) {
  const { t } = useTranslation('common');
  const off = disabled || field.derived;
  // Options show names only; typing finds them by name, code or pinyin initials.
  const options = (field.codes ?? [...(labels?.keys() ?? [])]).map((code) => ({
    value: code,
    label: labels?.get(code) || code,
    search: search?.get(code) ?? code,
  }));
  switch (field.widget) {
    case 'number':
      return (
        <InputNumber
          {...control}
          style={{ width: '100%' }}
          min={field.minimum}
          max={field.maximum}
          precision={field.integer ? 0 : undefined}
          disabled={off}
        />
      );
    case 'date':
      return (
        <DatePicker
          {...control}
          style={{ width: '100%' }}
          format="YYYY-MM-DD"
          disabled={off}
          placeholder={t('form.pickDate')}
          onKeyDown={keepEnterInPicker}
        />
      );
    case 'month':
      return (
        <DatePicker
          {...control}
          picker="month"
          style={{ width: '100%' }}
          format="YYYY-MM"
          disabled={off}
          placeholder={t('form.pickMonth')}
          onKeyDown={keepEnterInPicker}
        />
      );
    case 'switch':
      // Yes/no is one 是/否 choice everywhere; neither is chosen until someone answers.
      return (
        <Radio.Group
          {...control}
          disabled={off}
          options={[
            { value: true, label: t('status.yes') },
            { value: false, label: t('status.no') },
          ]}
        />
      );
    case 'select':
    case 'multi-select':
      return (
        <Select
          {...control}
          mode={field.widget === 'multi-select' ? 'multiple' : undefined}
          showSearch={{ optionFilterProp: 'search' }}
          allowClear
          placeholder={t('form.pick')}
          options={options}
          disabled={off}
        />
      );
    case 'organisation':
      return <OrgTreeSelect {...control} allowClear />;
    default:
      return <Input {...control} maxLength={field.maxLength} disabled={off} />;
  }
}

function rulesFor(field: FormField, t: TFunction, enforceRequired: boolean, required: boolean): Rule[] {
  const rules: Rule[] = [];
  if (enforceRequired && required && !field.derived) {
    rules.push({ required: true, message: t('form.required', { label: field.label }) });
  }
  if (field.widget === 'input' && field.pattern) {
    rules.push({ pattern: new RegExp(field.pattern), message: t('form.invalid', { label: field.label }) });
  }
  return rules;
}

/**
 * The form keeps values in the API's shape (dates `YYYY-MM-DD`, months `YYYY-MM`, empty code `''`), so what is
 * loaded and what is sent need no conversion; these adapt them to the antd inputs.
 */
function valueAdapters(field: FormField) {
  switch (field.widget) {
    case 'date':
    case 'month': {
      const format = field.widget === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM';
      return {
        getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
        normalize: (value: Dayjs | null | undefined) => (value ? value.format(format) : ''),
      };
    }
    case 'select':
      return {
        getValueProps: (value: unknown) => ({ value: value === '' || value === null ? undefined : value }),
        normalize: (value: unknown) => value ?? '',
      };
    case 'switch':
      return { getValueProps: (value: unknown) => ({ value: typeof value === 'boolean' ? value : undefined }) };
    default:
      return {};
  }
}

export interface CatalogueFieldsProps {
  group: EffectiveGroup;
  provinceTables: SpecCodeTable[];
  /** Only these indicator codes (in the catalogue's order); default: all of the group. */
  include?: readonly string[];
  /** Leave these indicator codes out. */
  exclude?: readonly string[];
  disabled?: boolean;
  /**
   * Whether the form refuses to submit while a required indicator is empty (default). Off for drafts, where the
   * API accepts gaps and reports them as warnings: the fields are still marked required.
   */
  enforceRequired?: boolean;
  /** `data-testid` of each form item is `${testIdPrefix}-${code}`. */
  testIdPrefix?: string;
}

/**
 * The inputs of one catalogue group, generated from its JSON Schema and UI hints (labels, help, code lists,
 * required marks). Render inside an antd `Form`: each input is a `Form.Item` named by its indicator code, so
 * `form.setFields`/`applyApiErrors` put the API's errors (and warnings) at the field.
 */
export function CatalogueFields({
  group,
  provinceTables,
  include,
  exclude,
  disabled = false,
  enforceRequired = true,
  testIdPrefix = 'field',
}: CatalogueFieldsProps) {
  const { t, i18n } = useTranslation('common');
  const all = useMemo(() => buildFormFields(group, i18n.language), [group, i18n.language]);
  const fields = all.filter((field) => (!include || include.includes(field.code)) && !exclude?.includes(field.code));
  const labels = useCodeLabels(fields, provinceTables, i18n.language);
  const search = useCodeSearch(fields, provinceTables, i18n.language);
  const conditions = useMemo(() => requiredIfRules(group), [group]);
  const form = Form.useFormInstance();
  // The fields a rule requires right now (民族 when 国籍 is 156, 毕业院校 when 学历 is not 无): their `*` follows.
  const requiredNow = Form.useWatch((values: Record<string, unknown> | undefined) => conditionallyRequired(conditions, values ?? {}), form);
  if (fields.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
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
                    {t('form.extension')}
                  </Tag>
                )}
              </Space>
            }
            tooltip={field.help || undefined}
            required={(field.required || requiredNow.split(' ').includes(field.code)) && !field.derived}
            rules={rulesFor(field, t, enforceRequired, field.required || requiredNow.split(' ').includes(field.code))}
            data-testid={`${testIdPrefix}-${field.code}`}
            {...valueAdapters(field)}
          >
            <FieldInput
              field={field}
              labels={field.codeTable ? labels.get(field.codeTable) : undefined}
              search={field.codeTable ? search.get(field.codeTable) : undefined}
              disabled={disabled}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

interface RequiredIf {
  field: string;
  other: string;
  values: string[];
}

/** The group's required_if rules: `field` is required while `other` holds one of `values`. */
export function requiredIfRules(group: EffectiveGroup): RequiredIf[] {
  return group.rules.flatMap((rule) =>
    rule.rule === 'required_if' && typeof rule.field === 'string' && typeof rule.other === 'string'
      ? [{ field: rule.field, other: rule.other, values: Array.isArray(rule.values) ? rule.values.map(String) : [] }]
      : [],
  );
}

/** The codes (space-separated: a stable value for Form.useWatch) of the fields a rule requires for `values`. */
export function conditionallyRequired(rules: RequiredIf[], values: Record<string, unknown>): string {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  const holds = (value: unknown, wanted: string[]) =>
    Array.isArray(value) ? value.some((item) => wanted.includes(text(item) ?? '')) : value !== '' && wanted.includes(text(value) ?? '');
  return [...new Set(rules.filter((rule) => holds(values[rule.other], rule.values)).map((rule) => rule.field))].sort().join(' ');
}

/** Default values of a group's inputs, read from the JSON Schema (`default`). */
export function schemaDefaults(group: EffectiveGroup): Record<string, unknown> {
  const properties = group.schema.properties;
  if (typeof properties !== 'object' || properties === null) return {};
  const out: Record<string, unknown> = {};
  for (const [code, property] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof property === 'object' && property !== null && 'default' in property) {
      out[code] = property.default;
    }
  }
  return out;
}
