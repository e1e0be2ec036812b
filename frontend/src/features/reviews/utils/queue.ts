import type { BulkResult, Submission } from '@/features/reviews/api/reviews-api';

export type WaitUnit = 'minutes' | 'hours' | 'days';

/** How long an item has waited since it was submitted, in the largest whole unit (minutes under an hour). */
export function waitingTime(submittedAt: string, now: number): { unit: WaitUnit; count: number } {
  const minutes = Math.max(0, Math.floor((now - new Date(submittedAt).getTime()) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** The "waiting longer than" filter: its choices in days, and the `submitted_before` instant of one. */
export const WAITING_DAYS = [1, 3, 7, 30] as const;

export function submittedBefore(days: number, now: number): string {
  return new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
}

export interface BulkSummary {
  succeeded: number;
  failed: (BulkResult & { name: string })[];
}

/** A bulk decision's results: how many went through, and which did not and why (named by their teacher). */
export function summariseBulk(results: readonly BulkResult[], items: readonly Pick<Submission, 'id' | 'subject'>[]): BulkSummary {
  const names = new Map(items.map((item) => [item.id, item.subject.name]));
  return {
    succeeded: results.filter((result) => result.ok).length,
    failed: results.filter((result) => !result.ok).map((result) => ({ ...result, name: names.get(result.id) ?? `#${result.id}` })),
  };
}

/**
 * Whether to offer approve and return: the item is open, waits at the user's level and is not the user's own.
 * (The API decides: a queue only holds items at the user's organisation, and it refuses anything else.)
 */
export function canDecide(
  item: Pick<Submission, 'state' | 'level' | 'submitted_by'>,
  user: { id: number; capabilities: readonly string[]; organisation: { level: string } },
): boolean {
  return (
    user.capabilities.includes('reviews.decide') &&
    (item.state === 'submitted' || item.state === 'in_review') &&
    item.level === user.organisation.level &&
    item.submitted_by.id !== user.id
  );
}

/** The step deciding now, counted from 1 (`2 / 3`), or null once the item is closed. */
export function stepProgress(item: Pick<Submission, 'state' | 'current_step' | 'step_levels'>): { step: number; of: number } | null {
  if (item.state !== 'submitted' && item.state !== 'in_review') return null;
  return { step: item.current_step + 1, of: item.step_levels.length };
}

/** The reason a return needs: at least this many characters once trimmed (as the API counts). */
export const MIN_REASON = 5;

export function reasonLongEnough(reason: string | undefined): boolean {
  return (reason ?? '').trim().length >= MIN_REASON;
}

/** The item after `id` in a list (the one before when it is the last), for moving on after a decision. */
export function nextItemId(ids: readonly number[], id: number): number | null {
  const index = ids.indexOf(id);
  if (index < 0) return ids[0] ?? null;
  return ids[index + 1] ?? ids[index - 1] ?? null;
}

export type StepStatus = 'finish' | 'process' | 'wait' | 'error';

/**
 * Each level of the item's chain in its current round: approved steps finished, the deciding one in process, a
 * returning one in error, the rest waiting (all finished once the item is approved).
 */
export function chainStatus(
  item: Pick<Submission, 'state' | 'current_step' | 'step_levels' | 'round'> & {
    decisions: readonly { round: number; step: number | null; action: string }[];
  },
): StepStatus[] {
  const decided = new Map<number, string>();
  for (const decision of item.decisions) {
    if (decision.round === item.round && decision.step !== null) decided.set(decision.step, decision.action);
  }
  return item.step_levels.map((_, step) => {
    if (item.state === 'approved') return 'finish';
    const action = decided.get(step);
    if (action === 'approve') return 'finish';
    if (action === 'return') return 'error';
    if ((item.state === 'submitted' || item.state === 'in_review') && step === item.current_step) return 'process';
    return 'wait';
  });
}
