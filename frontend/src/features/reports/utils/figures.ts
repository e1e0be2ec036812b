/** A 0–1 rate as a percentage with one decimal (`87.5%`); null (no denominator) as "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type ChangeDirection = 'up' | 'down' | 'same' | 'none';

/** A change of a rate since the previous period: its direction, arrow and text in percentage points. */
export interface RateChange {
  direction: ChangeDirection;
  arrow: '↑' | '↓' | '';
  /** e.g. `↑ 3.2` (percentage points), `0.0`, or "—" when there was no previous period. */
  text: string;
}

export function rateChange(change: number | null | undefined): RateChange {
  if (change === null || change === undefined || !Number.isFinite(change)) return { direction: 'none', arrow: '', text: '—' };
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return { direction: 'same', arrow: '', text: '0.0' };
  const arrow = points > 0 ? '↑' : '↓';
  return { direction: points > 0 ? 'up' : 'down', arrow, text: `${arrow} ${Math.abs(points).toFixed(1)}` };
}

/** A count, grouped by thousands (`12,345`); null as "—". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** The newest snapshot's period, or the requested one if it is among the snapshots. */
export function choosePeriod(periods: readonly string[], requested: string | null): string | undefined {
  if (requested && periods.includes(requested)) return requested;
  return periods[0];
}

/**
 * The codes between the user's organisation and the one shown, from the latter's materialised path
 * (`/000000/620000/620100/`): the intermediate ancestors, top first, without either end.
 */
export function codesBetween(path: string, own: string, shown: string): string[] {
  const codes = path.split('/').filter(Boolean);
  const from = codes.indexOf(own);
  if (from < 0) return [];
  return codes.slice(from + 1).filter((code) => code !== shown);
}

/** `2026-12` as `2026年12月`. */
export function periodLabel(period: string, language = 'zh-CN'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  return language.startsWith('zh') ? `${match[1]}年${Number(match[2])}月` : period;
}
