import { describe, expect, it } from 'vitest';

import { barHeight, barOption, childrenOption, escapeHtml, formatCount, pieOption, pyramidOption } from '@/features/dashboard/utils/chart-options';
import { childBarsOf, pyramidOf } from '@/features/dashboard/utils/report-shaping';

type Series = { name?: string; type: string; stack?: string; data: unknown[]; label: { show: boolean; formatter?: (p: unknown) => string } };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];

describe('chart options', () => {
  it('draws men to the left of the pyramid and women to the right', () => {
    const pyramid = pyramidOf([
      { codes: ['1', 'lt25'], names: ['男', '25岁以下'], count: 2 },
      { codes: ['2', 'lt25'], names: ['女', '25岁以下'], count: 3 },
    ]);
    const option = pyramidOption(pyramid) as Record<string, unknown>;
    const [men, women] = seriesOf(option);
    expect(men?.name).toBe('男');
    expect(men?.data).toEqual([-2]);
    expect(women?.data).toEqual([3]);
    expect(men?.label.formatter?.({ value: -2 })).toBe('2');
    expect((option.yAxis as { data: string[] }).data).toEqual(['25岁以下']);
  });

  it('labels bars with count and share, rings with names', () => {
    const slices = [{ code: '21', name: '本科', count: 1200 }, { code: '31', name: '专科', count: 300 }];
    const bar = barOption(slices, 1500, '人数') as Record<string, unknown>;
    expect(seriesOf(bar)[0]?.data).toEqual([1200, 300]);
    expect(seriesOf(bar)[0]?.label.formatter?.({ value: 1200 })).toBe('1,200 · 80.0%');
    const pie = pieOption(slices, '民族') as Record<string, unknown>;
    expect(seriesOf(pie)[0]?.data).toEqual([{ name: '本科', value: 1200 }, { name: '专科', value: 300 }]);
  });

  it('stacks the children by state and ends each bar with its approved rate', () => {
    const bars = childBarsOf([
      { organisation: { code: '620102', name: '城关区', level: 'county' }, total: 4, rows: [{ codes: ['approved'], names: ['审核通过'], count: 3 }, { codes: ['draft'], names: ['草稿'], count: 1 }] },
    ]);
    const option = childrenOption(bars, '通过率', true) as Record<string, unknown>;
    const series = seriesOf(option);
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['审核通过', 'children', [3]],
      ['草稿', 'children', [1]],
    ]);
    expect(series[1]?.label.show).toBe(true);
    expect(series[1]?.label.formatter?.({ dataIndex: 0 })).toBe('75.0%');
    expect(series[0]?.label.show).toBe(false);
  });

  it('formats and escapes', () => {
    expect(formatCount(-12345)).toBe('12,345');
    expect(escapeHtml('<b>"甲"&</b>')).toBe('&#60;b&#62;&#34;甲&#34;&#38;&#60;/b&#62;');
    expect(barHeight(2)).toBe(220);
    expect(barHeight(20)).toBe(670);
  });
});
