/** The years offered: from the next one (planning figures) back `count` years, newest first. */
export function yearOptions(current: number, count = 6): number[] {
  return Array.from({ length: count }, (_, index) => current + 1 - index);
}

/** The year in the URL if it is a plausible statistics year, else the current one. */
export function chooseYear(requested: string | null, current: number): number {
  if (requested && /^\d{4}$/.test(requested)) {
    const year = Number(requested);
    if (year >= 2000 && year <= current + 1) return year;
  }
  return current;
}

export type GapKind = 'short' | 'over' | 'even' | 'unknown';

/** What a gap (statistics − archives) says: archives still missing, more archives than the statistics, even. */
export function gapKind(gap: number | null | undefined): GapKind {
  if (gap === null || gap === undefined) return 'unknown';
  if (gap > 0) return 'short';
  if (gap < 0) return 'over';
  return 'even';
}

/** A gap with its sign (`+12`, `−3`, `0`); null as "—". */
export function formatGap(gap: number | null | undefined): string {
  if (gap === null || gap === undefined) return '—';
  if (gap > 0) return `+${gap.toLocaleString('en-US')}`;
  if (gap < 0) return `−${Math.abs(gap).toLocaleString('en-US')}`;
  return '0';
}

/** A count, grouped by thousands; null as "—". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A 0–1 rate as a percentage with one decimal; null as "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type FigureProblem = 'required' | 'fulltimeAboveStaff' | null;

/** The check of a school's two numbers before they are sent (the API checks them again). */
export function figureProblem(fulltime: number | null | undefined, staff: number | null | undefined): FigureProblem {
  if (fulltime === null || fulltime === undefined || staff === null || staff === undefined) return 'required';
  if (fulltime > staff) return 'fulltimeAboveStaff';
  return null;
}

/**
 * The codes between the user's organisation and the one shown, from the latter's materialised path: the
 * intermediate ancestors, top first, without either end.
 */
export function codesBetween(path: string, own: string, shown: string): string[] {
  const codes = path.split('/').filter(Boolean);
  const from = codes.indexOf(own);
  if (from < 0) return [];
  return codes.slice(from + 1).filter((code) => code !== shown);
}
