import type { ChangeKindEnum } from '@/api/generated/enums';

/** The states of a change still in review (the archive is locked meanwhile). */
export const OPEN_STATES = ['submitted', 'in_review'] as const;
export type ChangeState = 'submitted' | 'in_review' | 'approved' | 'returned' | 'withdrawn';

export function isOpenState(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

/** Kinds that end a teacher's service at the school: the archive becomes inactive (kept, read-only). */
export const LEAVING_KINDS = [
  'retire',
  'retire_cadre',
  'resign',
  'leave_job',
  'dismiss',
  'contract_end',
  'death',
  'missing',
] as const satisfies readonly ChangeKindEnum[];

/** The temporary kinds and the 人员状态 codes each may set (the API's `kinds.TEMPORARY`). */
export const TEMPORARY_KINDS = {
  secondment: ['201', '202'],
  leave: ['203', '204', '206', '207', '208', '209', '210', '211', '299'],
} as const satisfies Partial<Record<ChangeKindEnum, readonly string[]>>;
export type TemporaryKind = keyof typeof TEMPORARY_KINDS;

/** A temporary kind needs an end date only when it is a secondment; a leave may have one. */
export const END_DATE_REQUIRED: Record<TemporaryKind, boolean> = { secondment: true, leave: false };

/** The list page's tabs and the query each asks (UX.md: 待调入 · 待调出 · 审核中 · 已完成 · 全部). */
export const CHANGE_TABS = ['in', 'out', 'open', 'done', 'all'] as const;
export type ChangeTab = (typeof CHANGE_TABS)[number];

export interface ChangeQuery {
  direction?: 'in' | 'out' | 'all';
  /** Several states are asked one by one and merged (the API filters by one). */
  states?: readonly ChangeState[];
  teacher?: number;
}

export function tabQuery(tab: ChangeTab): ChangeQuery {
  switch (tab) {
    case 'in':
      return { direction: 'in', states: OPEN_STATES };
    case 'out':
      return { direction: 'out', states: OPEN_STATES };
    case 'open':
      return { direction: 'all', states: OPEN_STATES };
    case 'done':
      return { direction: 'all', states: ['approved'] };
    case 'all':
      return { direction: 'all' };
  }
}

export function isChangeTab(value: string | null): value is ChangeTab {
  return value !== null && (CHANGE_TABS as readonly string[]).includes(value);
}

/** What an archive's header offers (users who may change archives; the API checks the same again). */
export interface ArchiveChangeActions {
  temporary: boolean;
  leaving: boolean;
  return: boolean;
}

interface ArchiveState {
  record_state: string;
  active: boolean;
  open_change: number | null;
  pending_change: boolean;
  personnel_status: string;
}

/** Away from the school: 人员状态 2xx (seconded, on leave …). */
export function isAway(teacher: Pick<ArchiveState, 'personnel_status'>): boolean {
  return teacher.personnel_status.startsWith('2');
}

export function archiveChangeActions(teacher: ArchiveState, canChange: boolean): ArchiveChangeActions {
  const settled = canChange && teacher.record_state === 'approved' && teacher.open_change === null && !teacher.pending_change;
  const serving = teacher.active && !isAway(teacher);
  return {
    temporary: settled && serving,
    leaving: settled && teacher.active,
    return: settled && !serving,
  };
}

/** The change description a review item of kind `transfer` / `teacher_status` carries in `diff.change`. */
export interface ChangeDescription {
  id: number;
  kind: ChangeKindEnum;
  kind_name: string;
  teacher_no: string;
  name_masked: string;
  from_school_name: string;
  from_province_name: string;
  to_school_name: string;
  to_province_name: string;
  effective_date: string;
  end_date: string | null;
  reason: string;
  personnel_status: string;
  employment_status: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads `diff.change` of a change's review item; null for any other item. */
export function changeFromDiff(diff: Record<string, unknown> | null | undefined): ChangeDescription | null {
  const change = diff?.change;
  if (typeof change !== 'object' || change === null) return null;
  const c = change as Record<string, unknown>;
  if (typeof c.kind !== 'string') return null;
  return {
    id: typeof c.id === 'number' ? c.id : 0,
    kind: c.kind as ChangeKindEnum,
    kind_name: str(c.kind_name),
    teacher_no: str(c.teacher_no),
    name_masked: str(c.name_masked),
    from_school_name: str(c.from_school_name),
    from_province_name: str(c.from_province_name),
    to_school_name: str(c.to_school_name),
    to_province_name: str(c.to_province_name),
    effective_date: str(c.effective_date),
    end_date: typeof c.end_date === 'string' ? c.end_date : null,
    reason: str(c.reason),
    personnel_status: str(c.personnel_status),
    employment_status: str(c.employment_status),
  };
}

/** Review kinds whose subject is a teacher change (not an archive: no 查看档案). */
export const CHANGE_REVIEW_KINDS = ['transfer', 'teacher_status'] as const;

export function isChangeReview(kind: string): boolean {
  return (CHANGE_REVIEW_KINDS as readonly string[]).includes(kind);
}

/** "甘肃省 城关区第一小学": the province is named only when the two sides are in different provinces. */
export function placeName(school: string, province: string, otherProvince: string): string {
  if (!school) return '';
  return province && otherProvince && province !== otherProvince ? `${province} ${school}` : school;
}

/** Seconds to wait from a 429's Retry-After (null when absent or unreadable). */
export function retryAfterSeconds(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

interface ChangeSides {
  state: string;
  side: string;
  from_school: string;
  to_school: string | null;
}

/** Between two schools (a transfer, a return elsewhere): reviewed by both sides. */
export function isTwoSided(change: Pick<ChangeSides, 'from_school' | 'to_school'>): boolean {
  return change.to_school !== null && change.to_school !== '' && change.to_school !== change.from_school;
}

/**
 * Whether the caller may open the archive of a change: it stays with the sending side until a move between two
 * schools completes, then it is the receiving side's (the sending side keeps only the change's line).
 */
export function archiveVisible(change: ChangeSides): boolean {
  if (isTwoSided(change) && change.state === 'approved') return change.side === 'receiving';
  return change.side === 'sending';
}
