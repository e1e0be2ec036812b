import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ClaimState } from '@/features/training/api/training-api';
import type { ComplianceStatus } from '@/api/generated/enums';

const STATE_COLOURS: Record<ClaimState, string> = {
  submitted: 'blue',
  in_review: 'processing',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

const STATUS_COLOURS: Record<ComplianceStatus, string> = {
  compliant: 'green',
  on_track: 'blue',
  behind: 'orange',
};

export function ClaimStateTag({ state }: { state: ClaimState }) {
  const { t } = useTranslation('training');
  return (
    <Tag color={STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }} data-testid="claim-state">
      {t(`states.${state}`)}
    </Tag>
  );
}

/** 已达标 / 进度正常 / 进度滞后 (the text says it; the colour only repeats it). */
export function StandingTag({ status }: { status: ComplianceStatus }) {
  const { t } = useTranslation('training');
  return (
    <Tag color={STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid="standing-status">
      {t(`statuses.${status}`)}
    </Tag>
  );
}
