import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { SchoolStage } from '@/features/catalog/api/catalog-api';

/** School kinds as tags; `marked` ones (e.g. where an indicator is core) are filled. */
export function StageTags({ stages, marked = [] }: { stages: readonly SchoolStage[]; marked?: readonly SchoolStage[] }) {
  const { t } = useTranslation('catalog');
  return (
    <Space size={[2, 2]} wrap>
      {stages.map((stage) => (
        <Tag key={stage} color={marked.includes(stage) ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
          {t(`stages.${stage}`)}
        </Tag>
      ))}
    </Space>
  );
}
