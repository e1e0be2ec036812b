import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { downloadArchive } from '@/features/teachers/api/teachers-api';
import { useCapability } from '@/lib/auth/session';

/**
 * 下载档案: the whole archive as an Excel workbook (基本信息 and a sheet per 信息集), ID numbers masked; users who may
 * see full ID numbers get a second choice with them (audited like an export).
 */
export function ArchiveDownloadButton({ teacherId }: { teacherId: number }) {
  const { t } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const mayViewId = useCapability('teachers.view_id');
  const [busy, setBusy] = useState(false);

  const onDownload = async (fullId: boolean) => {
    setBusy(true);
    try {
      const name = await downloadArchive(teacherId, fullId);
      void message.success(t('teachers:archiveFile.downloaded', { name }));
    } catch (error) {
      void message.error(
        t('teachers:archiveFile.failed', { message: error instanceof Error ? error.message : t('common:errors.generic') }),
      );
    } finally {
      setBusy(false);
    }
  };

  const button = (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void onDownload(false)} data-testid="archive-download">
      {t('teachers:archiveFile.download')}
    </Button>
  );
  if (!mayViewId) return button;
  return (
    <Space.Compact>
      {button}
      <Dropdown
        disabled={busy}
        menu={{
          items: [{ key: 'full', label: t('teachers:archiveFile.withFullId') }],
          onClick: () => void onDownload(true),
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('teachers:archiveFile.more')} data-testid="archive-download-more" />
      </Dropdown>
    </Space.Compact>
  );
}
