import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import type { EChartProps } from '@/components/echart-types';

// Only what the dashboard and the business reports draw: bars and rings on a grid, with tooltips and legends, on a
// canvas.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface ClickParams {
  componentType?: string;
  dataIndex?: number;
  value?: unknown;
}

/**
 * One chart (this module, with echarts, downloads when the first chart shows: its pages load it lazily). A few
 * lines of our own rather than echarts-for-react, whose build imports `tslib` without declaring it (not installed).
 * The canvas is an image to assistive technology: its label says what it shows; the card's table view has the figures.
 */
export default function EChart({ option, height, label, testId, onReady, onSelect }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const ready = useRef(onReady);
  const select = useRef(onSelect);
  useEffect(() => {
    ready.current = onReady;
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
      // A bar, or the category's label on the axis (`triggerEvent`): both name the same row.
      if (typeof params.dataIndex === 'number') handler(params.dataIndex);
      else if (params.componentType === 'yAxis' && typeof params.value === 'string') handler(params.value);
    });
    ready.current?.(instance);
    // The cards stack or widen with the window (and the menu folding): follow the host's size.
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
