import type { EChartsCoreOption } from 'echarts/core';

/** A province's cycle: its first year and length (the rules' `cycle_start_year`, `cycle_years`). */
export interface CycleRules {
  cycle_start_year: number;
  cycle_years: number;
}

/** The cycle holding `year`, as the API names it: 2026 under (2021, 5) → `2026-2030`. */
export function cycleOf(year: number, rules: CycleRules): string {
  const years = Math.max(1, rules.cycle_years);
  const start = rules.cycle_start_year + Math.floor((year - rules.cycle_start_year) / years) * years;
  return `${String(start)}-${String(start + years - 1)}`;
}

/** The current cycle first, then the `back` ones before it (the compliance page's choice). */
export function cycleOptions(rules: CycleRules, year: number, back = 2): string[] {
  const years = Math.max(1, rules.cycle_years);
  return Array.from({ length: back + 1 }, (_, index) => cycleOf(year - index * years, rules));
}

/** Thousands separators (UX.md). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A share as a percentage with one decimal (UX.md); no base: a dash. */
export function formatRate(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** One child's bar: its name and the three counts (每个下级单位：已达标 / 进度正常 / 进度滞后). */
export interface ComplianceBar {
  name: string;
  compliant: number;
  on_track: number;
  behind: number;
}

export interface SeriesNames {
  compliant: string;
  on_track: string;
  behind: string;
}

const COLOURS = { compliant: '#52c41a', on_track: '#1677ff', behind: '#faad14' } as const;

/** Text the tooltip shows as HTML: names come from the API and may hold markup, so they are escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** Height of the horizontal bar chart for `rows` children. */
export function chartHeight(rows: number): number {
  return Math.max(220, rows * 34 + 90);
}

interface TooltipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  marker?: unknown;
}

/**
 * The children as horizontal stacked bars (compliant · on track · behind), the first child on top; a click on a
 * bar or on a name drills down (the chart's `onSelect`).
 */
export function complianceChartOption(bars: readonly ComplianceBar[], names: SeriesNames): EChartsCoreOption {
  const categories = bars.map((bar) => bar.name).reverse();
  const series = (['compliant', 'on_track', 'behind'] as const).map((key) => ({
    name: names[key],
    type: 'bar',
    stack: 'teachers',
    barMaxWidth: 22,
    itemStyle: { color: COLOURS[key] },
    emphasis: { focus: 'series' },
    data: bars.map((bar) => bar[key]).reverse(),
  }));
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
        const head = escapeHtml(list[0]?.name ?? '');
        const lines = list.map(
          (p) =>
            `${typeof p.marker === 'string' ? p.marker : ''}${escapeHtml(p.seriesName ?? '')}: ${formatCount(typeof p.value === 'number' ? p.value : 0)}`,
        );
        return [head, ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories, triggerEvent: true, axisLabel: { width: 160, overflow: 'truncate' } },
    series,
  };
}

/** The bar's row from a click: a bar's index counts from the bottom (reversed), a label is the name. */
export function selectedIndex(target: number | string, bars: readonly { name: string }[]): number {
  if (typeof target === 'number') return bars.length - 1 - target;
  return bars.findIndex((bar) => bar.name === target);
}

// ---- the rules form

export interface RulesFormValues {
  cycle_start_year: number;
  cycle_years: number;
  required_hours: number;
  new_teacher_hours: number;
  hours_per_credit: number;
  ratios: { form?: string; value?: number }[];
  quotas: { levels?: string[]; percent?: number }[];
  caps: { kind?: string; hours?: number }[];
  note?: string;
}

export interface RulesShape {
  cycle_start_year: number;
  cycle_years: number;
  required_hours: number;
  new_teacher_hours: number;
  hours_per_credit: string;
  credit_ratios?: Record<string, string>;
  quotas?: { levels: string[]; min_share: string }[];
  yearly_caps?: Record<string, number>;
  note: string;
}

/** The API's rules as the form's values (shares as percentages, maps as rows). */
export function rulesToForm(rules: RulesShape): RulesFormValues {
  return {
    cycle_start_year: rules.cycle_start_year,
    cycle_years: rules.cycle_years,
    required_hours: rules.required_hours,
    new_teacher_hours: rules.new_teacher_hours,
    hours_per_credit: Number(rules.hours_per_credit),
    ratios: Object.entries(rules.credit_ratios ?? {}).map(([form, value]) => ({ form, value: Number(value) })),
    quotas: (rules.quotas ?? []).map((quota) => ({
      levels: quota.levels,
      percent: Math.round(Number(quota.min_share) * 1000) / 10,
    })),
    caps: Object.entries(rules.yearly_caps ?? {}).map(([kind, hours]) => ({ kind, hours })),
    note: '',
  };
}

/** The form's values as the API's body; rows left incomplete are dropped. */
export function formToRules(values: RulesFormValues): RulesShape {
  const credit_ratios: Record<string, string> = {};
  for (const row of values.ratios) if (row.form && row.value) credit_ratios[row.form] = String(row.value);
  const yearly_caps: Record<string, number> = {};
  for (const row of values.caps) if (row.kind && row.hours !== undefined) yearly_caps[row.kind] = row.hours;
  return {
    cycle_start_year: values.cycle_start_year,
    cycle_years: values.cycle_years,
    required_hours: values.required_hours,
    new_teacher_hours: values.new_teacher_hours,
    hours_per_credit: String(values.hours_per_credit),
    credit_ratios,
    quotas: values.quotas
      .filter((row) => row.levels && row.levels.length > 0 && row.percent)
      .map((row) => ({ levels: row.levels ?? [], min_share: (Number(row.percent) / 100).toFixed(3) })),
    yearly_caps,
    note: (values.note ?? '').trim(),
  };
}
