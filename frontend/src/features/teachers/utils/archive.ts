import type { Teacher } from '@/features/teachers/api/teachers-api';
import type { EffectiveGroup } from '@/lib/catalogue-api';
import type { FormField } from '@/lib/catalogue-fields';

/** How many indicators a group's table shows as columns (all of them are in the expanded row). */
export const TABLE_COLUMNS = 5;

/** The archive's tabs: every group of the effective catalogue, in the national order. */
export function archiveTabs(groups: readonly EffectiveGroup[]): EffectiveGroup[] {
  return [...groups].sort((a, b) => a.order - b.order);
}

/** The tab to show: the one named in the URL when the catalogue has it, else the first. */
export function resolveTab(requested: string | null, groups: readonly Pick<EffectiveGroup, 'code'>[]): string | undefined {
  if (requested && groups.some((group) => group.code === requested)) return requested;
  return groups[0]?.code;
}

/** The indicators shown as table columns: the group's first few, in the catalogue's order. */
export function tableFields(fields: readonly FormField[], count = TABLE_COLUMNS): FormField[] {
  return fields.slice(0, count);
}

export interface DisplayWords {
  yes: string;
  no: string;
}

/**
 * A value as the tables show it: a code by its name (the code itself when the name is unknown), several codes
 * joined, booleans as yes/no, empty as ''.
 */
export function displayValue(
  field: Pick<FormField, 'widget'>,
  value: unknown,
  names: ReadonlyMap<string, string> | undefined,
  words: DisplayWords,
): string {
  if (value === null || value === undefined || value === '') return '';
  const name = (code: string) => names?.get(code) || code;
  const scalar = (item: unknown) => (typeof item === 'string' || typeof item === 'number' ? String(item) : JSON.stringify(item));
  if (Array.isArray(value)) return value.map((item) => name(scalar(item))).join('、');
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (field.widget === 'select') return name(scalar(value));
  return scalar(value);
}

/**
 * Whether to offer deleting an archive: a draft that was never approved. `ever_approved` is read when the API
 * sends it; without it every draft gets the action, and a 409 `not_deletable` is shown as the API words it.
 */
export function isDeletable(teacher: Pick<Teacher, 'record_state'> & { ever_approved?: boolean }): boolean {
  return teacher.record_state === 'draft' && teacher.ever_approved !== true;
}
