import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { useCapability } from '@/lib/auth/session';
import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';
import { saveDownload } from '@/lib/download';
import type { ClaimDescription } from '@/lib/training-claims';

function useCodeName(table: string, code: string): string {
  const { i18n } = useTranslation();
  const items = useQuery({ ...codeItemsQueryOptions(table), enabled: Boolean(code) });
  const item = items.data?.find((candidate) => candidate.code === code);
  return item ? localName(i18n.language, item.name, item.name_en) : '';
}

/** The claim itself (its teacher and programme by name), read when the user may see training claims. */
export function useClaimRecord(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['training', 'claim', id] as const,
    queryFn: () => unwrap(api.GET('/api/v1/training/claims/{id}/', { params: { path: { id } } })),
    enabled: enabled && id > 0,
  });
}

/**
 * A training claim under review (kind `training_claim`), from the item's `diff.claim` as it was submitted: the
 * kind, the training, the hours and date, the category and form by their names (never codes), the evidence.
 */
export function ClaimSummary({ claim }: { claim: ClaimDescription }) {
  const { t } = useTranslation(['reviews', 'training']);
  const { message } = App.useApp();
  const canView = useCapability('training.view');
  const record = useClaimRecord(claim.id, canView);
  const level = useCodeName('training-category', claim.level);
  const form = useCodeName('training-form', claim.form);
  const programme = record.data?.programme_name ?? '';

  const download = () =>
    saveDownload(
      api.GET('/api/v1/training/claims/{id}/evidence/', { params: { path: { id: claim.id } }, parseAs: 'blob' }),
      record.data?.evidence_name || 'evidence',
    )
      .then((name) => void message.success(t('reviews:claim.downloaded', { name })))
      .catch((error: unknown) => void message.error(error instanceof Error ? error.message : String(error)));

  const items = [
    { key: 'kind', label: t('reviews:claim.kind'), children: <Tag color="geekblue">{t(`training:kinds.${claim.kind}`)}</Tag> },
    { key: 'no', label: t('reviews:claim.teacherNo'), children: claim.teacher_no },
    { key: 'title', label: t('reviews:claim.name'), children: <span data-testid="claim-title">{claim.title}</span>, span: 'filled' as const },
    ...(programme ? [{ key: 'programme', label: t('reviews:claim.programme'), children: programme }] : []),
    ...(claim.provider ? [{ key: 'provider', label: t('reviews:claim.provider'), children: claim.provider }] : []),
    { key: 'hours', label: t('reviews:claim.hours'), children: <strong data-testid="claim-hours">{t('reviews:claim.hoursValue', { hours: claim.hours })}</strong> },
    { key: 'date', label: t('reviews:claim.date'), children: claim.date },
    { key: 'level', label: t('reviews:claim.level'), children: <span data-testid="claim-level">{level}</span> },
    { key: 'form', label: t('reviews:claim.form'), children: <span data-testid="claim-form">{form}</span> },
    {
      key: 'evidence',
      label: t('reviews:claim.evidence'),
      children: claim.has_evidence ? (
        <Button size="small" icon={<DownloadOutlined />} onClick={() => void download()}>
          {record.data?.evidence_name || t('reviews:claim.download')}
        </Button>
      ) : (
        t('reviews:claim.evidenceNone')
      ),
    },
    ...(claim.note ? [{ key: 'note', label: t('reviews:claim.note'), children: claim.note, span: 'filled' as const }] : []),
  ];
  return (
    <div data-testid="claim-summary">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </div>
  );
}
