import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ReviewKind, SubmissionState } from '@/features/reviews/api/reviews-api';

const KIND_COLOURS: Record<ReviewKind, string> = {
  teacher_info: 'blue',
  teacher_change: 'gold',
  teacher_key_change: 'volcano',
  transfer: 'purple',
  teacher_status: 'cyan',
  training_claim: 'geekblue',
  rotation_plan: 'lime',
};

const STATE_COLOURS: Record<SubmissionState, string> = {
  submitted: 'blue',
  in_review: 'processing',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

export function KindTag({ kind }: { kind: ReviewKind }) {
  const { t } = useTranslation('reviews');
  return (
    <Tag color={KIND_COLOURS[kind]} style={{ marginInlineEnd: 0 }} data-testid="review-kind">
      {t(`kinds.${kind}`)}
    </Tag>
  );
}

export function SubmissionStateTag({ state }: { state: SubmissionState }) {
  const { t } = useTranslation('reviews');
  return (
    <Tag color={STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }} data-testid="submission-state">
      {t(`states.${state}`)}
    </Tag>
  );
}
