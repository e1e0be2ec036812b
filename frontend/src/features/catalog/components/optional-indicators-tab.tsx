import { Checkbox, Collapse, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { CatalogueSpec, IndicatorGroup, Indicator, SchoolStage } from '@/features/catalog/api/catalog-api';
import { StageTags } from '@/features/catalog/components/stage-tags';
import { localName } from '@/lib/catalogue-names';
import { useShowCodes } from '@/lib/show-codes';
import { optionalIndicators, withSelection } from '@/features/catalog/utils/spec';

interface Row {
  indicator: Indicator;
  optionalIn: SchoolStage[];
}

export function OptionalIndicatorsTab({
  spec,
  groups,
  onChange,
}: {
  spec: CatalogueSpec;
  groups: IndicatorGroup[];
  onChange: (spec: CatalogueSpec) => void;
}) {
  const { t, i18n } = useTranslation('catalog');
  const language = i18n.language;
  const byGroup = useMemo(() => optionalIndicators(groups), [groups]);
  const [showCodes] = useShowCodes();

  const columns: TableColumnsType<Row> = [
    {
      title: t('province.optional.use'),
      key: 'use',
      width: 70,
      render: (_, { indicator }) => (
        <Checkbox
          aria-label={`${t('province.optional.use')} ${indicator.name}`}
          checked={indicator.code in spec.selected}
          onChange={(event) => onChange(withSelection(spec, indicator.code, event.target.checked))}
        />
      ),
    },
    // The API's code only for integrators who asked for it (显示接口代码): people read names.
    ...(showCodes
      ? [
          {
            title: t('browser.columns.code'),
            key: 'code',
            width: 200,
            ellipsis: true,
            render: (_: unknown, { indicator }: Row) => <Typography.Text code>{indicator.code}</Typography.Text>,
          },
        ]
      : []),
    {
      title: t('browser.columns.name'),
      key: 'name',
      ellipsis: true,
      render: (_, { indicator }) => localName(language, indicator.name, indicator.name_en),
    },
    {
      title: t('province.optional.optionalIn'),
      key: 'optionalIn',
      width: 260,
      render: (_, row) => <StageTags stages={row.optionalIn} />,
    },
    {
      title: t('province.optional.required'),
      key: 'required',
      width: 80,
      render: (_, { indicator }) => {
        const choice = spec.selected[indicator.code];
        return (
          <Switch
            size="small"
            aria-label={`${t('province.optional.required')} ${indicator.name}`}
            disabled={!choice}
            checked={Boolean(choice?.required)}
            onChange={(required) => onChange(withSelection(spec, indicator.code, true, required))}
          />
        );
      },
    },
  ];

  if (byGroup.length === 0) return <Empty description={t('province.optional.empty')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('province.optional.intro')}</Typography.Paragraph>
      <Collapse
        defaultActiveKey={byGroup[0] ? [byGroup[0].group.code] : []}
        items={byGroup.map(({ group, indicators }) => {
          const count = indicators.filter((row) => row.indicator.code in spec.selected).length;
          return {
            key: group.code,
            label: (
              <Space>
                <span>{localName(language, group.name, group.name_en)}</span>
                <Tag color={count ? 'blue' : undefined}>{t('province.optional.selectedCount', { count })}</Tag>
              </Space>
            ),
            children: (
              <Table<Row>
                rowKey={(row) => row.indicator.code}
                size="small"
                columns={columns}
                dataSource={indicators}
                pagination={false}
                tableLayout="fixed"
              />
            ),
          };
        })}
      />
    </>
  );
}
