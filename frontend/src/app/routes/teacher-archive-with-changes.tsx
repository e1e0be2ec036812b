import type { components } from '@/api/generated/schema';
import { ArchiveChangeActions } from '@/features/changes/components/archive-change-actions';
import { ArchiveChanges } from '@/features/changes/components/archive-changes';
import { TeacherArchivePage } from '@/features/teachers/pages/teacher-archive-page';

type Teacher = components['schemas']['Teacher'];

const changeActions = (teacher: Teacher) => <ArchiveChangeActions teacher={teacher} />;
const changesPanel = (teacherId: number) => <ArchiveChanges teacherId={teacherId} />;

/** The archive page with the changes feature's header actions and 变动 tab: `app/` composes the two features. */
export default function TeacherArchiveWithChanges() {
  return <TeacherArchivePage changeActions={changeActions} changesPanel={changesPanel} />;
}
