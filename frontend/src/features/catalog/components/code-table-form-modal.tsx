import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { FormModal } from '@/components/form-modal';
import type { CatalogueSpec, CodeTable, SpecCodeTable } from '@/features/catalog/api/catalog-api';
import { TABLE_SLUG, describeSpecErrors, errorsUnder, normaliseCodeTable, withCodeTable } from '@/features/catalog/utils/spec';

interface CodeTableFormModalProps {
  spec: CatalogueSpec;
  index: number | null;
  nationalTables: CodeTable[];
  onSave: (spec: CatalogueSpec) => Promise<void>;
  onClose: () => void;
}

export function CodeTableFormModal({ spec, index, nationalTables, onSave, onClose }: CodeTableFormModalProps) {
  const { t } = useTranslation(['catalog', 'common']);
  const [form] = Form.useForm<SpecCodeTable>();
  const [summary, setSummary] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const previous = index === null ? undefined : spec.code_tables[index];
  const taken = new Set([
    ...spec.code_tables.filter((_, i) => i !== index).map((table) => table.slug),
    ...nationalTables.map((table) => table.slug),
  ]);

  const onFinish = async (values: SpecCodeTable) => {
    setSummary([]);
    const table = normaliseCodeTable({ ...values, items: values.items });
    const next = withCodeTable(spec, table, index);
    const at = index ?? spec.code_tables.length;
    setSaving(true);
    try {
      await onSave(next);
      onClose();
    } catch (error) {
      form.setFields(errorsUnder(error, `code_tables.${at}`).map((entry) => ({ name: entry.name as never, errors: entry.errors })));
      setSummary(describeSpecErrors(error, next, t, t('common:errors.generic'), `code_tables.${at}`));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal<SpecCodeTable>
      title={previous ? t('catalog:province.tables.editTitle', { slug: previous.slug }) : t('catalog:province.tables.addTitle')}
      form={form}
      initialValues={previous ?? { slug: '', name: '', name_en: '', items: [{ code: '', name: '', name_en: '' }] }}
      onFinish={onFinish}
      saving={saving}
      summary={summary}
      onClose={onClose}
      width={720}
      okText={t('catalog:province.extensions.saveToDraft')}
      autoComplete="off"
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="slug"
            label={t('catalog:province.tables.fields.slug')}
            extra={t('catalog:province.tables.fields.slugHelp')}
            rules={[
              { required: true, pattern: TABLE_SLUG, message: t('catalog:province.tables.validation.slug') },
              {
                validator: (_, value: string | undefined) =>
                  value && taken.has(value.trim())
                    ? Promise.reject(new Error(t('catalog:province.tables.validation.slugTaken')))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="name"
            label={t('catalog:province.tables.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('catalog:province.tables.validation.name') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="name_en" label={t('catalog:province.tables.fields.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('catalog:province.tables.items')}</Typography.Text>
      <Form.List name="items">
        {(rows, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {rows.map((row, n) => (
              <Row key={row.key} gutter={8} align="top" wrap={false}>
                <Col flex="140px">
                  <Form.Item
                    name={[row.name, 'code']}
                    rules={[{ required: true, whitespace: true, message: t('catalog:province.tables.validation.code') }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      placeholder={t('catalog:province.tables.fields.code')}
                      aria-label={`${t('catalog:province.tables.fields.code')} ${n + 1}`}
                      maxLength={20}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item
                    name={[row.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('catalog:province.tables.validation.itemName') }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      placeholder={t('catalog:province.tables.fields.itemName')}
                      aria-label={`${t('catalog:province.tables.fields.itemName')} ${n + 1}`}
                      maxLength={100}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item name={[row.name, 'name_en']} style={{ marginBottom: 8 }}>
                    <Input
                      placeholder={t('catalog:province.tables.fields.itemNameEn')}
                      aria-label={`${t('catalog:province.tables.fields.itemNameEn')} ${n + 1}`}
                      maxLength={200}
                    />
                  </Form.Item>
                </Col>
                <Col flex="32px">
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${t('catalog:province.tables.remove')} ${n + 1}`}
                    onClick={() => remove(row.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', name_en: '' })}>
              {t('catalog:province.tables.addItem')}
            </Button>
          </div>
        )}
      </Form.List>
    </FormModal>
  );
}
