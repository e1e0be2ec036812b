import type { ChangeKind } from '@/api/generated/enums';

export { placeName } from '@/lib/teacher-changes';

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
] as const satisfies readonly ChangeKind[];

/** The temporary kinds and the 人员状态 codes each may set (the API's `kinds.TEMPORARY`). */
export const TEMPORARY_KINDS = {
  secondment: ['201', '202'],
  leave: ['203', '204', '206', '207', '208', '209', '210', '211', '299'],
} as const satisfies Partial<Record<ChangeKind, readonly string[]>>;
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

/** Seconds to wait from a 429's Retry-After (null when absent or unreadable). */
export function retryAfterSeconds(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

/** How a wait is said: seconds below a minute, else whole minutes rounded up (3377 s → 57 minutes). */
export function waitAmount(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
  return seconds < 60 ? { unit: 'seconds', count: seconds } : { unit: 'minutes', count: Math.ceil(seconds / 60) };
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

/**
 * A list over several states is read one state after the other: its cursor is `<state index>|<the API's cursor>`.
 * A page that ends a state goes straight on with the next state's first page, so no page is empty while more
 * states remain. `fetchPage` asks the API for one state's page.
 */
export async function readStates<T, S>(
  states: readonly S[],
  cursor: string | null,
  fetchPage: (state: S, cursor: string | null) => Promise<{ results: T[]; nextCursor: string | null }>,
): Promise<{ results: T[]; nextCursor: string | null }> {
  let index = 0;
  let inner: string | null = null;
  if (cursor) {
    const bar = cursor.indexOf('|');
    const parsed = Number(cursor.slice(0, bar));
    index = Number.isInteger(parsed) && parsed >= 0 ? parsed : 0;
    inner = cursor.slice(bar + 1) || null;
  }
  const results: T[] = [];
  for (; index < states.length; index += 1, inner = null) {
    const page = await fetchPage(states[index] as S, inner);
    results.push(...page.results);
    if (page.nextCursor) return { results, nextCursor: `${String(index)}|${page.nextCursor}` };
  }
  return { results, nextCursor: null };
}
