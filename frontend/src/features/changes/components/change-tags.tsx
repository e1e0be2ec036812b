import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { ChangeKind } from '@/api/generated/enums';
import type { ChangeState } from '@/features/changes/utils/changes';

const STATE_COLOURS: Record<ChangeState, string> = {
  submitted: 'blue',
  in_review: 'processing',
  approved: 'green',
  returned: 'red',
  withdrawn: 'default',
};

export function ChangeStateTag({ state }: { state: ChangeState }) {
  const { t } = useTranslation('changes');
  return (
    <Tag color={STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }} data-testid="change-state">
      {t(`states.${state}`)}
    </Tag>
  );
}

/** A change's kind: the API's localised `kind_name` (the locale's name only if the API sent none). */
export function ChangeKindTag({ kind, name }: { kind: ChangeKind; name?: string }) {
  const { t } = useTranslation('changes');
  return (
    <Tag color={kind === 'transfer' ? 'purple' : 'cyan'} style={{ marginInlineEnd: 0 }} data-testid="change-kind">
      {name || t(`kinds.${kind}`)}
    </Tag>
  );
}
