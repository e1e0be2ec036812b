import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { downloadTemplate } from '@/features/import-export/api/imports-api';
import { useCurrentUser } from '@/lib/auth/session';
import { localName } from '@/lib/catalogue-names';

/** Step 1: the XLSX template of the user's own organisation (its effective catalogue). */
export function TemplateStep() {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [busy, setBusy] = useState(false);

  const onDownload = async () => {
    setBusy(true);
    try {
      const name = await downloadTemplate(user.organisation.code);
      void message.success(t('importExport:import.template.downloaded', { name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-template-step">
      <Typography.Title level={5} id="import-template-step" style={{ marginTop: 0 }}>
        {t('importExport:import.template.step')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('importExport:import.template.hint', {
          org: localName(i18n.language, user.organisation.name, user.organisation.name_en),
        })}
      </Typography.Paragraph>
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onDownload()} data-testid="download-template">
        {t('importExport:import.template.download')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('importExport:import.template.csvHint')}
      </Typography.Paragraph>
    </section>
  );
}
