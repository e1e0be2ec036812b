import { Alert, Card, Col, Progress, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { PlanFigures } from '@/features/rotation/api/rotation-api';
import { formatShare, percentOf, shortfalls } from '@/features/rotation/utils/rotation';

function Gauge({ title, planned, target, testId }: { title: string; planned: number; target: number; testId: string }) {
  const { t } = useTranslation('rotation');
  const percent = percentOf(planned, target);
  const met = planned >= target;
  return (
    <Card size="small" style={{ height: '100%', textAlign: 'center' }} data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <Progress
          type="dashboard"
          percent={percent}
          status={met ? 'success' : 'normal'}
          strokeColor={met ? undefined : '#faad14'}
          size={140}
          format={() => (
            <span style={{ fontSize: 20 }} data-testid={`${testId}-value`}>
              {t('plan.gaugeValue', { planned, target })}
            </span>
          )}
          aria-label={t('plan.gaugeLabel', { what: title, planned, target })}
        />
      </div>
    </Card>
  );
}

/**
 * The plan against the county's targets: two gauges (teachers planned of the target, backbone teachers of theirs),
 * the figures they come from, and each shortfall as a warning — warned, never blocking.
 */
export function PlanGauges({ figures }: { figures: PlanFigures }) {
  const { t } = useTranslation('rotation');
  const short = shortfalls(figures);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]} data-testid="plan-gauges">
        <Col xs={12} md={6}>
          <Gauge title={t('plan.targetGauge')} planned={figures.planned} target={figures.target} testId="gauge-target" />
        </Col>
        <Col xs={12} md={6}>
          <Gauge
            title={t('plan.backboneGauge')}
            planned={figures.planned_backbone}
            target={figures.backbone_target}
            testId="gauge-backbone"
          />
        </Col>
        <Col xs={24} md={12}>
          <Space orientation="vertical" size="small" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="plan-figures">
              {t('plan.figures', {
                teachers: figures.teachers,
                eligible: figures.eligible,
                backbone: figures.eligible_backbone,
                share: formatShare(figures.target_share),
                backboneShare: formatShare(figures.backbone_share),
              })}
            </Typography.Paragraph>
            {short.length === 0 ? (
              <Alert type="success" showIcon title={t('plan.met')} data-testid="plan-met" />
            ) : (
              <div data-testid="plan-warnings">
                {short.map((item) => (
                  <Alert
                    key={item.key}
                    type="warning"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={
                      item.key === 'target'
                        ? t('plan.shortTarget', { planned: item.planned, target: item.target, share: item.share })
                        : t('plan.shortBackbone', { planned: item.planned, target: item.target, share: item.share })
                    }
                    data-testid={`plan-warning-${item.key}`}
                  />
                ))}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('plan.warningsHint')}
                </Typography.Text>
              </div>
            )}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
