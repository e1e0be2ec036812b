import { ExportButton } from '@/features/import-export/components/export-button';
import type { TeacherFilters } from '@/features/teachers/api/teachers-api';
import { TeachersPage } from '@/features/teachers/pages/teachers-page';

/** The teacher list's 导出: the export feature's dialog, given the list's applied filters. */
const teacherListActions = (filters: TeacherFilters) => <ExportButton filters={filters} />;

/** The teacher list with the export feature's button: `app/` composes the two features. */
export default function TeachersWithExport() {
  return <TeachersPage actions={teacherListActions} />;
}
