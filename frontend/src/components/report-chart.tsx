import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the business reports draw (training compliance, rotation targets): bars on a grid and pies, with a
// tooltip and a legend, on a canvas.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** What the chart shows, for screen readers (the page's table has the figures). */
  label: string;
  testId?: string;
  /** A bar clicked (its index), or a category label on the axis (its text). */
  onSelect?: (target: number | string) => void;
}

interface ClickParams {
  componentType?: string;
  dataIndex?: number;
  value?: unknown;
}

/** One chart; this module (with echarts) downloads when the chart first shows (the page loads it lazily). */
export default function EChart({ option, height, label, testId, onSelect }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    const host = element.current;
    if (!host) return;
    const instance = echarts.init(host, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params: ClickParams) => {
      const handler = select.current;
      if (!handler) return;
      if (typeof params.dataIndex === 'number') handler(params.dataIndex);
      else if (params.componentType === 'yAxis' && typeof params.value === 'string') handler(params.value);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%', cursor: onSelect ? 'pointer' : undefined }} />;
}
