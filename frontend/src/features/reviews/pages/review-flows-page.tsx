import { ArrowRightOutlined, LockOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Result, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { Fragment, useState } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

import { OverdueSettings } from '@/features/reviews/components/overdue-settings';
import { chainOf, useFlows, useSaveFlow, type Flow, type FlowLevel } from '@/features/reviews/api/flows-api';
import { ApiError } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';

const DATE_TIME = 'YYYY-MM-DD HH:mm';

/** 审核流程: the province's review chain of every kind; province administrators choose the levels. */
export function ReviewFlowsPage() {
  const { t } = useTranslation(['reviews', 'common']);
  const user = useCurrentUser();
  const isProvince = user.organisation.level === 'province';
  const flows = useFlows(isProvince);

  if (!isProvince) {
    return <Result status="403" title={t('common:errors.forbiddenTitle')} subTitle={t('reviews:flows.notProvince')} />;
  }
  return (
    <Card title={t('reviews:flows.title')}>
      <Typography.Paragraph type="secondary">{t('reviews:flows.hint')}</Typography.Paragraph>
      {flows.isError && <Alert type="error" showIcon title={flows.error.message} />}
      {flows.isPending && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {flows.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <OverdueSettings />
        {flows.data?.map((flow) => (
          <FlowCard
            // A saved chain (new updated_at) restarts the card's editing from the server's levels.
            key={`${flow.kind}:${flow.updated_at ?? '-'}:${flow.levels.join(',')}`}
            flow={flow}
            base={flows.data.find((other) => other.kind === flow.derived_from)}
          />
        ))}
      </Space>
    </Card>
  );
}

function FlowCard({ flow, base }: { flow: Flow; base?: Flow }) {
  const { t } = useTranslation(['reviews', 'common']);
  const { message } = App.useApp();
  const save = useSaveFlow();
  const [levels, setLevels] = useState<FlowLevel[]>(flow.levels);
  const [error, setError] = useState<string | null>(null);
  const dirty = levels.join(',') !== flow.levels.join(',');
  const required = new Set(flow.required_levels);

  const toggle = (level: FlowLevel, on: boolean) => {
    setError(null);
    setLevels((current) => chainOf(on ? [...current, level] : current.filter((other) => other !== level)));
  };

  const onSave = async () => {
    setError(null);
    try {
      await save.mutateAsync({ flow, levels });
      void message.success(t('reviews:flows.saved', { name: flow.kind_name }));
    } catch (caught) {
      const text =
        caught instanceof ApiError
          ? [...(caught.errors.levels ?? []), ...(caught.errors.kind ?? [])].map((e) => e.message).join(' ') || caught.message
          : t('common:errors.generic');
      setError(text);
      void message.error(t('reviews:flows.saveFailed', { name: flow.kind_name }));
    }
  };

  return (
    <Card
      type="inner"
      size="small"
      title={flow.kind_name}
      data-testid={`flow-${flow.kind}`}
      extra={
        flow.updated_at ? (
          <Typography.Text type="secondary">
            {t('reviews:flows.updatedAt', { at: dayjs(flow.updated_at).format(DATE_TIME) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('reviews:flows.nationalDefault')}</Typography.Text>
        )
      }
    >
      <div data-testid="flow-steps" style={{ marginBottom: 16 }}>
        {levels.map((level, index) => (
          <Fragment key={level}>
            {index > 0 && <ArrowRightOutlined style={{ margin: '0 8px', color: 'rgba(0, 0, 0, 0.35)' }} />}
            <Tag color="blue" data-testid="flow-step" style={{ marginInlineEnd: 0 }}>
              {index + 1}. {t(`common:levels.${level}`)}
            </Tag>
          </Fragment>
        ))}
      </div>
      {flow.editable ? (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {t('reviews:flows.levels')}
          </Typography.Text>
          <Space wrap size="large" aria-label={t('reviews:flows.levels')}>
            {flow.allowed_levels.map((level) => {
              const locked = required.has(level);
              const box = (
                <Checkbox
                  checked={levels.includes(level)}
                  disabled={locked}
                  onChange={(event) => toggle(level, event.target.checked)}
                >
                  {t(`common:levels.${level}`)}
                  {locked && <LockOutlined style={{ marginInlineStart: 4 }} aria-label={t('reviews:flows.locked')} />}
                </Checkbox>
              );
              return (
                <span key={level} data-testid={`flow-level-${level}`}>
                  {locked ? (
                    <Tooltip title={t('reviews:flows.requiredTip')}>
                      <span>{box}</span>
                    </Tooltip>
                  ) : (
                    box
                  )}
                </span>
              );
            })}
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="flow-error" />}
          <Space style={{ marginTop: 16, display: 'flex' }}>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => void onSave()}
            >
              {t('common:actions.save')}
            </Button>
            <Button
              icon={<UndoOutlined />}
              disabled={!dirty}
              onClick={() => {
                setError(null);
                setLevels(flow.levels);
              }}
            >
              {t('reviews:flows.reset')}
            </Button>
          </Space>
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          data-testid="flow-derived"
          title={t('reviews:flows.derived', {
            base: base?.kind_name ?? flow.derived_from ?? '',
            extra: flow.levels
              .filter((level) => !base?.levels.includes(level))
              .map((level) => t(`common:levels.${level}`))
              .join(t('reviews:flows.separator')),
          })}
        />
      )}
    </Card>
  );
}
