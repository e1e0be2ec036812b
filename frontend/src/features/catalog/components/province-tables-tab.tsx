import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import type { CatalogueSpec, SpecCodeTable } from '@/features/catalog/api/catalog-api';
import { RowActions } from '@/components/row-actions';
import { codeLabel, localName } from '@/lib/catalogue-names';
import { withoutCodeTable } from '@/features/catalog/utils/spec';

interface ProvinceTablesTabProps {
  spec: CatalogueSpec;
  onChange: (spec: CatalogueSpec) => void;
  onEdit: (index: number | null) => void;
}

export function ProvinceTablesTab({ spec, onChange, onEdit }: ProvinceTablesTabProps) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const rows = spec.code_tables.map((table, index) => ({ table, index }));

  const columns: TableColumnsType<{ table: SpecCodeTable; index: number }> = [
    {
      title: t('catalog:province.tables.columns.slug'),
      key: 'slug',
      width: 180,
      ellipsis: true,
      render: (_, { table }) => <Typography.Text code>{table.slug}</Typography.Text>,
    },
    {
      title: t('catalog:province.tables.columns.name'),
      key: 'name',
      width: 200,
      ellipsis: true,
      render: (_, { table }) => localName(language, table.name, table.name_en),
    },
    {
      title: t('catalog:province.tables.columns.items'),
      key: 'items',
      ellipsis: true,
      render: (_, { table }) => {
        const shown = table.items.slice(0, 6).map((item) => codeLabel(item.code, localName(language, item.name, item.name_en)));
        return (
          <span title={shown.join('；')}>
            {shown.join('；')}
            {table.items.length > shown.length && ` … (${t('catalog:province.tables.itemCount', { count: table.items.length })})`}
          </span>
        );
      },
    },
    {
      title: t('catalog:province.tables.columns.actions'),
      key: 'actions',
      width: 150,
      render: (_, { table, index }) => (
        <RowActions
          onEdit={() => onEdit(index)}
          onRemove={() => onChange(withoutCodeTable(spec, index))}
          removeConfirm={t('catalog:province.tables.removeConfirm', { slug: table.slug })}
          removeLabel={t('catalog:province.tables.remove')}
        />
      ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{t('catalog:province.tables.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onEdit(null)}>
          {t('catalog:province.tables.add')}
        </Button>
      </Space>
      <Table
        data-testid="province-tables"
        rowKey={(row) => `${row.index}:${row.table.slug}`}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog:province.tables.empty')} />,
        }}
      />
    </>
  );
}
