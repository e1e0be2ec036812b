import { Alert, Card, Col, Descriptions, Empty, Input, Row, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { useCodeItems, useCodeTables, type CodeTable } from '@/features/catalog/api/catalog-api';
import { nestItems, type CodeRow } from '@/features/catalog/utils/code-tree';
import { ShowCodesSwitch } from '@/components/show-codes-switch';
import { localName } from '@/lib/catalogue-names';
import { useShowCodes } from '@/lib/show-codes';

export function CodeTablesPage() {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const [params, setParams] = useSearchParams();
  const slug = params.get('table') ?? undefined;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [itemText, setItemText] = useState('');
  const [itemQ, setItemQ] = useState('');
  const tables = useCodeTables(q);
  const allTables = useCodeTables('');
  const items = useCodeItems(slug, itemQ);
  const current = (allTables.data ?? []).find((table) => table.slug === slug);
  const [showCodes] = useShowCodes();
  const nested = Boolean(current?.hierarchical) && !itemQ;
  const rows: CodeRow[] = useMemo(
    () => (nested ? nestItems(items.data ?? []) : (items.data ?? [])),
    [items.data, nested],
  );

  const tableColumns: TableColumnsType<CodeTable> = [
    {
      title: t('catalog:codeTables.columns.name'),
      key: 'name',
      ellipsis: true,
      render: (_, table) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{localName(language, table.name, table.name_en)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {showCodes && `${table.slug} · `}
            {t('catalog:codeTables.itemCount', { count: table.item_count })}
          </Typography.Text>
        </div>
      ),
    },
  ];

  const itemColumns: TableColumnsType<CodeRow> = [
    { title: t('catalog:codeTables.columns.code'), dataIndex: 'code', key: 'code', width: 200 },
    { title: t('catalog:codeTables.columns.nameZh'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('catalog:codeTables.columns.nameEn'), dataIndex: 'name_en', key: 'name_en', ellipsis: true },
    ...(current?.hierarchical
      ? [{ title: t('catalog:codeTables.columns.parent'), dataIndex: 'parent', key: 'parent', width: 110 }]
      : []),
  ];

  const select = (next: string) => {
    setItemText('');
    setItemQ('');
    setParams({ table: next });
  };

  return (
    <Card title={t('catalog:codeTables.title')} extra={<ShowCodesSwitch />}>
      {tables.isError && <Alert type="error" showIcon title={tables.error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={16} wrap={false}>
        <Col flex="300px" style={{ minWidth: 0 }}>
          <Input.Search
            aria-label={t('catalog:codeTables.search')}
            placeholder={t('catalog:codeTables.searchPlaceholder')}
            allowClear
            style={{ marginBottom: 12 }}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (!event.target.value) setQ('');
            }}
            onSearch={(value) => setQ(value.trim())}
          />
          <Table<CodeTable>
            data-testid="code-table-list"
            rowKey="slug"
            size="small"
            showHeader={false}
            columns={tableColumns}
            dataSource={tables.data ?? []}
            loading={tables.isPending}
            pagination={{ pageSize: 12, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
            tableLayout="fixed"
            rowClassName={(table) => (table.slug === slug ? 'ant-table-row-selected' : '')}
            onRow={(table) => ({
              onClick: () => select(table.slug),
              onKeyDown: (event) => {
                if (event.key === 'Enter') select(table.slug);
              },
              tabIndex: 0,
              style: { cursor: 'pointer' },
            })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog:codeTables.empty')} /> }}
          />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {!slug ? (
            <Empty description={t('catalog:codeTables.pick')} style={{ marginTop: 48 }} />
          ) : (
            <>
              <Space style={{ marginBottom: 8 }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }} data-testid="code-table-title">
                  {current ? localName(language, current.name, current.name_en) : slug}
                </Typography.Title>
                {showCodes && <Typography.Text type="secondary">{slug}</Typography.Text>}
                {current?.hierarchical && <Tag color="geekblue">{t('catalog:codeTables.hierarchical')}</Tag>}
                {current?.leaf_only && <Tag>{t('catalog:codeTables.leafOnly')}</Tag>}
              </Space>
              {current && (current.standard || current.source) && (
                <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
                  {current.standard && (
                    <Descriptions.Item label={t('catalog:codeTables.standard')}>{current.standard}</Descriptions.Item>
                  )}
                  {current.source && (
                    <Descriptions.Item label={t('catalog:codeTables.source')}>{current.source}</Descriptions.Item>
                  )}
                </Descriptions>
              )}
              <Input.Search
                aria-label={t('catalog:codeTables.itemSearch')}
                placeholder={t('catalog:codeTables.itemSearchPlaceholder')}
                allowClear
                style={{ width: 260, marginBottom: 12 }}
                value={itemText}
                onChange={(event) => {
                  setItemText(event.target.value);
                  if (!event.target.value) setItemQ('');
                }}
                onSearch={(value) => setItemQ(value.trim())}
              />
              {items.isError && <Alert type="error" showIcon title={items.error.message} style={{ marginBottom: 16 }} />}
              <Table<CodeRow>
                data-testid="code-items"
                rowKey="code"
                size="small"
                columns={itemColumns}
                dataSource={rows}
                loading={items.isPending}
                tableLayout="fixed"
                pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog:codeTables.itemsEmpty')} />,
                }}
              />
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}
