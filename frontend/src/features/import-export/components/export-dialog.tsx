import { DownloadOutlined, ExportOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Form, Modal, Progress, Radio, Row, Select, Space, Spin, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  EXPORT_FORMATS,
  useDownloadExport,
  useExport,
  useExportColumns,
  useExportGroups,
  useStartExport,
  type ExportFormat,
  type ExportJob,
} from '@/features/import-export/api/exports-api';
import {
  clampPercent,
  elapsedMs,
  formatCount,
  formatDuration,
  formatFileSize,
  formatPercent,
  isActive,
  orderedFields,
} from '@/features/import-export/utils/jobs';
import { recordStateValues, type RecordState } from '@/api/generated/enums';
import { ApiError } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { localName } from '@/lib/catalogue-names';
import { useNow } from '@/lib/use-now';

const FILTER_NAMES = ['q', 'id_number', 'org', 'record_state'] as const;
type KnownFilter = (typeof FILTER_NAMES)[number];

const isKnownFilter = (key: string): key is KnownFilter => (FILTER_NAMES as readonly string[]).includes(key);
const isRecordState = (value: string): value is RecordState => (recordStateValues as readonly string[]).includes(value);

interface ExportDialogProps {
  filters: Record<string, string>;
  jobId: number | null;
  onJob: (id: number | null) => void;
  onClose: () => void;
}

