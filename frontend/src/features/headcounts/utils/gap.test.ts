import { describe, expect, it } from 'vitest';

import {
  chooseYear,
  codesBetween,
  figureProblem,
  formatCount,
  formatGap,
  formatRate,
  gapKind,
  yearOptions,
} from '@/features/headcounts/utils/gap';

describe('years', () => {
  it('offers next year back to five years ago, newest first', () => {
    expect(yearOptions(2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
  });
  it('takes the URL year only when it is a plausible statistics year', () => {
    expect(chooseYear('2024', 2026)).toBe(2024);
    expect(chooseYear('2027', 2026)).toBe(2027);
    expect(chooseYear('2028', 2026)).toBe(2026);
    expect(chooseYear('1999', 2026)).toBe(2026);
    expect(chooseYear('20x4', 2026)).toBe(2026);
    expect(chooseYear(null, 2026)).toBe(2026);
  });
});

describe('gaps', () => {
  it('tells missing archives from surplus ones', () => {
    expect(gapKind(3)).toBe('short');
    expect(gapKind(-1)).toBe('over');
    expect(gapKind(0)).toBe('even');
    expect(gapKind(null)).toBe('unknown');
  });
  it('shows the sign and groups thousands', () => {
    expect(formatGap(1234)).toBe('+1,234');
    expect(formatGap(-3)).toBe('−3');
    expect(formatGap(0)).toBe('0');
    expect(formatGap(null)).toBe('—');
    expect(formatCount(30000)).toBe('30,000');
    expect(formatRate(0.8765)).toBe('87.7%');
    expect(formatRate(1.25)).toBe('125.0%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('figureProblem', () => {
  it('needs both numbers and full-time teachers within the staff', () => {
    expect(figureProblem(null, 3)).toBe('required');
    expect(figureProblem(4, 3)).toBe('fulltimeAboveStaff');
    expect(figureProblem(3, 3)).toBeNull();
    expect(figureProblem(0, 0)).toBeNull();
  });
});

describe('codesBetween', () => {
  it('lists the ancestors between the user’s organisation and the one shown', () => {
    expect(codesBetween('/000000/620000/620100/620102/', '620000', '620102')).toEqual(['620100']);
    expect(codesBetween('/000000/620000/620100/', '620100', '620100')).toEqual([]);
    expect(codesBetween('/000000/110000/', '620000', '110000')).toEqual([]);
  });
});
