import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Spin } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';

import { teacherKeys, useArchiveProblems, useTeacher, useTimeline, type Teacher } from '@/features/teachers/api/teachers-api';
import { ArchiveTabs } from '@/features/teachers/components/archive-tabs';
import { MissingItemsAlert, PendingChangeAlert, ReturnAlert } from '@/features/teachers/components/review-banners';
import { ReviewActions } from '@/features/teachers/components/review-actions';
import { TeacherHeader } from '@/features/teachers/components/teacher-header';
import type { Warnings } from '@/features/teachers/components/teacher-editor';
import { CHANGES_TAB, isDeletable } from '@/features/teachers/utils/archive';
import {
  archiveFieldErrors,
  pendingChangeSubmission,
  returnNotice,
  submitProblems,
  type Problem,
} from '@/features/teachers/utils/review';
import { ApiError } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';

const LOCKED_STATES: readonly Teacher['record_state'][] = ['submitted', 'in_review'];

interface TeacherArchivePageProps {
  /** The header's change actions (借出/离岗 …; the changes feature, composed by app/). */
  changeActions?: (teacher: Teacher) => ReactNode;
  /** The 变动 tab's content: the archive's changes. */
  changesPanel?: (teacherId: number) => ReactNode;
  /** The 培训学时 tab's content: the teacher's training transcript (the training feature, composed by app/). */
  trainingPanel?: (teacherId: number) => ReactNode;
}

export function TeacherArchivePage({ changeActions, changesPanel, trainingPanel }: TeacherArchivePageProps = {}) {
  const { t } = useTranslation(['teachers', 'common', 'changes']);
  const navigate = useNavigate();
  const location = useLocation();
  const params = useParams();
  const id = Number(params.id);
  const canChange = useCapability('teachers.change');
  const query = useTeacher(id);
  const timeline = useTimeline(id);
  const queryClient = useQueryClient();
  // After a refused submit the list turns red and its items sit at their fields, until a submit goes through.
  const [refused, setRefused] = useState(false);
  const loaded = query.data?.teacher;
  // The one list of what is missing, while the filler may still submit the archive: kept current by every write.
  const submittable =
    canChange && !!loaded && (loaded.record_state === 'draft' || loaded.record_state === 'returned') && !loaded.pending_change;
  const missing = useArchiveProblems(id, submittable);
  const missingItems = useMemo(() => (missing.data ? submitProblems(missing.data.errors) : []), [missing.data]);
  const fieldErrors = useMemo(() => archiveFieldErrors(refused ? missingItems : null), [refused, missingItems]);
  const onSubmitted = (problems: Problem[] | null) => {
    setRefused(problems !== null);
    // The refusal ran the same check as the list: the list asks again, so both say the same.
    if (problems) void queryClient.invalidateQueries({ queryKey: teacherKeys.problems(id) });
  };
  // After a delete the page empties first (no form left to guard), then goes back to the list.
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    if (deleted) void navigate('/teachers', { replace: true });
  }, [deleted, navigate]);
  const state: unknown = location.state;
  const initialWarnings =
    typeof state === 'object' && state !== null && 'warnings' in state ? (state.warnings as Warnings) : undefined;

  if (deleted) return null;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('teachers:notFound') : query.error.message}
        extra={<Button onClick={() => void navigate('/teachers')}>{t('teachers:back')}</Button>}
      />
    );
  }
  if (!query.data) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  const { teacher } = query.data;
  const locked = LOCKED_STATES.includes(teacher.record_state);
  // An open change request: the approved values stay in force and the archive takes no further change.
  // An open teacher change (transfer, leave …) locks the archive too; a teacher who has left keeps a read-only one.
  const editable = canChange && !locked && !teacher.pending_change && teacher.open_change === null && teacher.active;
  const returned = timeline.data ? returnNotice(teacher, timeline.data) : null;
  const pendingSubmission = timeline.data ? pendingChangeSubmission(teacher, timeline.data) : null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <TeacherHeader
        teacher={teacher}
        deletable={canChange && isDeletable(teacher)}
        onDeleted={() => setDeleted(true)}
        actions={
          canChange && (
            <>
              <ReviewActions teacher={teacher} timeline={timeline.data} onProblems={onSubmitted} />
              {changeActions?.(teacher)}
            </>
          )
        }
      />
      {returned && <ReturnAlert entry={returned} change={teacher.record_state !== 'returned'} />}
      {submittable && missingItems.length > 0 && (
        <MissingItemsAlert school={teacher.school} problems={missingItems} refused={refused} />
      )}
      {locked && (
        <Alert type="info" showIcon title={t('teachers:locked', { state: t(`teachers:states.${teacher.record_state}`) })} />
      )}
      {teacher.pending_change && <PendingChangeAlert submission={pendingSubmission} />}
      {teacher.open_change !== null && (
        <Alert
          type="info"
          showIcon
          data-testid="open-change-alert"
          title={t('changes:archive.openAlert')}
          action={<Link to={`/teachers/${String(teacher.id)}?tab=${CHANGES_TAB}`}>{t('changes:archive.openLink')}</Link>}
        />
      )}
      {!teacher.active && <Alert type="warning" showIcon data-testid="inactive-alert" title={t('changes:archive.inactiveAlert')} />}
      {!canChange && <Alert type="info" showIcon title={t('teachers:readOnly')} />}
      <ArchiveTabs key={teacher.id} record={query.data} editable={editable} initialWarnings={initialWarnings} onReload={() => query.refetch()} fieldErrors={fieldErrors} changesPanel={changesPanel?.(teacher.id)} trainingPanel={trainingPanel?.(teacher.id)} />
    </div>
  );
}
