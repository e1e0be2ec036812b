import type { components } from '@/api/generated/schema';
import { ArchiveChangeActions } from '@/features/changes/components/archive-change-actions';
import { ArchiveChanges } from '@/features/changes/components/archive-changes';
import { TeacherArchivePage } from '@/features/teachers/pages/teacher-archive-page';
import { TranscriptPanel } from '@/features/training/components/transcript-panel';
import { useCapability } from '@/lib/auth/session';

type Teacher = components['schemas']['Teacher'];

const changeActions = (teacher: Teacher) => <ArchiveChangeActions teacher={teacher} />;
const changesPanel = (teacherId: number) => <ArchiveChanges teacherId={teacherId} />;
const trainingPanel = (teacherId: number) => <TranscriptPanel teacherId={teacherId} />;

/**
 * The archive page with the changes feature's header actions and 变动 tab, and the training feature's 培训学时 tab
 * (for users who may see training credits): `app/` composes the features.
 */
export default function TeacherArchiveWithChanges() {
  const training = useCapability('training.view');
  return (
    <TeacherArchivePage changeActions={changeActions} changesPanel={changesPanel} trainingPanel={training ? trainingPanel : undefined} />
  );
}
