import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, DownloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ExportState } from '@/features/import-export/api/exports-api';
import type { ImportState } from '@/features/import-export/api/imports-api';

const LOOK: Record<ImportState | ExportState, { color: string; icon: ReactNode }> = {
  queued: { color: 'default', icon: <ClockCircleOutlined /> },
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
  downloaded: { color: 'default', icon: <DownloadOutlined /> },
  cancelled: { color: 'warning', icon: <StopOutlined /> },
};

/** The state of an import or export job, with an icon besides the colour (UX.md: colour is never the only signal). */
export function JobStateTag({ state, testId = 'import-state' }: { state: ImportState | ExportState; testId?: string }) {
  const { t } = useTranslation('importExport');
  const look = LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`jobs.states.${state}`)}
    </Tag>
  );
}

/** An import's state (the import page's name for {@link JobStateTag}). */
export function ImportStateTag({ state }: { state: ImportState }) {
  return <JobStateTag state={state} />;
}
