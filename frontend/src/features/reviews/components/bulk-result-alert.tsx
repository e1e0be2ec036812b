import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import type { BulkSummary } from '@/features/reviews/utils/queue';

/** The outcome of a bulk approve or return: how many succeeded, and each refused item with the reason. */
export function BulkResultAlert({ summary, onClose }: { summary: BulkSummary; onClose: () => void }) {
  const { t } = useTranslation('reviews');
  const failed = summary.failed.length;
  return (
    <Alert
      type={failed > 0 ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      data-testid="bulk-result"
      title={
        failed > 0
          ? t('queue.bulkResult', { succeeded: summary.succeeded, failed })
          : t('queue.bulkAllDone', { succeeded: summary.succeeded })
      }
      description={
        failed > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {summary.failed.map((item) => (
              <li key={item.id}>{t('queue.bulkFailedItem', { name: item.name, message: item.message ?? item.code ?? '' })}</li>
            ))}
          </ul>
        )
      }
    />
  );
}
