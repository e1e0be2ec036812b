import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

import type { CatalogueSpec, IndicatorGroup, SpecExtension } from '@/features/catalog/api/catalog-api';
import { RowActions } from '@/components/row-actions';
import { StageTags } from '@/features/catalog/components/stage-tags';
import { localName } from '@/lib/catalogue-names';
import { withoutExtension } from '@/features/catalog/utils/spec';

interface ExtensionsTabProps {
  spec: CatalogueSpec;
  groups: IndicatorGroup[];
  onChange: (spec: CatalogueSpec) => void;
  onEdit: (index: number | null) => void;
}

export function ExtensionsTab({ spec, groups, onChange, onEdit }: ExtensionsTabProps) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const groupName = (code: string) => {
    const group = groups.find((candidate) => candidate.code === code);
    return group ? localName(language, group.name, group.name_en) : code;
  };
  const rows = spec.extensions.map((ext, index) => ({ ext, index }));

  const columns: TableColumnsType<{ ext: SpecExtension; index: number }> = [
    {
      title: t('catalog:province.extensions.columns.name'),
      key: 'name',
      ellipsis: true,
      render: (_, { ext }) => localName(language, ext.name, ext.name_en),
    },
    {
      title: t('catalog:province.extensions.columns.group'),
      key: 'group',
      width: 150,
      ellipsis: true,
      render: (_, { ext }) => groupName(ext.group),
    },
    {
      title: t('catalog:province.extensions.columns.type'),
      key: 'type',
      width: 120,
      ellipsis: true,
      render: (_, { ext }) => (
        <span>
          {t(`catalog:dataTypes.${ext.type}`)}
          {ext.code_table && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              ({ext.code_table})
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('catalog:province.extensions.columns.required'),
      key: 'required',
      width: 70,
      render: (_, { ext }) =>
        ext.required ? <Tag color="red">{t('common:status.yes')}</Tag> : <Tag>{t('common:status.no')}</Tag>,
    },
    {
      title: t('catalog:province.extensions.columns.stages'),
      key: 'stages',
      width: 200,
      render: (_, { ext }) =>
        ext.stages && ext.stages.length > 0 ? (
          <StageTags stages={ext.stages} />
        ) : (
          <Typography.Text type="secondary">{t('catalog:browser.allStages')}</Typography.Text>
        ),
    },
    {
      title: t('catalog:province.extensions.columns.actions'),
      key: 'actions',
      width: 150,
      render: (_, { ext, index }) => (
        <RowActions
          onEdit={() => onEdit(index)}
          onRemove={() => onChange(withoutExtension(spec, index))}
          removeConfirm={t('catalog:province.extensions.removeConfirm', { name: localName(language, ext.name, ext.name_en) })}
          removeLabel={t('catalog:province.extensions.remove')}
        />
      ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{t('catalog:province.extensions.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onEdit(null)}>
          {t('catalog:province.extensions.add')}
        </Button>
      </Space>
      <Table
        data-testid="extensions-table"
        rowKey={(row) => `${row.index}:${row.ext.code}`}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog:province.extensions.empty')} />
          ),
        }}
      />
    </>
  );
}
