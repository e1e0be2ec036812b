import { CheckOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useUploadCompletions, type UploadProblem, type UploadResult } from '@/features/training/api/training-api';
import { ApiError } from '@/lib/api-error';

interface CompletionsUploadProps {
  programme: number;
  open: boolean;
  onClose: () => void;
}

/**
 * 上传结业名单: the file is checked first (nothing saved), its problems listed by row, column and reason; then saved
 * (bad rows are left out, never blocking the others).
 */
export function CompletionsUpload({ programme, open, onClose }: CompletionsUploadProps) {
  const { t } = useTranslation(['training', 'common']);
  const { message } = App.useApp();
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useUploadCompletions();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    try {
      const answer = await upload.mutateAsync({ id: programme, file, dryRun });
      setResult(answer);
      if (!dryRun) void message.success(t('training:upload.saved', { saved: answer.saved, rows: answer.rows, bad: answer.bad_rows }));
    } catch (failure) {
      const apiError = failure instanceof ApiError ? failure : null;
      setError(apiError ? [apiError.message, ...Object.values(apiError.errors).flat().map((e) => e.message)].filter((line, i, all) => all.indexOf(line) === i).join('；') : t('common:errors.generic'));
    }
  };

  const close = () => {
    setFile(undefined);
    setResult(null);
    setError(null);
    onClose();
  };

  const columns: TableColumnsType<UploadProblem> = [
    { key: 'row', title: t('training:upload.row'), dataIndex: 'row', width: 64 },
    { key: 'column', title: t('training:upload.column'), dataIndex: 'column', width: 100 },
    { key: 'value', title: t('training:upload.value'), dataIndex: 'value', width: 160, ellipsis: true },
    { key: 'reason', title: t('training:upload.reason'), dataIndex: 'message' },
  ];

  return (
    <Modal
      open={open}
      title={t('training:upload.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common:actions.cancel')}</Button>
          <Button icon={<CheckOutlined />} disabled={!file} loading={upload.isPending && upload.variables.dryRun} onClick={() => void send(true)} data-testid="upload-check">
            {t('training:upload.check')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!file || (result !== null && !result.dry_run)}
            loading={upload.isPending && !upload.variables.dryRun}
            onClick={() => void send(false)}
            data-testid="upload-save"
          >
            {t('training:upload.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('training:upload.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(chosen) => {
          setFile(chosen);
          setResult(null);
          setError(null);
          return false;
        }}
        onRemove={() => {
          setFile(undefined);
          setResult(null);
        }}
        fileList={file ? [{ uid: 'list', name: file.name, status: 'done' }] : []}
        data-testid="upload-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('training:upload.choose')}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={error} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="upload-result">
          <Alert
            type={result.bad_rows > 0 ? 'warning' : 'success'}
            showIcon
            title={
              result.dry_run
                ? t('training:upload.checked', { rows: result.rows, valid: result.valid, bad: result.bad_rows })
                : t('training:upload.saved', { saved: result.saved, rows: result.rows, bad: result.bad_rows })
            }
          />
          {result.problems.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('training:upload.problems', { total: result.problem_total })}
              </Typography.Title>
              <Table<UploadProblem>
                rowKey={(problem) => `${String(problem.row)}-${problem.column}-${problem.code}`}
                size="small"
                columns={columns}
                dataSource={result.problems}
                pagination={result.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                data-testid="upload-problems"
              />
              {result.problem_total > result.problems.length && (
                <Typography.Text type="secondary">{t('training:upload.more', { shown: result.problems.length })}</Typography.Text>
              )}
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
