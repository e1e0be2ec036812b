import type { ChildrenSummary, SummaryRow } from '@/features/dashboard/api/get-reports';

/**
 * The reports API's rows turned into what the dashboard shows: figures, slices, the age pyramid and the children's
 * ranking. Pure functions (no echarts here: the charts' module downloads later, these run for the headline too).
 */

/** The age bands of the reports API (reports/dimensions.py), youngest first; '' (not filled) last. */
export const AGE_BAND_ORDER = ['lt25', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', 'ge60', ''];
/** Record states, from done to not yet started; '' last. */
export const RECORD_STATE_ORDER = ['approved', 'in_review', 'submitted', 'returned', 'draft', ''];
export const APPROVED = 'approved';
/** GB/T 2261.1: 1 男, 2 女. */
export const MALE = '1';
export const FEMALE = '2';

/** One value of a dimension: its code (never shown), its name in the reader's language and its count. */
export interface Slice {
  code: string;
  name: string;
  count: number;
}

/** The rows of one dimension as slices (codes merged), in the API's order. */
export function slicesOf(rows: readonly SummaryRow[]): Slice[] {
  const byCode = new Map<string, Slice>();
  for (const row of rows) {
    const code = row.codes[0] ?? '';
    const found = byCode.get(code);
    if (found) found.count += row.count;
    else byCode.set(code, { code, name: row.names[0] ?? code, count: row.count });
  }
  return [...byCode.values()].filter((slice) => slice.count > 0);
}

/** Slices by count, largest first; the not-filled value always last. */
export function rankedSlices(rows: readonly SummaryRow[]): Slice[] {
  return slicesOf(rows).sort((a, b) => Number(a.code === '') - Number(b.code === '') || b.count - a.count);
}

/** Slices in a fixed order of codes (age bands, record states), unknown codes by code after them, '' last. */
export function orderedSlices(rows: readonly SummaryRow[], order: readonly string[] = []): Slice[] {
  const rank = (code: string) => {
    if (code === '') return Number.MAX_SAFE_INTEGER;
    const index = order.indexOf(code);
    return index < 0 ? order.length : index;
  };
  return slicesOf(rows).sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** The largest `limit` slices and the rest summed as one slice named `otherName` (code `*`). */
export function topSlices(slices: readonly Slice[], limit: number, otherName: string): Slice[] {
  if (slices.length <= limit) return [...slices];
  const kept = slices.slice(0, limit - 1);
  const rest = slices.slice(limit - 1).reduce((sum, slice) => sum + slice.count, 0);
  return [...kept, { code: '*', name: otherName, count: rest }];
}

/** Part of a whole (0..1), or null when there is no whole. */
export function shareOf(count: number, total: number): number | null {
  return total > 0 ? count / total : null;
}

/** A share as a percentage with one decimal (UX.md), '—' without a whole. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export interface Approval {
  approved: number;
  total: number;
  rate: number | null;
}

/** 已审核通过 / 总数 from rows `by=record_state`. */
export function approvalOf(rows: readonly SummaryRow[], total: number): Approval {
  const approved = rows.filter((row) => row.codes[0] === APPROVED).reduce((sum, row) => sum + row.count, 0);
  return { approved, total, rate: shareOf(approved, total) };
}

export interface Pyramid {
  /** Age bands, youngest first (names from the API). */
  bands: { code: string; name: string }[];
  male: { name: string; counts: number[] };
  female: { name: string; counts: number[] };
  /** Teachers of neither 男 nor 女 (not filled, not known): not in the pyramid, told beside it. */
  other: number;
}

/** The age pyramid from rows `by=gender,age_band`: a count per band for men and for women. */
export function pyramidOf(rows: readonly SummaryRow[]): Pyramid {
  const bandNames = new Map<string, string>();
  const men = new Map<string, number>();
  const women = new Map<string, number>();
  let maleName = '';
  let femaleName = '';
  let other = 0;
  for (const row of rows) {
    const [gender = '', band = ''] = row.codes;
    const target = gender === MALE ? men : gender === FEMALE ? women : null;
    if (!target) {
      other += row.count;
      continue;
    }
    if (gender === MALE) maleName = row.names[0] ?? maleName;
    else femaleName = row.names[0] ?? femaleName;
    bandNames.set(band, row.names[1] ?? band);
    target.set(band, (target.get(band) ?? 0) + row.count);
  }
  const rank = (code: string) => {
    const index = AGE_BAND_ORDER.indexOf(code);
    return index < 0 ? AGE_BAND_ORDER.length - 1 : index;
  };
  const bands = [...bandNames.entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => rank(a.code) - rank(b.code));
  return {
    bands,
    male: { name: maleName, counts: bands.map((band) => men.get(band.code) ?? 0) },
    female: { name: femaleName, counts: bands.map((band) => women.get(band.code) ?? 0) },
    other,
  };
}

export type ChildSummary = ChildrenSummary['children'][number];

/** One child organisation's figures in the ranking (and its accessible table). */
export interface ChildFigure {
  code: string;
  name: string;
  level: string;
  total: number;
  approved: number;
  rate: number | null;
  /** Count per record state, in the order of `ChildBars.states`. */
  counts: number[];
}

export interface ChildBars {
  /** The record states present, done first (names from the API). */
  states: { code: string; name: string }[];
  /** Largest first (as the API sends them). */
  children: ChildFigure[];
}

/** The children's figures `by=record_state`: a stacked bar per child, a segment per state. */
export function childBarsOf(children: readonly ChildSummary[]): ChildBars {
  const names = new Map<string, string>();
  for (const child of children) {
    for (const row of child.rows) {
      const code = row.codes[0] ?? '';
      if (!names.has(code)) names.set(code, row.names[0] ?? code);
    }
  }
  const rank = (code: string) => {
    const index = RECORD_STATE_ORDER.indexOf(code);
    return index < 0 ? RECORD_STATE_ORDER.length - 1 : index;
  };
  const states = [...names.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => rank(a.code) - rank(b.code));
  return {
    states,
    children: children.map((child) => {
      const approval = approvalOf(child.rows, child.total);
      return {
        code: child.organisation.code,
        name: child.organisation.name,
        level: child.organisation.level,
        total: child.total,
        approved: approval.approved,
        rate: approval.rate,
        counts: states.map((state) =>
          child.rows.filter((row) => (row.codes[0] ?? '') === state.code).reduce((sum, row) => sum + row.count, 0),
        ),
      };
    }),
  };
}

/**
 * The codes from the user's organisation down to the one shown (the breadcrumb), from the shown one's materialised
 * path (`/000000/620000/620100/`) and code; just the user's own when the shown one is not below it.
 */
export function trailCodes(path: string, code: string, own: string): string[] {
  const codes = [...path.split('/').filter(Boolean), code].filter((item, index, all) => all.indexOf(item) === index);
  const start = codes.indexOf(own);
  return start < 0 ? [own] : codes.slice(start);
}

/** A `data:` URL (echarts' getDataURL) as a Blob, for saving as a file (no fetch: the CSP limits connect-src). */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  if (!head.endsWith(';base64')) return new Blob([decodeURIComponent(body)], { type });
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** The largest values in words, for a chart's label: "本科 120 (60.0%), 专科 60 (30.0%)". */
export function describeSlices(slices: readonly Slice[], total: number, limit = 5): string {
  return slices
    .slice(0, limit)
    .map((slice) => `${slice.name} ${slice.count.toLocaleString('en-US')} (${formatRate(shareOf(slice.count, total))})`)
    .join(', ');
}
