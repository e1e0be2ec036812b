import { FileExcelOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { downloadTranscript, useTranscript, type Standing, type TranscriptClaim } from '@/features/training/api/training-api';
import { StandingTag } from '@/features/training/components/training-tags';
import { useCapability } from '@/lib/auth/session';
import { claimFormPath } from '@/lib/training-claims';

function CycleCard({ standing, current }: { standing: Standing; current: boolean }) {
  const { t } = useTranslation('training');
  const percent = standing.required > 0 ? Math.min(100, Math.round((standing.counted / standing.required) * 1000) / 10) : 100;
  return (
    <Card
      size="small"
      data-testid={`transcript-cycle-${standing.cycle}`}
      title={
        <Space wrap size={8}>
          <span>{t('transcript.cycle', { cycle: standing.cycle })}</span>
          <StandingTag status={standing.status} />
          {standing.new_teacher && <Tag>{t('transcript.newTeacher')}</Tag>}
        </Space>
      }
      style={current ? { borderColor: 'var(--ant-color-primary-border)' } : undefined}
    >
      <Row gutter={[16, 8]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('transcript.required')} value={standing.required} groupSeparator="," />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('transcript.counted')} value={standing.counted} groupSeparator="," data-testid="transcript-counted" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('transcript.missing')} value={standing.missing} groupSeparator="," data-testid="transcript-missing" />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('transcript.credits')} value={standing.credits} />
        </Col>
      </Row>
      <Progress percent={percent} size="small" status={standing.status === 'compliant' ? 'success' : 'normal'} style={{ marginTop: 8 }} />
      {(standing.by_level.length > 0 || standing.quotas.length > 0) && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 8 }}
          items={[
            ...(standing.by_level.length > 0
              ? [
                  {
                    key: 'levels',
                    label: t('transcript.byLevel'),
                    children: (
                      <Space wrap size={4}>
                        {standing.by_level.map((level) => (
                          <Tag key={level.code}>
                            {level.name} {t('hoursValue', { hours: level.hours })}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
            ...(standing.quotas.length > 0
              ? [
                  {
                    key: 'quotas',
                    label: t('transcript.quotas'),
                    children: (
                      <Space wrap size={4}>
                        {standing.quotas.map((quota) => (
                          <Tag key={quota.levels.join()} color={quota.met ? 'green' : 'orange'}>
                            {t('transcript.quotaLine', { levels: quota.levels.join('、'), earned: quota.earned, required: quota.required })}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}

/**
 * 培训学时 of an archive: each cycle's standing (required, counted, missing, status, by category) with the current
 * cycle first, every approved claim, and the transcript as Excel or PDF.
 */
export function TranscriptPanel({ teacherId }: { teacherId: number }) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const transcript = useTranscript(teacherId);
  const canClaim = useCapability('training.claim');
  const navigate = useNavigate();
  const [downloading, setDownloading] = useState<'xlsx' | 'pdf' | null>(null);

  const download = (format: 'xlsx' | 'pdf') => {
    setDownloading(format);
    downloadTranscript(teacherId, format)
      .then((name) => void message.success(t('training:transcript.downloaded', { name })))
      .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)))
      .finally(() => setDownloading(null));
  };

  const columns: TableColumnsType<TranscriptClaim> = [
    { key: 'date', title: t('training:claims.columns.date'), dataIndex: 'date', width: 110 },
    {
      key: 'title',
      title: t('training:claims.columns.title'),
      render: (_, claim) => (
        <Space size={4} wrap>
          <span>{claim.title}</span>
          {claim.corrected && <Tag color="orange">{t('training:transcript.corrected')}</Tag>}
        </Space>
      ),
    },
    { key: 'kind', title: t('training:claims.columns.kind'), render: (_, claim) => t(`training:kinds.${claim.kind}`), width: 120 },
    { key: 'level', title: t('training:detail.level'), dataIndex: 'level_name', width: 90 },
    { key: 'form', title: t('training:detail.form'), dataIndex: 'form_name', width: 100 },
    { key: 'hours', title: t('training:claims.columns.hours'), dataIndex: 'hours', width: 70, align: 'right' },
    { key: 'credits', title: t('training:detail.credits'), dataIndex: 'credits', width: 70, align: 'right' },
    { key: 'cycle', title: t('training:compliance.cycle'), dataIndex: 'cycle', width: 100 },
  ];

  if (transcript.isError) return <Alert type="error" showIcon title={transcript.error.message} />;
  if (!transcript.data) return <Skeleton active />;
  const data = transcript.data;
  return (
    <div data-testid="transcript-panel">
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Flex align="baseline" gap={8} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('training:transcript.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {data.rules_version > 0 ? t('training:transcript.rulesVersion', { version: data.rules_version }) : t('training:transcript.rulesDefault')}
          </Typography.Text>
        </Flex>
        <Space wrap>
          {canClaim && (
            <Button icon={<PlusOutlined />} onClick={() => void navigate(claimFormPath(teacherId))}>
              {t('training:transcript.file')}
            </Button>
          )}
          <Button icon={<FileExcelOutlined />} loading={downloading === 'xlsx'} onClick={() => download('xlsx')} data-testid="transcript-xlsx">
            {t('training:transcript.xlsx')}
          </Button>
          <Button icon={<FilePdfOutlined />} loading={downloading === 'pdf'} onClick={() => download('pdf')} data-testid="transcript-pdf">
            {t('training:transcript.pdf')}
          </Button>
        </Space>
      </Flex>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {data.cycles.map((standing, index) => (
          <CycleCard key={standing.cycle} standing={standing} current={index === 0} />
        ))}
        <div>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('training:transcript.claims')}
          </Typography.Title>
          <Table<TranscriptClaim>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.claims}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training:transcript.noClaims')} /> }}
            data-testid="transcript-claims"
          />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('training:transcript.generatedAt', { time: dayjs(data.generated_at).format('YYYY-MM-DD HH:mm') })}
        </Typography.Text>
      </Space>
    </div>
  );
}
