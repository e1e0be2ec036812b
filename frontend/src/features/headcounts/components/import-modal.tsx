import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useImportHeadcounts, type ImportProblem, type ImportResult } from '@/features/headcounts/api/headcounts-api';

/** 导入统计人数: choose a file, check it (dry run: every problem by row and column), then import it. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('headcounts');
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useImportHeadcounts();

  const close = () => {
    setFile(null);
    setResult(null);
    run.reset();
    onClose();
  };
  const send = (dryRun: boolean) => {
    if (!file) {
      void message.warning(t('importer.noFile'));
      return;
    }
    run.mutate(
      { file, dryRun },
      {
        onSuccess: (answer) => {
          setResult(answer);
          if (!answer.dry_run) void message.success(t('importer.done', { created: answer.created, updated: answer.updated, bad: answer.bad_rows }));
        },
      },
    );
  };
  const checked = result?.dry_run === true;

  return (
    <Modal
      open={open}
      title={t('importer.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('edit.cancel')}</Button>
          <Button loading={run.isPending && run.variables.dryRun} disabled={!file} onClick={() => send(true)} data-testid="import-check">
            {t('importer.check')}
          </Button>
          <Button
            type="primary"
            loading={run.isPending && !run.variables.dryRun}
            disabled={!file || (result !== null && !result.dry_run)}
            onClick={() => send(false)}
            data-testid="import-run"
          >
            {checked ? t('importer.confirm') : t('importer.run')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('importer.hint')}</Typography.Paragraph>
      <Upload
        accept=".xlsx,.csv"
        maxCount={1}
        beforeUpload={(chosen) => {
          setFile(chosen);
          setResult(null);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setResult(null);
        }}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
      >
        <Button icon={<UploadOutlined />}>{t('importer.choose')}</Button>
      </Upload>
      {run.isError && <Alert type="error" showIcon title={run.error.message} style={{ marginTop: 16 }} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="import-result">
          <Alert
            showIcon
            type={result.bad_rows ? 'warning' : 'success'}
            title={
              result.dry_run
                ? t('importer.checked', { rows: result.rows, valid: result.valid, bad: result.bad_rows })
                : t('importer.done', { created: result.created, updated: result.updated, bad: result.bad_rows })
            }
          />
          {result.problems.length > 0 && (
            <>
              {result.problem_total > result.problems.length && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {t('importer.problemsMore', { shown: result.problems.length, total: result.problem_total })}
                </Typography.Paragraph>
              )}
              <Table<ImportProblem>
                style={{ marginTop: 8 }}
                size="small"
                rowKey={(problem) => `${String(problem.row)}:${problem.column}:${problem.code}`}
                dataSource={result.problems}
                pagination={result.problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                columns={[
                  { key: 'row', title: t('importer.row'), dataIndex: 'row', width: 72 },
                  { key: 'column', title: t('importer.column'), dataIndex: 'column', width: 110 },
                  { key: 'value', title: t('importer.value'), dataIndex: 'value', width: 120 },
                  { key: 'message', title: t('importer.reason'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
