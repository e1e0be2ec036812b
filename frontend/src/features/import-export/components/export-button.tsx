import { ExportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ExportDialog } from '@/features/import-export/components/export-dialog';
import { exportFilters } from '@/features/import-export/utils/jobs';
import { useCapability } from '@/lib/auth/session';

/**
 * 导出 for a list's toolbar: opens the export dialog with the list's applied filters. The last export of this
 * page is kept, so closing the dialog while it runs and opening it again shows it.
 */
export function ExportButton({ filters }: { filters: object }) {
  const { t } = useTranslation('importExport');
  const allowed = useCapability('teachers.view');
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  if (!allowed) return null;
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)} data-testid="export-button">
        {t('export.button')}
      </Button>
      {open && (
        <ExportDialog filters={exportFilters(filters)} jobId={jobId} onJob={setJobId} onClose={() => setOpen(false)} />
      )}
    </>
  );
}
