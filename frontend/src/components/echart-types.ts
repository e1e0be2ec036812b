import type { EChartsCoreOption } from 'echarts/core';

/** What the card needs of a drawn chart: its picture (下载图片). */
export interface ChartInstance {
  getDataURL: (opts: { type?: 'png' | 'jpeg' | 'svg'; pixelRatio?: number; backgroundColor?: string }) => string;
}

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  testId?: string;
  onReady?: (instance: ChartInstance) => void;
  /** A bar clicked (its index), or a category label on the axis (its text). */
  onSelect?: (target: number | string) => void;
}
