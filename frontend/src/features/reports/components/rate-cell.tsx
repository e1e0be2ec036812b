import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatRate } from '@/features/reports/utils/figures';

/** A rate as a percentage; "—" with the reason in a tooltip when it cannot be computed. */
export function RateCell({ rate, collection = false }: { rate: number | null | undefined; collection?: boolean }) {
  const { t } = useTranslation('reports');
  if (rate === null || rate === undefined) {
    return (
      <Tooltip title={collection ? t('tooltips.collectionRate') : t('tooltips.rate')}>
        <Typography.Text type="secondary" tabIndex={0} style={{ cursor: 'help' }}>
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  return <span>{formatRate(rate)}</span>;
}
