import { Alert, List, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { CatalogueDiff } from '@/features/catalog/api/catalog-api';
import { diffLines } from '@/features/catalog/utils/spec';

interface PublishModalProps {
  diff: CatalogueDiff;
  nameOf: (code: string) => string | undefined;
  publishing: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function PublishModal({ diff, nameOf, publishing, error, onConfirm, onCancel }: PublishModalProps) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const lines = diffLines(diff, t, nameOf, i18n.language.startsWith('en') ? ', ' : '、');
  return (
    <Modal
      open
      title={t('catalog:province.diff.title')}
      okText={t('catalog:province.diff.confirm')}
      cancelText={t('common:actions.cancel')}
      confirmLoading={publishing}
      onOk={onConfirm}
      onCancel={onCancel}
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('catalog:province.diff.intro')}</Typography.Paragraph>
      {lines.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('catalog:province.diff.none')}</Typography.Paragraph>
      ) : (
        <List data-testid="publish-diff" size="small" bordered dataSource={lines} renderItem={(line) => <List.Item>{line}</List.Item>} />
      )}
    </Modal>
  );
}
