import type { Teacher } from '@/features/teachers/api/teachers-api';
import type { EffectiveGroup } from '@/lib/catalogue-api';
import type { FormField } from '@/lib/catalogue-fields';

/** How many indicators a group's table shows as columns (all of them are in the expanded row). */
export const TABLE_COLUMNS = 5;

/** The tab after the groups: the archive's history (`?tab=timeline`). */
export const TIMELINE_TAB = 'timeline';

/** The tab of the archive's teacher changes (`?tab=changes`), beside the history. */
export const CHANGES_TAB = 'changes';

/** The tab of the teacher's training transcript (`?tab=transcript`; the group 国内培训 is `training`). */
export const TRANSCRIPT_TAB = 'transcript';

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

export { displayValue, type DisplayWords } from '@/lib/catalogue-fields';

/**
 * Whether to offer deleting an archive: a draft that was never approved. `ever_approved` is read when the API
 * sends it; without it every draft gets the action, and a 409 `not_deletable` is shown as the API words it.
 */
export function isDeletable(teacher: Pick<Teacher, 'record_state'> & { ever_approved?: boolean }): boolean {
  return teacher.record_state === 'draft' && teacher.ever_approved !== true;
}
