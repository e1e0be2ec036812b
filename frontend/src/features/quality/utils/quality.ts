/** How a quality score reads: good (≥ 95), needs attention (≥ 80), poor (below), or none without archives. */
export type ScoreLevel = 'good' | 'fair' | 'poor' | 'none';

export function scoreLevel(score: number | null | undefined): ScoreLevel {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'none';
  if (score >= 95) return 'good';
  return score >= 80 ? 'fair' : 'poor';
}

/** The antd Progress status of a score's level. */
export function scoreStatus(level: ScoreLevel): 'success' | 'normal' | 'exception' {
  return level === 'good' ? 'success' : level === 'poor' ? 'exception' : 'normal';
}

/** A score with one decimal (`97.5`); "—" without archives. */
export function formatScore(score: number | null | undefined): string {
  return scoreLevel(score) === 'none' ? '—' : (score as number).toFixed(1);
}

/** Where a click on a child organisation of the summary leads: a school opens its worklist, any other level its own
 * summary. */
export function drillTarget(child: { code: string; level: string }): { org?: string; school?: string } {
  return child.level === 'school' ? { school: child.code } : { org: child.code };
}

/** The page's URL parameters after a change: empty values are dropped, and a new organisation leaves the school and
 * its worklist. */
export function nextParams(current: URLSearchParams, change: { org?: string; school?: string; rule?: string }): URLSearchParams {
  const next = new URLSearchParams(current);
  if (change.org !== undefined) next.delete('school');
  for (const [key, value] of Object.entries(change)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}
