import { Alert } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useChanges } from '@/features/changes/api/changes-api';
import { ChangesTable } from '@/features/changes/components/changes-table';
import { loadedRows } from '@/lib/cursor-pages';

/** The archive's 变动 tab: every change of the teacher the user may see, newest first. */
export function ArchiveChanges({ teacherId }: { teacherId: number }) {
  const { t } = useTranslation('changes');
  const query = useMemo(() => ({ direction: 'all' as const, teacher: teacherId }), [teacherId]);
  const changes = useChanges(query);
  const rows = loadedRows(changes.data);
  return (
    <div data-testid="archive-changes">
      {changes.isError && <Alert type="error" showIcon title={changes.error.message} style={{ marginBottom: 16 }} />}
      <ChangesTable rows={rows} loading={changes.isPending} pages={changes} empty={t('archive.empty')} oneTeacher testId="archive-changes-table" />
    </div>
  );
}
