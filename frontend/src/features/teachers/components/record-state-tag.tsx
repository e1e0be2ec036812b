import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { RecordState } from '@/features/teachers/api/teachers-api';

const COLOURS: Record<RecordState, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'processing',
  approved: 'green',
  returned: 'red',
};

export function RecordStateTag({ state }: { state: RecordState }) {
  const { t } = useTranslation('teachers');
  return (
    <Tag color={COLOURS[state]} data-testid="record-state" style={{ marginInlineEnd: 0 }}>
      {t(`states.${state}`)}
    </Tag>
  );
}
