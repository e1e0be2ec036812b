import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useExportGroups, type ExportGroup } from '@/features/import-export/api/exports-api';
import { downloadTemplate, type TemplateGroup } from '@/features/import-export/api/imports-api';
import { useCurrentUser } from '@/lib/auth/session';
import { localName } from '@/lib/catalogue-names';

/** The choices of the template: 基本信息, 全部信息集, then each group that has a template (owned ones have none). */
export function templateOptions(
  groups: readonly ExportGroup[],
  language: string,
  labels: { basic: string; all: string; groups: string },
) {
  const importable = groups.filter((group) => !group.owned);
  return [
    { value: 'basic', label: labels.basic },
    { value: 'all', label: labels.all },
    ...(importable.length
      ? [
          {
            label: labels.groups,
            title: labels.groups,
            options: importable.map((group) => ({ value: group.code, label: localName(language, group.name, group.name_en) })),
          },
        ]
      : []),
  ];
}

/** Step 1: the XLSX template of the user's own organisation (its effective catalogue): basic, all groups or one. */
export function TemplateStep() {
  const { t, i18n } = useTranslation(['importExport', 'common']);
  const { message } = App.useApp();
  const user = useCurrentUser();
  const groups = useExportGroups();
  const [group, setGroup] = useState<TemplateGroup>('basic');
  const [busy, setBusy] = useState(false);

  const onDownload = async () => {
    setBusy(true);
    try {
      const name = await downloadTemplate(user.organisation.code, group);
      void message.success(t('importExport:import.template.downloaded', { name }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const options = templateOptions(groups.data ?? [], i18n.language, {
    basic: t('importExport:import.template.basic'),
    all: t('importExport:import.template.all'),
    groups: t('importExport:import.template.groupsLabel'),
  });

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
      <Space wrap>
        <Select<TemplateGroup>
          value={group}
          onChange={setGroup}
          options={options}
          loading={groups.isPending}
          style={{ minWidth: 220 }}
          aria-label={t('importExport:import.template.which')}
          data-testid="template-group"
        />
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onDownload()} data-testid="download-template">
          {t('importExport:import.template.download')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('importExport:import.template.whichHint')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('importExport:import.template.csvHint')}
      </Typography.Paragraph>
    </section>
  );
}
