import { SendOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

import { useSubmitTeacher, useWithdrawSubmission, type Teacher, type TimelineEntry } from '@/features/teachers/api/teachers-api';
import { submitProblems, withdrawableSubmission, type Problem } from '@/features/teachers/utils/review';
import { ApiError } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';

interface ReviewActionsProps {
  teacher: Teacher;
  timeline: readonly TimelineEntry[] | undefined;
  /** The catalogue problems a refused submit listed (null: none, or cleared by a submit that went through). */
  onProblems: (problems: Problem[] | null) => void;
}

/**
 * The archive header's review actions for a filler: 送审 for a draft (重新送审 for a returned archive) and 撤回
 * while the newest submission waits undecided. A refused submit hands its per-field problems to the page.
 */
export function ReviewActions({ teacher, timeline, onProblems }: ReviewActionsProps) {
  const { t } = useTranslation(['teachers', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const submit = useSubmitTeacher(teacher.id);
  const withdraw = useWithdrawSubmission(teacher.id);
  const submittable = (teacher.record_state === 'draft' || teacher.record_state === 'returned') && !teacher.pending_change;
  const withdrawable = timeline ? withdrawableSubmission(timeline, user.id) : null;

  const onSubmit = async () => {
    try {
      const submission = await submit.mutateAsync();
      onProblems(null);
      const org = submission.current_org_name;
      if (submission.unattended && org) void message.warning(t('teachers:review.submittedUnattended', { org }), 8);
      else void message.success(org ? t('teachers:review.submittedTo', { org }) : t('teachers:review.submitted'));
    } catch (error) {
      const problems = error instanceof ApiError && error.status === 400 ? submitProblems(error.errors) : [];
      if (problems.length > 0) {
        onProblems(problems);
      } else {
        void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
      }
    }
  };

  const onWithdraw = async (submission: number) => {
    try {
      await withdraw.mutateAsync(submission);
      void message.success(t('teachers:review.withdrawn'));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  return (
    <>
      {submittable && (
        <Popconfirm
          title={t('teachers:review.submitConfirm')}
          description={t('teachers:review.submitHint')}
          okText={t('teachers:review.submit')}
          cancelText={t('common:actions.cancel')}
          onConfirm={onSubmit}
        >
          <Button type="primary" icon={<SendOutlined />} loading={submit.isPending} data-testid="submit-archive">
            {teacher.record_state === 'returned' ? t('teachers:review.resubmit') : t('teachers:review.submit')}
          </Button>
        </Popconfirm>
      )}
      {withdrawable !== null && (
        <Popconfirm
          title={t('teachers:review.withdrawConfirm')}
          description={t('teachers:review.withdrawHint')}
          okText={t('teachers:review.withdraw')}
          cancelText={t('common:actions.cancel')}
          onConfirm={() => onWithdraw(withdrawable)}
        >
          <Button icon={<UndoOutlined />} loading={withdraw.isPending} data-testid="withdraw-archive">
            {t('teachers:review.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
