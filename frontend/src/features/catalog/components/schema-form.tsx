import { Collapse, Empty, Form, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { CatalogueFields } from '@/components/catalogue-fields';
import type { EffectiveGroup, EffectiveSchema, SpecCodeTable } from '@/features/catalog/api/catalog-api';
import { localName } from '@/lib/catalogue-names';

/** One group's form, generated from its JSON Schema and UI hints (a preview: nothing is saved). */
export function GroupForm({ group, provinceTables }: { group: EffectiveGroup; provinceTables: SpecCodeTable[] }) {
  const { t } = useTranslation('catalog');
  const [form] = Form.useForm();
  return (
    <Form form={form} layout="vertical" data-testid={`preview-form-${group.code}`} autoComplete="off">
      {group.many && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('province.preview.manyHint')}
        </Typography.Paragraph>
      )}
      <CatalogueFields group={group} provinceTables={provinceTables} testIdPrefix="preview-field" />
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
