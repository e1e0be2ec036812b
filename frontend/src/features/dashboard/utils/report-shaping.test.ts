import { describe, expect, it } from 'vitest';

import {
  approvalOf,
  childBarsOf,
  dataUrlToBlob,
  describeSlices,
  formatRate,
  orderedSlices,
  pyramidOf,
  rankedSlices,
  shareOf,
  topSlices,
  trailCodes,
  type ChildSummary,
} from '@/features/dashboard/utils/report-shaping';

const row = (codes: string[], names: string[], count: number) => ({ codes, names, count });

describe('rates', () => {
  it('formats a share with one decimal and a dash without a whole', () => {
    expect(formatRate(0.8534)).toBe('85.3%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
    expect(shareOf(3, 0)).toBeNull();
    expect(shareOf(1, 4)).toBe(0.25);
  });

  it('takes the approved share from rows by record state', () => {
    const rows = [row(['draft'], ['草稿'], 5), row(['approved'], ['审核通过'], 12), row(['in_review'], ['审核中'], 3)];
    expect(approvalOf(rows, 20)).toEqual({ approved: 12, total: 20, rate: 0.6 });
    expect(approvalOf([], 0)).toEqual({ approved: 0, total: 0, rate: null });
  });
});

describe('slices', () => {
  const rows = [row([''], ['未填'], 9), row(['21'], ['大学本科毕业'], 4), row(['11'], ['博士研究生毕业'], 1), row(['31'], ['大学专科毕业'], 7)];

  it('ranks by count with the not-filled value last', () => {
    expect(rankedSlices(rows).map((s) => s.code)).toEqual(['31', '21', '11', '']);
  });

  it('orders by a fixed order, then by code, the not-filled value last', () => {
    expect(orderedSlices(rows).map((s) => s.code)).toEqual(['11', '21', '31', '']);
    expect(orderedSlices([row(['minority'], ['少数民族'], 2), row(['han'], ['汉族'], 8)], ['han', 'minority']).map((s) => s.name)).toEqual([
      '汉族',
      '少数民族',
    ]);
  });

  it('merges rows of one code and drops zero counts', () => {
    expect(rankedSlices([row(['1'], ['男'], 2), row(['1'], ['男'], 3), row(['2'], ['女'], 0)])).toEqual([{ code: '1', name: '男', count: 5 }]);
  });

  it('keeps the largest and sums the rest as others', () => {
    const ranked = rankedSlices(rows);
    expect(topSlices(ranked, 10, '其他')).toEqual(ranked);
    expect(topSlices(ranked, 3, '其他')).toEqual([
      { code: '31', name: '大学专科毕业', count: 7 },
      { code: '21', name: '大学本科毕业', count: 4 },
      { code: '*', name: '其他', count: 10 },
    ]);
  });

  it('describes the largest values in words', () => {
    expect(describeSlices(rankedSlices(rows), 21, 2)).toBe('大学专科毕业 7 (33.3%), 大学本科毕业 4 (19.0%)');
  });
});

describe('pyramidOf', () => {
  it('puts men and women per age band, youngest first, and counts the rest aside', () => {
    const pyramid = pyramidOf([
      row(['2', '30-34'], ['女', '30-34'], 6),
      row(['1', 'ge60'], ['男', '60岁及以上'], 1),
      row(['1', 'lt25'], ['男', '25岁以下'], 2),
      row(['2', 'lt25'], ['女', '25岁以下'], 3),
      row(['', '30-34'], ['未填', '30-34'], 4),
      row(['9', ''], ['未说明的性别', '未填'], 1),
    ]);
    expect(pyramid.bands).toEqual([
      { code: 'lt25', name: '25岁以下' },
      { code: '30-34', name: '30-34' },
      { code: 'ge60', name: '60岁及以上' },
    ]);
    expect(pyramid.male).toEqual({ name: '男', counts: [2, 0, 1] });
    expect(pyramid.female).toEqual({ name: '女', counts: [3, 6, 0] });
    expect(pyramid.other).toBe(5);
  });

  it('is empty without rows', () => {
    expect(pyramidOf([])).toEqual({ bands: [], male: { name: '', counts: [] }, female: { name: '', counts: [] }, other: 0 });
  });
});

describe('childBarsOf', () => {
  const child = (code: string, name: string, level: 'county' | 'school', rows: ReturnType<typeof row>[]): ChildSummary => ({
    organisation: { code, name, level },
    total: rows.reduce((sum, r) => sum + r.count, 0),
    rows,
  });

  it('stacks each child by record state, approved first, with its approved rate', () => {
    const bars = childBarsOf([
      child('620102', '城关区', 'county', [row(['draft'], ['草稿'], 2), row(['approved'], ['审核通过'], 6)]),
      child('620103', '七里河区', 'county', [row(['returned'], ['已退回'], 1), row(['in_review'], ['审核中'], 3)]),
      child('620104', '西固区', 'county', []),
    ]);
    expect(bars.states.map((s) => s.code)).toEqual(['approved', 'in_review', 'returned', 'draft']);
    expect(bars.states[0]?.name).toBe('审核通过');
    expect(bars.children.map((c) => [c.name, c.total, c.approved, c.rate, c.counts])).toEqual([
      ['城关区', 8, 6, 0.75, [6, 0, 0, 2]],
      ['七里河区', 4, 0, 0, [0, 3, 1, 0]],
      ['西固区', 0, 0, null, [0, 0, 0, 0]],
    ]);
  });
});

describe('trailCodes', () => {
  it('runs from the user\'s organisation down to the one shown', () => {
    expect(trailCodes('/000000/620000/620100/', '620102', '620100')).toEqual(['620100', '620102']);
    expect(trailCodes('/000000/620000/620100/620102/', '620102', '620000')).toEqual(['620000', '620100', '620102']);
    expect(trailCodes('/000000/620000/', '620100', '620100')).toEqual(['620100']);
    expect(trailCodes('/000000/110000/', '110101', '620100')).toEqual(['620100']);
  });
});

describe('dataUrlToBlob', () => {
  it('decodes a base64 picture', async () => {
    const blob = dataUrlToBlob(`data:image/png;base64,${btoa('\x89PNG')}`);
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });
});
