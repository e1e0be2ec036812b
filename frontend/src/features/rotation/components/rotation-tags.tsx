import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { AssignmentState, PlanState } from '@/features/rotation/api/rotation-api';

const PLAN_COLOURS: Record<PlanState, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'processing',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

const ASSIGNMENT_COLOURS: Record<AssignmentState, string> = {
  planned: 'blue',
  started: 'processing',
  completed: 'green',
  cancelled: 'default',
};

export function PlanStateTag({ state, testId = 'plan-state' }: { state: PlanState; testId?: string }) {
  const { t } = useTranslation('rotation');
  return (
    <Tag color={PLAN_COLOURS[state]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`planStates.${state}`)}
    </Tag>
  );
}

export function AssignmentStateTag({ state }: { state: AssignmentState }) {
  const { t } = useTranslation('rotation');
  return (
    <Tag color={ASSIGNMENT_COLOURS[state]} style={{ marginInlineEnd: 0 }}>
      {t(`assignmentStates.${state}`)}
    </Tag>
  );
}
