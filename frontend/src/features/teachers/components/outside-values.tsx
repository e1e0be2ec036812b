import { Alert, Descriptions } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useCodeLabels } from '@/components/catalogue-fields';
import type { EffectiveGroup, SpecCodeTable } from '@/lib/catalogue-api';
import { buildFormFields, displayValue, type FormField } from '@/lib/catalogue-fields';
import type { TeacherArchive } from '@/lib/teacher-archive-api';

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
export const filled = (value: unknown) =>
  value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/** The archive's own values (its columns and extension values), for reading indicators by code. */
export function archiveValues(archive: TeacherArchive): Row {
  return { ...(isRow(archive.extra) ? archive.extra : {}), ...(archive as unknown as Row) };
}

/** The one-row indicators outside the catalogue in force that this archive holds a value of. */
export function outsideHeld(groups: readonly EffectiveGroup[], archive: TeacherArchive | undefined, language: string): FormField[] {
  if (!archive) return [];
  const values = archiveValues(archive);
  return groups.filter((group) => !group.many).flatMap((group) => buildFormFields(group, language).filter((field) => filled(values[field.code])));
}

/**
 * 目录外信息: values the archive holds of indicators the catalogue in force does not ask (data from before a
 * catalogue change, or imported) — shown read-only and named, never hidden.
 */
export function OutsideValues({ fields, archive, provinceTables }: { fields: FormField[]; archive: TeacherArchive; provinceTables: SpecCodeTable[] }) {
  const { t, i18n } = useTranslation(['teachers', 'common']);
  const labels = useCodeLabels(fields, provinceTables, i18n.language);
  const values = useMemo(() => archiveValues(archive), [archive]);
  const words = { yes: t('common:status.yes'), no: t('common:status.no') };
  return (
    <div data-testid="outside-values">
      <Alert type="info" showIcon title={t('teachers:tabs.outsideHint')} style={{ marginBottom: 12 }} />
      <Descriptions
        size="small"
        bordered
        column={1}
        items={fields.map((field) => ({
          key: field.code,
          label: field.label,
          children: displayValue(field, values[field.code], field.codeTable ? labels.get(field.codeTable) : undefined, words) || '—',
        }))}
      />
    </div>
  );
}
