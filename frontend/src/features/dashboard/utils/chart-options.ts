import type { EChartsCoreOption } from 'echarts/core';

import {
  formatRate,
  shareOf,
  type ChildBars,
  type Pyramid,
  type Slice,
} from '@/features/dashboard/utils/report-shaping';

/**
 * ECharts options of the dashboard's charts, built from the shaped figures (report-shaping). Plain objects: only
 * the type comes from echarts, so this module (and its tests) need not download the library.
 */

const MALE_COLOUR = '#1677ff';
const FEMALE_COLOUR = '#eb2f96';
/** Record states: 通过 green, 审核中 blue, 已送审 cyan, 退回 red, 草稿 grey, 未填 light grey. */
const STATE_COLOURS: Record<string, string> = {
  approved: '#52c41a',
  in_review: '#1677ff',
  submitted: '#13c2c2',
  returned: '#ff4d4f',
  draft: '#8c8c8c',
  '': '#d9d9d9',
};
const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#fa8c16', '#2f54eb', '#a0d911', '#8c8c8c'];

/** Thousands separators (UX.md). */
export function formatCount(value: number): string {
  return Math.abs(value).toLocaleString('en-US');
}

interface TooltipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  marker?: unknown;
  dataIndex?: number;
  percent?: number;
}

const asParams = (params: unknown): TooltipParam[] => (Array.isArray(params) ? params : [params]) as TooltipParam[];
const numberOf = (value: unknown) => (typeof value === 'number' ? value : 0);
const markerOf = (param: TooltipParam) => (typeof param.marker === 'string' ? param.marker : '');
/** Text the tooltip shows as HTML: names come from the API and may hold markup, so they are escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** Height of a horizontal bar chart with `rows` categories. */
export function barHeight(rows: number, min = 220): number {
  return Math.max(min, rows * 30 + 70);
}

/** A round axis end at or above `value` (1, 2, 2.5 or 5 times a power of ten). */
export function niceEdge(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

/** The age pyramid: men to the left (negative bars, shown as positive), women to the right. */
export function pyramidOption(pyramid: Pyramid): EChartsCoreOption {
  const edge = niceEdge(Math.max(0, ...pyramid.male.counts, ...pyramid.female.counts) * 1.25);
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = asParams(params);
        const head = escapeHtml(list[0]?.name ?? '');
        const lines = list.map(
          (p) => `${markerOf(p)}${escapeHtml(p.seriesName ?? '')}: ${formatCount(numberOf(p.value))}`,
        );
        return [head, ...lines].join('<br/>');
      },
    },
    legend: { top: 0, data: [pyramid.male.name, pyramid.female.name] },
    grid: { top: 32, left: 8, right: 16, bottom: 8 },
    // Symmetric, with room for the labels at the bars' ends (men's would run into the age bands otherwise).
    xAxis: {
      type: 'value',
      min: -edge,
      max: edge,
      // The ends are 1.25 × the largest bar, rarely a tick of the axis's own step: not labelled.
      axisLabel: { formatter: (value: number) => formatCount(value), showMinLabel: false, showMaxLabel: false },
    },
    yAxis: {
      type: 'category',
      data: pyramid.bands.map((band) => band.name),
      axisTick: { show: false },
    },
    series: [
      {
        name: pyramid.male.name,
        type: 'bar',
        stack: 'pyramid',
        itemStyle: { color: MALE_COLOUR },
        label: { show: true, position: 'left', formatter: (p: TooltipParam) => (numberOf(p.value) ? formatCount(numberOf(p.value)) : '') },
        data: pyramid.male.counts.map((count) => -count),
      },
      {
        name: pyramid.female.name,
        type: 'bar',
        stack: 'pyramid',
        itemStyle: { color: FEMALE_COLOUR },
        label: { show: true, position: 'right', formatter: (p: TooltipParam) => (numberOf(p.value) ? formatCount(numberOf(p.value)) : '') },
        data: pyramid.female.counts,
      },
    ],
  };
}

/** A horizontal bar per value, the first at the top, the count and share at the end of each bar. */
export function barOption(slices: readonly Slice[], total: number, seriesName: string): EChartsCoreOption {
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: TooltipParam) =>
        `${escapeHtml(p.name ?? '')}: ${formatCount(numberOf(p.value))} (${formatRate(shareOf(numberOf(p.value), total))})`,
    },
    grid: { top: 8, left: 8, right: 104, bottom: 8 },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCount(value) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: slices.map((slice) => slice.name),
      axisTick: { show: false },
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        itemStyle: { color: PALETTE[0] },
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          formatter: (p: TooltipParam) => `${formatCount(numberOf(p.value))} · ${formatRate(shareOf(numberOf(p.value), total))}`,
        },
        data: slices.map((slice) => slice.count),
      },
    ],
  };
}

/** A ring of shares (汉族 / 少数民族, 城镇 / 乡村). */
export function pieOption(slices: readonly Slice[], seriesName: string): EChartsCoreOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: {
      trigger: 'item',
      formatter: (p: TooltipParam) =>
        `${escapeHtml(p.name ?? '')}: ${formatCount(numberOf(p.value))} (${formatRate((p.percent ?? 0) / 100)})`,
    },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['38%', '64%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        label: { formatter: (p: TooltipParam) => `${p.name ?? ''}\n${formatRate((p.percent ?? 0) / 100)}` },
        data: slices.map((slice) => ({ name: slice.name, value: slice.count })),
      },
    ],
  };
}

/** The children ranked, largest at the top: a bar per child stacked by record state; the approved rate at its end. */
export function childrenOption(bars: ChildBars, approvedLabel: string, clickable: boolean): EChartsCoreOption {
  const last = bars.states.length - 1;
  return {
    animation: false,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = asParams(params);
        const child = bars.children[list[0]?.dataIndex ?? 0];
        if (!child) return '';
        const lines = list
          .filter((p) => numberOf(p.value) > 0)
          .map((p) => `${markerOf(p)}${escapeHtml(p.seriesName ?? '')}: ${formatCount(numberOf(p.value))}`);
        return [
          `${escapeHtml(child.name)}: ${formatCount(child.total)}`,
          ...lines,
          `${escapeHtml(approvedLabel)}: ${formatRate(child.rate)}`,
        ].join('<br/>');
      },
    },
    legend: { top: 0, type: 'scroll' },
    grid: { top: 32, left: 8, right: 64, bottom: 8 },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCount(value) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.children.map((child) => child.name),
      axisTick: { show: false },
      axisLabel: { width: 140, overflow: 'truncate' },
      triggerEvent: clickable,
    },
    series: bars.states.map((state, index) => ({
      name: state.name,
      type: 'bar',
      stack: 'children',
      barMaxWidth: 22,
      cursor: clickable ? 'pointer' : 'default',
      itemStyle: { color: STATE_COLOURS[state.code] ?? PALETTE[index % PALETTE.length] },
      // The last segment carries the approved rate past the end of the whole bar.
      label:
        index === last
          ? {
              show: true,
              position: 'right',
              color: '#595959',
              formatter: (p: TooltipParam) => formatRate(bars.children[p.dataIndex ?? 0]?.rate ?? null),
            }
          : { show: false },
      data: bars.children.map((child) => child.counts[index] ?? 0),
    })),
  };
}