/** The filters the export applies, as tags (`姓名/拼音：张`). */
function FilterSummary({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation('importExport');
  const entries = Object.entries(filters);
  if (entries.length === 0) return <Typography.Text>{t('export.scopeAll')}</Typography.Text>;
  return (
    <div>
      <Typography.Text>{t('export.scopeFiltered')}</Typography.Text>
      <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="export-filters">
        {entries.map(([key, value]) => (
          <Tag key={key} style={{ marginInlineEnd: 0 }}>
            {t('export.filterItem', {
              name: isKnownFilter(key) ? t(`export.filterNames.${key}`) : key,
              value: key === 'record_state' && isRecordState(value) ? t(`export.recordStates.${value}`) : value,
            })}
          </Tag>
        ))}
      </div>
    </div>
  );
}

interface ExportForm {
  format: ExportFormat;
  full_id: boolean;
  groups: string[];
}

const ALL_GROUPS = 'all';

/** The `groups` of the request: none for CSV (one sheet only), `["all"]` when 全部信息集 is among the choices. */
export function requestedGroups(format: ExportFormat, chosen: readonly string[] | undefined): string[] | undefined {
  if (format !== 'xlsx' || !chosen?.length) return undefined;
  return chosen.includes(ALL_GROUPS) ? [ALL_GROUPS] : [...chosen];
}

/**
 * 导出教师信息: the list's filters, the columns (all by default), Excel or CSV and — for users who may see them —
 * full ID numbers; then the job's progress and a download that works once.
 */
export function ExportDialog({ filters, jobId, onJob, onClose }: ExportDialogProps) {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const mayViewId = useCapability('teachers.view_id');
  const [form] = Form.useForm<ExportForm>();
  const columns = useExportColumns(jobId === null);
  const groups = useExportGroups(jobId === null);
  const format: ExportFormat | undefined = Form.useWatch('format', form);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [columnsTouched, setColumnsTouched] = useState(false);
  const start = useStartExport();
  const query = useExport(jobId);
  const download = useDownloadExport();
  const job = jobId === null ? undefined : query.data;
  const now = useNow(job ? isActive(job.state) : false);

  const all = columns.data ?? [];
  const picked = chosen ?? all.map((column) => column.code);
  const noColumns = columnsTouched && picked.length === 0;

  const onStart = async (values: ExportForm) => {
    if (picked.length === 0) {
      setColumnsTouched(true);
      return;
    }
    try {
      const started = await start.mutateAsync({
        filters,
        fields: orderedFields(all, picked),
        format: values.format,
        full_id: mayViewId && values.full_id,
        groups: requestedGroups(values.format, values.groups),
      });
      onJob(started.id);
    } catch {
      // shown in the form (start.error)
    }
  };

  const onDownload = async (target: ExportJob) => {
    try {
      const name = await download.mutateAsync(target);
      void message.success(t('importExport:export.downloaded', { name }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return; // the job turns `downloaded`: explained below
      void message.error(
        t('importExport:export.downloadFailed', { message: error instanceof Error ? error.message : t('common:errors.generic') }),
      );
    }
  };

  const again = () => {
    download.reset();
    start.reset();
    onJob(null);
  };

  const footer =
    jobId === null
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>,
          <Button
            key="start"
            type="primary"
            icon={<ExportOutlined />}
            loading={start.isPending}
            disabled={columns.isPending || columns.isError}
            onClick={() => form.submit()}
            data-testid="export-start"
          >
            {t('importExport:export.start')}
          </Button>,
        ]
      : [
          <Button key="close" onClick={onClose}>
            {t('importExport:export.close')}
          </Button>,
          job && !isActive(job.state) && job.state !== 'done' && (
            <Button key="again" icon={<RedoOutlined />} onClick={again}>
              {t('importExport:export.again')}
            </Button>
          ),
          job?.state === 'done' && (
            <Button
              key="download"
              type="primary"
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() => void onDownload(job)}
              data-testid="export-download"
            >
              {t('importExport:export.download')}
            </Button>
          ),
        ];

  return (
    <Modal
      open
      title={t('importExport:export.title')}
      onCancel={onClose}
      footer={footer}
      width={720}
      style={{ top: 32 }}
      destroyOnHidden
    >
      {jobId === null ? (
        <Form<ExportForm>
          form={form}
          layout="vertical"
          initialValues={{ format: 'xlsx', full_id: false, groups: [] }}
          onFinish={(values) => void onStart(values)}
          data-testid="export-form"
        >
          <Form.Item label={t('importExport:export.scope')}>
            <FilterSummary filters={filters} />
          </Form.Item>
          <Form.Item
            label={t('importExport:export.columns')}
            required
            validateStatus={noColumns ? 'error' : undefined}
            help={noColumns ? t('importExport:export.columnsRequired') : undefined}
          >
            {columns.isError ? (
              <Alert type="error" showIcon title={t('importExport:export.columnsError', { message: columns.error.message })} />
            ) : columns.isPending ? (
              <Spin />
            ) : (
              <>
                <Space size="middle" style={{ marginBottom: 8 }}>
                  <Checkbox
                    checked={picked.length === all.length}
                    indeterminate={picked.length > 0 && picked.length < all.length}
                    onChange={(event) => {
                      setChosen(event.target.checked ? all.map((column) => column.code) : []);
                      setColumnsTouched(true);
                    }}
                    data-testid="export-all-columns"
                  >
                    {t('importExport:export.allColumns')}
                  </Checkbox>
                  <Typography.Text type="secondary">
                    {t('importExport:export.columnsCount', { count: picked.length, total: all.length })}
                  </Typography.Text>
                </Space>
                <Checkbox.Group
                  value={picked}
                  onChange={(values) => {
                    setChosen(values);
                    setColumnsTouched(true);
                  }}
                  aria-label={t('importExport:export.columns')}
                  data-testid="export-columns"
                  style={{
                    display: 'grid',
                    gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
                    gap: '6px 12px',
                    maxHeight: 176,
                    overflowY: 'auto',
                    padding: '8px 12px',
                    border: `1px solid ${token.colorBorderSecondary}`,
                    borderRadius: token.borderRadius,
                  }}
                  options={all.map((column) => ({
                    value: column.code,
                    title: column.name,
                    style: { minWidth: 0 },
                    label: <span style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{column.name}</span>,
                  }))}
                />
              </>
            )}
          </Form.Item>
          <Form.Item
            name="groups"
            label={t('importExport:export.groups')}
            extra={format === 'csv' ? t('importExport:export.groupsNeedXlsx') : t('importExport:export.groupsHint')}
          >
            <Select
              mode="multiple"
              allowClear
              disabled={format === 'csv'}
              loading={groups.isPending}
              placeholder={t('importExport:export.groupsPlaceholder')}
              aria-label={t('importExport:export.groups')}
              data-testid="export-groups"
              options={[
                { value: ALL_GROUPS, label: t('importExport:export.groupsAll') },
                ...(groups.data ?? []).map((group) => ({
                  value: group.code,
                  label: localName(i18n.language, group.name, group.name_en),
                })),
              ]}
            />
          </Form.Item>
          <Row gutter={24}>
            <Col xs={24} sm={mayViewId ? 10 : 24}>
              <Form.Item name="format" label={t('importExport:export.format')} extra={t('importExport:export.formatHint')}>
                <Radio.Group
                  options={EXPORT_FORMATS.map((format) => ({ value: format, label: t(`importExport:export.formats.${format}`) }))}
                  data-testid="export-format"
                />
              </Form.Item>
            </Col>
            {mayViewId && (
              <Col xs={24} sm={14}>
                <Form.Item
                  name="full_id"
                  label={t('importExport:export.idNumbers')}
                  valuePropName="checked"
                  extra={t('importExport:export.fullIdNote')}
                >
                  <Checkbox data-testid="export-full-id">{t('importExport:export.fullId')}</Checkbox>
                </Form.Item>
              </Col>
            )}
          </Row>
          {start.isError && (
            <Alert type="error" showIcon title={t('importExport:export.startFailed', { message: start.error.message })} />
          )}
        </Form>
      ) : (
        <ExportProgress
          job={job}
          loading={query.isPending}
          error={query.error}
          now={now}
          language={i18n.language}
          savedAs={download.data ?? null}
        />
      )}
    </Modal>
  );
}

function ExportProgress({
  job,
  loading,
  error,
  now,
  language,
  savedAs,
}: {
  job: ExportJob | undefined;
  loading: boolean;
  error: Error | null;
  now: number;
  language: string;
  /** The name the file was saved under, when it was downloaded from this dialog. */
  savedAs: string | null;
}) {
  const { t } = useTranslation('importExport');
  if (!job) {
    return error ? <Alert type="error" showIcon title={error.message} /> : <Spin spinning={loading} />;
  }
  const n = (value: number | null) => formatCount(value, language);
  const status = job.state === 'failed' ? 'exception' : isActive(job.state) ? 'active' : 'success';
  return (
    <div data-testid="export-job">
      <Progress
        percent={clampPercent(job.percent)}
        status={status}
        format={(value) => formatPercent(value ?? 0)}
        aria-label={t('export.progress')}
        data-testid="export-progress"
      />
      <Space size="large" wrap style={{ margin: '4px 0 16px' }}>
        {isActive(job.state) && (
          <Typography.Text type="secondary">
            {job.state === 'queued'
              ? t('export.queued')
              : t('export.running', { written: n(job.rows_written), total: n(job.rows_total) })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t(isActive(job.state) ? 'export.elapsed' : 'export.took', { time: formatDuration(elapsedMs(job, now)) })}
        </Typography.Text>
      </Space>
      {job.state === 'done' && (
        <Alert
          type="success"
          showIcon
          data-testid="export-ready"
          title={t('export.done', { formatted: n(job.rows_written), size: formatFileSize(job.file_size ?? 0) })}
          description={t('export.downloadOnce')}
        />
      )}
      {job.state === 'downloaded' &&
        (savedAs ? (
          <Alert type="success" showIcon data-testid="export-downloaded" title={t('export.downloadedHere', { name: savedAs })} />
        ) : (
          <Alert type="info" showIcon data-testid="export-downloaded" title={t('export.alreadyDownloaded')} />
        ))}
      {job.state === 'failed' && <Alert type="error" showIcon title={t('export.failed', { message: job.error_message })} />}
    </div>
  );
}
