import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ImportState } from '@/features/import-export/api/imports-api';

const LOOK: Record<ImportState, { color: string; icon: ReactNode }> = {
  queued: { color: 'default', icon: <ClockCircleOutlined /> },
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  done: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
};

/** The state of an import, with an icon besides the colour (UX.md: colour is never the only signal). */
export function ImportStateTag({ state }: { state: ImportState }) {
  const { t } = useTranslation('importExport');
  const look = LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 0 }} data-testid="import-state">
      {t(`import.job.states.${state}`)}
    </Tag>
  );
}
