import type { Teacher, TimelineEntry } from '@/features/teachers/api/teachers-api';
import type { FieldError } from '@/lib/api-error';
import { changeRows, changeSetFromRowEvent, changeSetFromTimeline, type ChangeSet } from '@/lib/review-changes';

/** Where a submit problem sits: a one-row indicator (`group` null) or one record of a many-valued group. */
export interface ProblemPlace {
  group: string | null;
  /** The record's position in its group, from 0 (as the API counts). */
  index: number | null;
  field: string;
}

/**
 * Reads a key of the submit answer's `errors`: `study[0].study_major` is the first 学习经历 record's 所学专业,
 * `ethnicity` an indicator of the archive itself; extensions may come as `extra.<code>`.
 */
export function parseProblemKey(key: string): ProblemPlace {
  const record = /^([a-z_]+)\[(\d+)\]\.(?:extra\.)?(.+)$/.exec(key);
  if (record?.[1] && record[2] && record[3]) return { group: record[1], index: Number(record[2]), field: record[3] };
  return { group: null, index: null, field: key.replace(/^extra\./, '') };
}

export interface Problem extends ProblemPlace {
  key: string;
  messages: string[];
}

/** The submit answer's problems in the order the API lists them (archive fields first, then records). */
export function submitProblems(errors: Record<string, FieldError[]>): Problem[] {
  return Object.entries(errors)
    .filter(([key]) => key !== 'non_field_errors' && key !== 'detail')
    .map(([key, list]) => ({ key, ...parseProblemKey(key), messages: list.map((item) => item.message) }));
}

const SUBMISSION_EVENTS: readonly TimelineEntry['action'][] = ['submit', 'approve', 'return', 'withdraw'];

/** The newest event of any submission of the archive (submit, approve, return, withdraw). */
export function latestSubmissionEvent(timeline: readonly TimelineEntry[]): TimelineEntry | null {
  for (let index = timeline.length - 1; index >= 0; index -= 1) {
    const entry = timeline[index];
    if (entry && entry.submission !== null && SUBMISSION_EVENTS.includes(entry.action)) return entry;
  }
  return null;
}

/**
 * The submission the user may withdraw: the archive's newest one, when nobody has decided on it since it was
 * submitted (its last event is the submit) and the user submitted it.
 */
export function withdrawableSubmission(timeline: readonly TimelineEntry[], userId: number): number | null {
  const latest = latestSubmissionEvent(timeline);
  if (!latest || latest.action !== 'submit' || latest.submission === null) return null;
  return latest.actor?.id === userId ? latest.submission : null;
}

/**
 * The return to tell the filler about: the archive is returned (its last return's reason), or a change request
 * of an approved archive came back (the newest submission event is that return).
 */
export function returnNotice(
  teacher: Pick<Teacher, 'record_state' | 'pending_change'>,
  timeline: readonly TimelineEntry[],
): TimelineEntry | null {
  const latest = latestSubmissionEvent(timeline);
  if (teacher.record_state === 'returned') {
    const returns = timeline.filter((entry) => entry.action === 'return');
    return returns[returns.length - 1] ?? null;
  }
  if (teacher.record_state === 'approved' && !teacher.pending_change && latest?.action === 'return') return latest;
  return null;
}

/** The open change request of an approved archive, to link to (the newest submit while `pending_change`). */
export function pendingChangeSubmission(teacher: Pick<Teacher, 'pending_change'>, timeline: readonly TimelineEntry[]): number | null {
  if (!teacher.pending_change) return null;
  const latest = latestSubmissionEvent(timeline);
  return latest && latest.action !== 'withdraw' && latest.action !== 'return' ? latest.submission : null;
}

/** What a timeline entry says happened (its title), and to which group's record for a row change. */
export type EntryLabel =
  | 'created'
  | 'changed'
  | 'recordFilled'
  | 'recordChanged'
  | 'recordRemoved'
  | 'submit'
  | 'approve'
  | 'return'
  | 'withdraw'
  | 'other';

export function entryLabel(entry: Pick<TimelineEntry, 'group'> & { action: string }): EntryLabel {
  const record = entry.group !== null && entry.group !== '';
  switch (entry.action) {
    case 'created':
      return 'created';
    case 'filled':
      return record ? 'recordFilled' : 'created';
    case 'changed':
      return record ? 'recordChanged' : 'changed';
    case 'removed':
      return 'recordRemoved';
    case 'submit':
    case 'approve':
    case 'return':
    case 'withdraw':
      return entry.action;
    default:
      return 'other';
  }
}

/** The ChangeSet an entry shows: a change request's diff on its submit, a row change's before/after. */
export function entryChanges(entry: Pick<TimelineEntry, 'group' | 'changes'> & { action: string }): ChangeSet | null {
  if (entry.action === 'submit') return changeSetFromTimeline(entry.changes);
  if (entry.action === 'changed' || entry.action === 'filled' || entry.action === 'removed') {
    return changeSetFromRowEvent(entry.group || null, entry.changes);
  }
  return null;
}

/**
 * The entries worth showing: a row change that touched no indicator of the catalogue (only bookkeeping such as
 * the record state, which the review events already tell) is left out.
 */
export function visibleEntries<T extends Pick<TimelineEntry, 'group' | 'changes'> & { action: string }>(
  entries: readonly T[],
  known: (group: string | null, code: string) => boolean,
): T[] {
  return entries.filter((entry) => {
    if (entry.action !== 'changed') return true;
    const changes = entryChanges(entry);
    return changes !== null && changeRows(changes).some((row) => known(row.group, row.code));
  });
}

/** The problems of the archive's own indicators, by field, for the form to show at the fields. */
export function archiveFieldErrors(problems: readonly Problem[] | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const problem of problems ?? []) {
    if (problem.group === null) out[problem.field] = [...(out[problem.field] ?? []), ...problem.messages];
  }
  return out;
}
