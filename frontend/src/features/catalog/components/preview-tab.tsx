import { Alert, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { SCHOOL_STAGES, useDraftPreview, type SchoolStage } from '@/features/catalog/api/catalog-api';
import { SchemaForm } from '@/features/catalog/components/schema-form';

interface PreviewTabProps {
  province: string;
  /** The saved draft's updated_at; null when there is no draft (the preview then shows the version in force). */
  draftStamp: string | null;
  publishedVersion: number;
  dirty: boolean;
  stage: SchoolStage;
  onStageChange: (stage: SchoolStage) => void;
}

export function PreviewTab({ province, draftStamp, publishedVersion, dirty, stage, onStageChange }: PreviewTabProps) {
  const { t } = useTranslation('catalog');
  const preview = useDraftPreview(province, stage, draftStamp ?? `published-${publishedVersion}`);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('province.preview.intro')}</Typography.Text>
        <Select<SchoolStage>
          aria-label={t('province.preview.stage')}
          style={{ width: 200 }}
          value={stage}
          onChange={onStageChange}
          options={SCHOOL_STAGES.map((value) => ({ value, label: t(`stages.${value}`) }))}
        />
      </Space>
      {dirty && draftStamp && <Alert type="warning" showIcon title={t('province.preview.unsavedHint')} style={{ marginBottom: 12 }} />}
      {draftStamp === null && (
        <Alert type="info" showIcon title={t('province.preview.noDraft')} style={{ marginBottom: 12 }} />
      )}
      {preview.isError ? (
        <Alert type="error" showIcon title={preview.error.message} />
      ) : preview.data ? (
        <SchemaForm schema={preview.data} />
      ) : (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
    </>
  );
}
