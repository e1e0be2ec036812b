import { CloudUploadOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

import { FormErrorSummary } from '@/components/form-error-summary';
import { StaleAlert } from '@/components/stale-alert';
import {
  getDraftDiff,
  useCodeTables,
  useDiscardDraft,
  useGroups,
  useProvinceCatalogue,
  usePublishDraft,
  useReloadProvinceCatalogue,
  useSaveDraft,
  type CatalogueDiff,
  type CatalogueSpec,
  type IndicatorGroup,
  type ProvinceCatalogueState,
  type SchoolStage,
} from '@/features/catalog/api/catalog-api';
import { CodeTableFormModal } from '@/features/catalog/components/code-table-form-modal';
import { ExtensionFormModal } from '@/features/catalog/components/extension-form-modal';
import { ExtensionsTab } from '@/features/catalog/components/extensions-tab';
import { OptionalIndicatorsTab } from '@/features/catalog/components/optional-indicators-tab';
import { PreviewTab } from '@/features/catalog/components/preview-tab';
import { ProvinceTablesTab } from '@/features/catalog/components/province-tables-tab';
import { PublishModal } from '@/features/catalog/components/publish-modal';
import { localName } from '@/lib/catalogue-names';
import { describeSpecErrors, startingSpec, toSpecBody } from '@/features/catalog/utils/spec';
import { isStale } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/session';
import { ShowCodesSwitch } from '@/components/show-codes-switch';

const DATE_TIME = 'YYYY-MM-DD HH:mm';

export function ProvinceCataloguePage() {
  const { t } = useTranslation(['catalog', 'common']);
  const user = useCurrentUser();
  const province = user.organisation.code;
  const state = useProvinceCatalogue(province);
  const groups = useGroups();

  if (user.organisation.level !== 'province') {
    return <Result status="403" title={t('common:errors.forbiddenTitle')} subTitle={t('catalog:province.notProvince')} />;
  }
  if (state.isError) return <Alert type="error" showIcon title={state.error.message} />;
  if (!state.data || groups.isPending) {
    return (
      <div style={{ textAlign: 'center', padding: 64 }}>
        <Spin />
      </div>
    );
  }
  return (
    <ProvinceEditor
      province={province}
      provinceName={user.organisation.name}
      state={state.data}
      groups={groups.data ?? []}
    />
  );
}

interface EditorProps {
  province: string;
  provinceName: string;
  state: ProvinceCatalogueState;
  groups: IndicatorGroup[];
}

type Editing = { kind: 'extension'; index: number | null } | { kind: 'table'; index: number | null } | null;

function ProvinceEditor({ province, provinceName, state, groups }: EditorProps) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const language = i18n.language;
  const { message, modal } = App.useApp();
  const [spec, setSpec] = useState<CatalogueSpec>(() => startingSpec(state));
  const [dirty, setDirty] = useState(false);
  // A new server state (saved, discarded, published) restarts the editing from it.
  const stamp = `${state.draft?.version ?? '-'}:${state.draft?.updated_at ?? '-'}:${state.published?.version ?? '-'}`;
  const [syncedStamp, setSyncedStamp] = useState(stamp);
  if (stamp !== syncedStamp) {
    setSyncedStamp(stamp);
    setSpec(startingSpec(state));
    setDirty(false);
  }
  const [summary, setSummary] = useState<string[]>([]);
  const [tab, setTab] = useState('optional');
  const [stage, setStage] = useState<SchoolStage>('primary_secondary');
  const [editing, setEditing] = useState<Editing>(null);
  const [diff, setDiff] = useState<CatalogueDiff | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const nationalTables = useCodeTables('');
  const save = useSaveDraft(province);
  const discard = useDiscardDraft(province);
  const publish = usePublishDraft(province);
  const reloadCatalogue = useReloadProvinceCatalogue(province);
  // 412: someone else saved, discarded or published the draft since this page loaded it.
  const [stale, setStale] = useState(false);
  const { draft, published } = state;
  const draftEtag = draft?.etag ?? null;

  const reload = async () => {
    await reloadCatalogue();
    setStale(false);
    setSummary([]);
  };

  const change = (next: CatalogueSpec) => {
    setSpec(next);
    setDirty(true);
  };

  /** PUTs the whole spec; the page remounts from the saved draft afterwards. Throws on refusal. */
  const saveSpec = useCallback(
    async (next: CatalogueSpec) => {
      try {
        await save.mutateAsync({ spec: toSpecBody(next), etag: draftEtag });
      } catch (error) {
        if (isStale(error)) setStale(true);
        throw error;
      }
      void message.success(t('catalog:province.draftSaved'));
    },
    [save, message, t, draftEtag],
  );

  const onSaveDraft = async (): Promise<boolean> => {
    setSummary([]);
    try {
      await saveSpec(spec);
      return true;
    } catch (error) {
      if (!isStale(error)) setSummary(describeSpecErrors(error, spec, t, t('common:errors.generic')));
      return false;
    }
  };

  const onPublish = async () => {
    if (dirty && !(await onSaveDraft())) return;
    setPublishError(null);
    try {
      setDiff(await getDraftDiff(province));
    } catch (error) {
      setSummary([error instanceof Error ? error.message : t('common:errors.generic')]);
    }
  };

  const confirmPublish = async () => {
    if (!draftEtag) return;
    try {
      const result = await publish.mutateAsync(draftEtag);
      setDiff(null);
      void message.success(t('catalog:province.published', { version: result.catalogue.version }));
    } catch (error) {
      if (isStale(error)) {
        setDiff(null);
        setStale(true);
        return;
      }
      setPublishError(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  const onDiscard = async () => {
    if (!draftEtag) return;
    try {
      await discard.mutateAsync(draftEtag);
      void message.success(t('catalog:province.discarded'));
    } catch (error) {
      if (isStale(error)) {
        setStale(true);
        return;
      }
      setSummary([error instanceof Error ? error.message : t('common:errors.generic')]);
    }
  };

  // Unsaved changes are guarded (UX.md): leaving the page in the app, or closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('catalog:province.leaveConfirm'),
      okText: t('common:status.yes'),
      cancelText: t('common:actions.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const nameOf = (code: string): string | undefined => {
    const ext = spec.extensions.find((candidate) => candidate.code === code);
    if (ext) return localName(language, ext.name, ext.name_en);
    const table = spec.code_tables.find((candidate) => candidate.slug === code);
    if (table) return localName(language, table.name, table.name_en);
    for (const group of groups) {
      const indicator = group.indicators.find((candidate) => candidate.code === code);
      if (indicator) return localName(language, indicator.name, indicator.name_en);
    }
    return undefined;
  };

  return (
    <Card title={t('catalog:province.title')} extra={<ShowCodesSwitch />}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} bordered>
        <Descriptions.Item label={t('catalog:province.province')}>
          {provinceName}（{province}）
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog:province.inForce')}>
          <span data-testid="version-in-force">
            {published ? (
              <Space size={4} wrap>
                <Tag color="green">{t('catalog:province.versionN', { version: published.version })}</Tag>
                {published.published_at &&
                  t('catalog:province.publishedAt', {
                    at: dayjs(published.published_at).format(DATE_TIME),
                    by: published.published_by ?? '',
                  })}
              </Space>
            ) : (
              t('catalog:province.nationalDefaults')
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog:province.draft')}>
          <Space size={4} wrap data-testid="draft-status">
            {draft ? (
              <Tag color="orange">
                {t('catalog:province.draftOf', { version: draft.version, at: dayjs(draft.updated_at).format(DATE_TIME) })}
              </Tag>
            ) : (
              <Tag>{t('catalog:province.noDraft')}</Tag>
            )}
            {dirty && <Tag color="red">{t('catalog:province.unsaved')}</Tag>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void onSaveDraft()}>
          {t('catalog:province.saveDraft')}
        </Button>
        <Popconfirm
          title={t('catalog:province.discardConfirm')}
          onConfirm={() => void onDiscard()}
          okText={t('catalog:province.discardDraft')}
          cancelText={t('common:actions.cancel')}
          disabled={!draft}
        >
          <Button danger icon={<DeleteOutlined />} disabled={!draft} loading={discard.isPending}>
            {t('catalog:province.discardDraft')}
          </Button>
        </Popconfirm>
        <Button icon={<CloudUploadOutlined />} disabled={!draft && !dirty} onClick={() => void onPublish()}>
          {t('catalog:province.publish')}
        </Button>
      </Space>
      {stale && <StaleAlert onReload={reload} />}
      <FormErrorSummary messages={summary} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'optional',
            label: t('catalog:province.tabs.optional'),
            children: <OptionalIndicatorsTab spec={spec} groups={groups} onChange={change} />,
          },
          {
            key: 'extensions',
            label: `${t('catalog:province.tabs.extensions')} (${spec.extensions.length})`,
            children: (
              <ExtensionsTab
                spec={spec}
                groups={groups}
                onChange={change}
                onEdit={(index) => setEditing({ kind: 'extension', index })}
              />
            ),
          },
          {
            key: 'tables',
            label: `${t('catalog:province.tabs.codeTables')} (${spec.code_tables.length})`,
            children: (
              <ProvinceTablesTab spec={spec} onChange={change} onEdit={(index) => setEditing({ kind: 'table', index })} />
            ),
          },
          {
            key: 'preview',
            label: t('catalog:province.tabs.preview'),
            children: (
              <PreviewTab
                province={province}
                draftStamp={draft?.updated_at ?? null}
                publishedVersion={published?.version ?? 0}
                dirty={dirty}
                stage={stage}
                onStageChange={setStage}
              />
            ),
          },
        ]}
      />
      {editing?.kind === 'extension' && (
        <ExtensionFormModal
          spec={spec}
          index={editing.index}
          groups={groups}
          nationalTables={nationalTables.data ?? []}
          onSave={saveSpec}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'table' && (
        <CodeTableFormModal
          spec={spec}
          index={editing.index}
          nationalTables={nationalTables.data ?? []}
          onSave={saveSpec}
          onClose={() => setEditing(null)}
        />
      )}
      {diff && (
        <PublishModal
          diff={diff}
          nameOf={nameOf}
          publishing={publish.isPending}
          error={publishError}
          onConfirm={() => void confirmPublish()}
          onCancel={() => setDiff(null)}
        />
      )}
    </Card>
  );
}
