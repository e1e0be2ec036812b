import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Select, Switch, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { GROUP_MODES, IMPORT_MODES, useStartImport, type ImportJob, type ImportOptions } from '@/features/import-export/api/imports-api';
import { ACCEPTED_EXTENSIONS, checkUploadFile, formatFileSize } from '@/features/import-export/utils/jobs';

const DEFAULT_OPTIONS: ImportOptions = { dry_run: false, strict: false, mode: 'create', group_mode: 'append' };

/**
 * Step 2: choose a file (drag and drop or click; checked here for kind and size), set the options, start. The
 * file is uploaded when the user starts, so the options can be changed after choosing it.
 */
export function UploadStep({ onStarted }: { onStarted: (job: ImportJob) => void }) {
  const { t } = useTranslation(['importExport', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ImportOptions>();
  // undefined until the form mounts, whatever the type says
  const dryRun = (Form.useWatch('dry_run', form) as boolean | undefined) === true;
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const start = useStartImport();

  const choose = (chosen: File) => {
    const found = checkUploadFile(chosen);
    const values = { name: chosen.name, size: formatFileSize(chosen.size) };
    if (found === 'size') setProblem(t('importExport:import.upload.tooLarge', values));
    else if (found === 'type') setProblem(t('importExport:import.upload.wrongType', values));
    else if (found === 'empty') setProblem(t('importExport:import.upload.empty', values));
    else setProblem(null);
    setFile(found ? null : chosen);
    start.reset();
  };

  const onFinish = async (options: ImportOptions) => {
    if (!file) {
      setProblem(t('importExport:import.upload.pickFirst'));
      return;
    }
    try {
      const job = await start.mutateAsync({ file, options: { ...DEFAULT_OPTIONS, ...options } });
      void message.success(t('importExport:import.upload.started'));
      setFile(null);
      onStarted(job);
    } catch {
      // shown below the button (start.error)
    }
  };

  const fileList: UploadFile[] = file
    ? [
        {
          uid: 'chosen',
          name: t('importExport:import.upload.chosen', { name: file.name, size: formatFileSize(file.size) }),
          size: file.size,
          status: 'done',
        },
      ]
    : [];

  return (
    <section aria-labelledby="import-upload-step">
      <Typography.Title level={5} id="import-upload-step" style={{ marginTop: 0 }}>
        {t('importExport:import.upload.step')}
      </Typography.Title>
      <Upload.Dragger
        accept={ACCEPTED_EXTENSIONS.join(',')}
        multiple={false}
        maxCount={1}
        fileList={fileList}
        beforeUpload={(chosen) => {
          choose(chosen);
          return Upload.LIST_IGNORE;
        }}
        onRemove={() => {
          setFile(null);
          return true;
        }}
        data-testid="import-dragger"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('importExport:import.upload.drop')}</p>
        <p className="ant-upload-hint">{t('importExport:import.upload.hint')}</p>
      </Upload.Dragger>
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} data-testid="import-file-problem" />
      )}
      <Form<ImportOptions>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '148px' }}
        labelWrap
        colon={false}
        initialValues={DEFAULT_OPTIONS}
        onFinish={(values) => void onFinish(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="dry_run"
          label={t('importExport:import.upload.dryRun')}
          valuePropName="checked"
          extra={t('importExport:import.upload.dryRunHelp')}
          style={{ marginBottom: 12 }}
        >
          <Switch data-testid="import-dry-run" />
        </Form.Item>
        <Form.Item
          name="strict"
          label={t('importExport:import.upload.strict')}
          valuePropName="checked"
          extra={t('importExport:import.upload.strictHelp')}
          style={{ marginBottom: 12 }}
        >
          <Switch data-testid="import-strict" />
        </Form.Item>
        <Form.Item
          name="mode"
          label={t('importExport:import.upload.mode')}
          extra={t('importExport:import.upload.modeHelp')}
          style={{ marginBottom: 16 }}
        >
          <Select
            style={{ width: 200 }}
            data-testid="import-mode"
            options={IMPORT_MODES.map((mode) => ({ value: mode, label: t(`importExport:import.upload.modes.${mode}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="group_mode"
          label={t('importExport:import.upload.groupMode')}
          extra={t('importExport:import.upload.groupModeHelp')}
          style={{ marginBottom: 16 }}
        >
          <Select
            style={{ width: 200 }}
            data-testid="import-group-mode"
            options={GROUP_MODES.map((mode) => ({
              value: mode,
              label: t(`importExport:import.upload.groupModes.${mode}`),
            }))}
          />
        </Form.Item>
        {start.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('importExport:import.upload.failed', { message: start.error.message })}
          />
        )}
        <Form.Item label=" " style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={start.isPending} disabled={!file}>
            {dryRun ? t('importExport:import.upload.startDryRun') : t('importExport:import.upload.start')}
          </Button>
        </Form.Item>
      </Form>
    </section>
  );
}
