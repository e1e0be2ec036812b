import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { codeItemsQueryOptions } from '@/lib/catalogue-api';
import { localName } from '@/lib/catalogue-names';
import { placeName, type ChangeDescription } from '@/lib/teacher-changes';

function useCodeName(table: string, code: string): string {
  const { i18n } = useTranslation();
  const items = useQuery({ ...codeItemsQueryOptions(table), enabled: Boolean(code) });
  const item = items.data?.find((candidate) => candidate.code === code);
  return item ? localName(i18n.language, item.name, item.name_en) : '';
}

/**
 * A teacher change under review (kinds `transfer` and `teacher_status`), from the item's `diff.change`: what either
 * side's reviewer may read — the masked name and the number, never the archive. `name` is the item's own label
 * (the API masks it for a transfer; a change of the teacher's own side, reviewed there, names the teacher in full).
 */
export function ChangeSummary({ change, transfer, name }: { change: ChangeDescription; transfer: boolean; name?: string }) {
  const { t } = useTranslation('changes');
  const personnel = useCodeName('personnel-status', change.personnel_status);
  const staff = useCodeName('staff-current-status', change.employment_status);
  const from = placeName(change.from_school_name, change.from_province_name, change.to_province_name);
  const to = placeName(change.to_school_name, change.to_province_name, change.from_province_name);
  const items = [
    { key: 'kind', label: t('review.kind'), children: <Tag color={transfer ? 'purple' : 'cyan'}>{change.kind_name || t(`kinds.${change.kind}`)}</Tag> },
    { key: 'name', label: t('review.name'), children: <span data-testid="change-name">{name || change.name_masked}</span> },
    { key: 'no', label: t('review.teacherNo'), children: change.teacher_no },
    { key: 'from', label: t('review.from'), children: <span data-testid="change-from">{from}</span> },
    ...(to ? [{ key: 'to', label: t('review.to'), children: <span data-testid="change-to">{to}</span> }] : []),
    { key: 'date', label: t('review.effectiveDate'), children: change.effective_date },
    ...(change.end_date ? [{ key: 'end', label: t('review.endDate'), children: change.end_date }] : []),
    ...(personnel ? [{ key: 'personnel', label: t('review.personnelStatus'), children: personnel }] : []),
    ...(staff ? [{ key: 'staff', label: t('review.employmentStatus'), children: staff }] : []),
    { key: 'reason', label: t('review.reason'), children: change.reason, span: 'filled' as const },
  ];
  return (
    <div data-testid="change-summary">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={items} />
      {transfer && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('review.maskedHint')} />}
    </div>
  );
}
