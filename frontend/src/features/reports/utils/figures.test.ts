import { describe, expect, it } from 'vitest';

import { choosePeriod, codesBetween, formatCount, formatRate, periodLabel, rateChange } from '@/features/reports/utils/figures';

describe('formatRate', () => {
  it('shows a 0–1 rate as a percentage with one decimal', () => {
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0.8756)).toBe('87.6%');
    expect(formatRate(1 / 3)).toBe('33.3%');
  });

  it('shows a rate that cannot be computed as a dash', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
  });
});

describe('rateChange', () => {
  it('points up or down with the change in percentage points', () => {
    expect(rateChange(0.032)).toEqual({ direction: 'up', arrow: '↑', text: '↑ 3.2' });
    expect(rateChange(-0.105)).toEqual({ direction: 'down', arrow: '↓', text: '↓ 10.5' });
  });

  it('shows no arrow for no change, or a change too small to show', () => {
    expect(rateChange(0)).toEqual({ direction: 'same', arrow: '', text: '0.0' });
    expect(rateChange(0.0001)).toEqual({ direction: 'same', arrow: '', text: '0.0' });
  });

  it('shows a dash without a previous period', () => {
    expect(rateChange(null)).toEqual({ direction: 'none', arrow: '', text: '—' });
  });
});

describe('formatCount', () => {
  it('groups thousands and dashes a missing count', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('—');
  });
});

describe('choosePeriod', () => {
  const periods = ['2026-12', '2026-11'];
  it('defaults to the newest snapshot', () => {
    expect(choosePeriod(periods, null)).toBe('2026-12');
    expect(choosePeriod(periods, '2025-01')).toBe('2026-12');
    expect(choosePeriod([], null)).toBeUndefined();
  });
  it('keeps a requested period that was taken', () => {
    expect(choosePeriod(periods, '2026-11')).toBe('2026-11');
  });
});

describe('codesBetween', () => {
  it('gives the ancestors between the user’s organisation and the one shown', () => {
    expect(codesBetween('/000000/620000/620100/620102/', '620000', '620102')).toEqual(['620100']);
    expect(codesBetween('/000000/620000/620100/', '620000', '620100')).toEqual([]);
    expect(codesBetween('/000000/620000/620100/', '110000', '620100')).toEqual([]);
  });
});

describe('periodLabel', () => {
  it('reads a period as a Chinese month, or keeps it in English', () => {
    expect(periodLabel('2026-03')).toBe('2026年3月');
    expect(periodLabel('2026-03', 'en')).toBe('2026-03');
  });
});
