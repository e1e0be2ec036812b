import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useCodeLabels } from '@/components/catalogue-fields';
import { displayValue, type DisplayWords, type FormField } from '@/lib/catalogue-fields';
import { changeRows, type ChangeRow, type ChangeSet } from '@/lib/review-changes';
import { useCatalogueIndex } from '@/lib/use-catalogue-index';

interface ChangeTableProps {
  /** The school whose catalogue names the indicators and their codes. */
  school: string;
  changes: ChangeSet;
  size?: 'small' | 'middle';
  /** Leave out what the catalogue does not know (a history row's bookkeeping columns). */
  knownOnly?: boolean;
  /** Head a group record's change with its group and what happens to the record (default). */
  showOperation?: boolean;
}

interface Resolved extends ChangeRow {
  field: FormField | undefined;
  order: number;
}

const fallbackField = (value: unknown): Pick<FormField, 'widget'> => ({ widget: Array.isArray(value) ? 'multi-select' : 'input' });

/**
 * A change request side by side: indicator → old → new, labels and code names from the school's catalogue
 * (one index for every screen, which also names what the catalogue in force leaves out). A group record's change is headed by its group and
 * what happens to the record.
 */
export function ChangeTable({ school, changes, size = 'small', knownOnly = false, showOperation = true }: ChangeTableProps) {
  const { t } = useTranslation('common');
  const { schema, index: names, language } = useCatalogueIndex(school);
  const words: DisplayWords = { yes: t('status.yes'), no: t('status.no') };
  const index = useMemo(() => ({ byGroup: names.byGroup, archive: names.archive, names: names.groupNames }), [names]);

  const rows = useMemo<Resolved[]>(() => {
    return changeRows(changes)
      .map((row) => {
        const fields = row.group ? (index.byGroup.get(row.group) ?? []) : index.archive;
        const position = fields.findIndex((field) => field.code === row.code);
        return { ...row, field: fields[position], order: position < 0 ? Number.MAX_SAFE_INTEGER : position };
      })
      .filter((row) => !knownOnly || row.field !== undefined)
      .sort((a, b) => a.order - b.order);
  }, [changes, index, knownOnly]);

  const involved = rows.flatMap((row) => (row.field ? [row.field] : []));
  const labels = useCodeLabels(involved, schema.data?.province_code_tables ?? [], language);

  const show = (row: Resolved, value: unknown) => {
    const names = row.field?.codeTable ? labels.get(row.field.codeTable) : undefined;
    const text = displayValue(row.field ?? fallbackField(value), value, names, words);
    return text || '—';
  };

  const columns: TableColumnsType<Resolved> = [
    {
      key: 'field',
      title: t('changes.field'),
      width: '30%',
      render: (_, row) => (
        <Space size={4} wrap>
          <span>{row.field?.label ?? row.code}</span>
          {row.extension && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('form.extension')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      key: 'old',
      title: t('changes.old'),
      width: '35%',
      render: (_, row) => (
        <Typography.Text type="secondary" delete={!changes.group || changes.group.op !== 'create'} data-testid="change-old">
          {show(row, row.old)}
        </Typography.Text>
      ),
    },
    {
      key: 'new',
      title: t('changes.new'),
      width: '35%',
      render: (_, row) => (
        <Space size={6} align="start">
          <ArrowRightOutlined aria-hidden style={{ color: 'var(--ant-color-success, #52c41a)', marginTop: 4 }} />
          <Typography.Text strong data-testid="change-new">
            {show(row, row.new)}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  const operation = changes.group;
  return (
    <div data-testid="change-table">
      {operation && showOperation && (
        <Typography.Paragraph strong style={{ marginBottom: 8 }} data-testid="change-group">
          {t('changes.groupOperation', {
            group: index.names.get(operation.group) ?? operation.group,
            op: t(`changes.ops.${operation.op}`),
          })}
        </Typography.Paragraph>
      )}
      {operation?.op === 'delete' ? (
        <Typography.Text type="secondary">{t('changes.deleteHint')}</Typography.Text>
      ) : (
        <Table<Resolved>
          rowKey="key"
          size={size}
          columns={columns}
          dataSource={rows}
          loading={schema.isPending}
          pagination={false}
          tableLayout="fixed"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('changes.empty')} /> }}
        />
      )}
    </div>
  );
}
