import type { EChartsCoreOption } from 'echarts/core';
import type { TFunction } from 'i18next';

import type { PlanFigures, RotationFlowRow } from '@/features/rotation/api/rotation-api';
import { ApiError, type FieldError } from '@/lib/api-error';

const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A decimal share of the API ("0.100") as a percentage with one decimal at most ("10%", "12.5%"). */
export function formatShare(share: string | number): string {
  const value = Math.round(Number(share) * 1000) / 10;
  return `${Number.isFinite(value) ? String(value) : '0'}%`;
}

/** planned of target as a percentage for a progress gauge (a target of 0 is met). */
export function percentOf(planned: number, target: number): number {
  if (target <= 0) return 100;
  return Math.min(100, Math.round((planned / target) * 1000) / 10);
}

export interface Shortfall {
  key: 'target' | 'backbone';
  planned: number;
  target: number;
  share: string;
}

/**
 * The plan's shortfalls against its targets, from its figures (the SPA words them in the reader's language; the
 * API's `warnings` say the same).
 */
export function shortfalls(figures: Pick<PlanFigures, 'planned' | 'target' | 'planned_backbone' | 'backbone_target' | 'target_share' | 'backbone_share'>): Shortfall[] {
  const out: Shortfall[] = [];
  if (figures.planned < figures.target) {
    out.push({ key: 'target', planned: figures.planned, target: figures.target, share: formatShare(figures.target_share) });
  }
  if (figures.planned_backbone < figures.backbone_target) {
    out.push({
      key: 'backbone',
      planned: figures.planned_backbone,
      target: figures.backbone_target,
      share: formatShare(figures.backbone_share),
    });
  }
  return out;
}

/** Error codes of the rotation API the SPA words itself (`rotation:errors.*`). */
const KNOWN_CODES = [
  'not_eligible',
  'already_in_plan',
  'already_assigned',
  'same_school',
  'before_start',
  'plan_empty',
  'plan_exists',
  'plan_not_editable',
  'not_own_plan',
  'not_a_county',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/**
 * The API's error with the rotation codes worded in the reader's language (field errors keep their field). An error
 * of the whole request whose code belongs to a field (`already_in_plan`, `not_eligible` → the teacher) is moved to it.
 */
export function localiseError(error: unknown, t: TFunction<'rotation'>, fieldOf: Partial<Record<string, string>> = {}): unknown {
  if (!(error instanceof ApiError)) return error;
  const word = (item: FieldError): FieldError => (isKnown(item.code) ? { code: item.code, message: t(`errors.${item.code}`) } : item);
  const errors: Record<string, FieldError[]> = {};
  for (const [field, list] of Object.entries(error.errors)) errors[field] = list.map(word);
  const message = isKnown(error.code) ? t(`errors.${error.code}`) : error.message;
  const field = fieldOf[error.code];
  if (field && !(field in errors)) errors[field] = [{ code: error.code, message }];
  return new ApiError(error.status, error.code, message, errors, error.body);
}

/** One line for a message box: the worded error, or the reason it failed. */
export function errorText(error: unknown, t: TFunction<'rotation'>): string {
  const worded = localiseError(error, t);
  if (worded instanceof ApiError) {
    const fields = Object.values(worded.errors).flat().map((item) => item.message);
    return [worded.message, ...fields].filter((line, index, all) => line && all.indexOf(line) === index).join(' ');
  }
  return t('errors.failed', { message: worded instanceof Error ? worded.message : String(worded) });
}

/**
 * Names without the prefix they all share (兰州市城关区第一实验小学 → 第一实验小学 among the county's schools): the
 * chart's axis has room for the part that tells them apart. Unchanged when fewer than two or nothing would be left.
 */
export function shortNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  let prefix = names[0] ?? '';
  for (const name of names) {
    while (prefix && !name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  if (!prefix || names.some((name) => name.length - prefix.length < 2)) return [...names];
  return names.map((name) => name.slice(prefix.length));
}

export interface TargetBar {
  name: string;
  planned: number;
  proposed: number;
  target: number;
}

/** Children's planned (approved) and proposed teachers stacked against the target, one row each (horizontal bars). */
export function targetsChartOption(bars: readonly TargetBar[], names: { planned: string; proposed: string; target: string }): EChartsCoreOption {
  const reversed = [...bars].reverse(); // the first child on top
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: reversed.map((bar) => bar.name),
      triggerEvent: true,
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [
      { name: names.planned, type: 'bar', stack: 'plan', data: reversed.map((bar) => bar.planned), itemStyle: { color: '#52c41a' } },
      { name: names.proposed, type: 'bar', stack: 'plan', data: reversed.map((bar) => bar.proposed), itemStyle: { color: '#91caff' } },
      { name: names.target, type: 'bar', data: reversed.map((bar) => bar.target), itemStyle: { color: '#d9d9d9' }, barGap: '10%' },
    ],
  };
}

/** The index of the child a click on the chart meant (bars are drawn bottom-up; an axis label is its name). */
export function selectedChild(target: number | string, bars: readonly TargetBar[]): number {
  if (typeof target === 'string') return bars.findIndex((bar) => bar.name === target);
  return bars.length - 1 - target;
}

export function chartHeight(rows: number): number {
  return Math.max(180, 60 + rows * 44);
}

/** Text the tooltip shows as HTML, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** A pie of the year's rotations by one grouping (flow category or type). */
export function flowsChartOption(rows: readonly RotationFlowRow[]): EChartsCoreOption {
  return {
    tooltip: {
      trigger: 'item',
      // Names come from the API and may hold markup: the tooltip is HTML, so they are escaped.
      formatter: (params: unknown) => {
        const p = params as { name?: string; value?: unknown; percent?: number; marker?: unknown };
        const value = typeof p.value === 'number' ? formatCount(p.value) : '';
        return `${typeof p.marker === 'string' ? p.marker : ''}${escapeHtml(p.name ?? '')}: ${value} (${String(p.percent ?? 0)}%)`;
      },
    },
    legend: { type: 'scroll', orient: 'horizontal', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '42%'],
        label: { formatter: '{c}', fontSize: 12 },
        data: rows.map((row) => ({ name: row.name, value: row.count })),
      },
    ],
  };
}
