import { Alert, Badge, Card, Col, Empty, Input, Menu, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ShowCodesSwitch } from '@/components/show-codes-switch';
import {
  SCHOOL_STAGES,
  useCodeTables,
  useGroups,
  type Indicator,
  type SchoolStage,
} from '@/features/catalog/api/catalog-api';
import { StageTags } from '@/features/catalog/components/stage-tags';
import { localName } from '@/lib/catalogue-names';
import { useShowCodes } from '@/lib/show-codes';

export function CataloguePage() {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [stage, setStage] = useState<SchoolStage | undefined>();
  const [picked, setPicked] = useState<string | undefined>();
  const groups = useGroups(q, stage);
  const list = groups.data ?? [];
  const current = list.find((group) => group.code === picked) ?? list[0];
  const [showCodes] = useShowCodes();
  const codeTables = useCodeTables('');
  const tableNames = new Map((codeTables.data ?? []).map((table) => [table.slug, localName(language, table.name, table.name_en)]));

  const stageList = (stages: readonly SchoolStage[]) => stages.map((s) => t(`catalog:stages.${s}`)).join('、');

  const columns: TableColumnsType<Indicator> = [
    {
      title: showCodes
        ? `${t('catalog:browser.columns.name')} / ${t('catalog:browser.columns.code')}`
        : t('catalog:browser.columns.name'),
      key: 'name',
      render: (_, indicator) => {
        const help = localName(language, indicator.help, indicator.help_en);
        const name = localName(language, indicator.name, indicator.name_en);
        return (
          <div style={{ minWidth: 0 }}>
            <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={help || name}>
              {name}
            </div>
            {showCodes && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {indicator.code}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: t('catalog:browser.columns.dataType'),
      key: 'data_type',
      width: 84,
      render: (_, indicator) => t(`catalog:dataTypes.${indicator.data_type}`),
    },
    {
      title: t('catalog:browser.columns.codeTable'),
      key: 'code_table',
      width: 140,
      ellipsis: true,
      render: (_, indicator) =>
        indicator.code_table ? (
          <Link to={`/code-tables?table=${encodeURIComponent(indicator.code_table)}`}>
            {showCodes ? indicator.code_table : (tableNames.get(indicator.code_table) ?? t('catalog:browser.codeTableLink'))}
          </Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('catalog:browser.columns.stages'),
      key: 'stages',
      width: 215,
      render: (_, indicator) => <StageTags stages={indicator.stages} marked={indicator.core_stages} />,
    },
    {
      title: t('catalog:browser.columns.kind'),
      key: 'kind',
      width: 96,
      render: (_, indicator) => {
        const optionalIn = indicator.stages.filter((s) => !indicator.core_stages.includes(s));
        if (optionalIn.length === 0) return <Tag color="blue">{t('catalog:browser.core')}</Tag>;
        if (indicator.core_stages.length === 0) return <Tag>{t('catalog:browser.optional')}</Tag>;
        return (
          <Tooltip
            title={
              <>
                <div>{t('catalog:browser.coreIn', { stages: stageList(indicator.core_stages) })}</div>
                <div>{t('catalog:browser.optionalIn', { stages: stageList(optionalIn) })}</div>
              </>
            }
          >
            <Tag color="cyan">{t('catalog:browser.partlyCore')}</Tag>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Card title={t('catalog:browser.title')}>
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <Input.Search
          aria-label={t('catalog:browser.search')}
          placeholder={t('catalog:browser.searchPlaceholder')}
          allowClear
          style={{ width: 260 }}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (!event.target.value) setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
        />
        <Select<SchoolStage>
          aria-label={t('catalog:browser.stageFilter')}
          placeholder={t('catalog:browser.allStages')}
          allowClear
          style={{ width: 180 }}
          value={stage}
          onChange={setStage}
          options={SCHOOL_STAGES.map((s) => ({ value: s, label: t(`catalog:stages.${s}`) }))}
        />
        <ShowCodesSwitch />
      </Space>
      {groups.isError && <Alert type="error" showIcon title={groups.error.message} style={{ marginBottom: 16 }} />}
      {!groups.isPending && list.length === 0 ? (
        <Empty description={q || stage ? t('catalog:browser.empty') : t('catalog:browser.noGroups')} />
      ) : (
        <Row gutter={16} wrap={false}>
          <Col flex="250px" style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {t('catalog:browser.groups')}
            </Typography.Text>
            <Menu
              data-testid="catalog-groups"
              mode="inline"
              style={{ borderInlineEnd: 'none' }}
              selectedKeys={current ? [current.code] : []}
              onClick={({ key }) => setPicked(key)}
              items={list.map((group) => ({
                key: group.code,
                label: (
                  <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                    <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {localName(language, group.name, group.name_en)}
                    </span>
                    {group.many && (
                      <Tag color="purple" style={{ marginInlineEnd: 0 }} title={t('catalog:browser.manyHint')}>
                        {t('catalog:browser.many')}
                      </Tag>
                    )}
                    <Badge count={group.indicators.length} color="#bfbfbf" overflowCount={999} />
                  </span>
                ),
              }))}
            />
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            {current && (
              <Space style={{ marginBottom: 12 }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {localName(language, current.name, current.name_en)}
                </Typography.Title>
                {showCodes && <Typography.Text type="secondary">{current.code}</Typography.Text>}
                {current.many && <Tag color="purple">{t('catalog:browser.manyHint')}</Tag>}
                <Typography.Text type="secondary">
                  {t('catalog:browser.indicatorCount', { count: current.indicators.length })}
                </Typography.Text>
              </Space>
            )}
            <Table<Indicator>
              data-testid="catalog-indicators"
              rowKey="code"
              size="small"
              columns={columns}
              dataSource={current?.indicators ?? []}
              loading={groups.isPending}
              pagination={false}
              tableLayout="fixed"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog:browser.empty')} /> }}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
