import { describe, expect, it } from 'vitest';

import {
  complianceChartOption,
  cycleOf,
  cycleOptions,
  escapeHtml,
  formatRate,
  formToRules,
  rulesToForm,
  selectedIndex,
} from '@/features/training/utils/training';

const RULES = { cycle_start_year: 2021, cycle_years: 5 };

describe('cycles', () => {
  it('names the cycle holding a year', () => {
    expect(cycleOf(2025, RULES)).toBe('2021-2025');
    expect(cycleOf(2026, RULES)).toBe('2026-2030');
    expect(cycleOf(2019, RULES)).toBe('2016-2020');
  });

  it('offers the current cycle first, then earlier ones', () => {
    expect(cycleOptions(RULES, 2027)).toEqual(['2026-2030', '2021-2025', '2016-2020']);
  });
});

describe('figures', () => {
  it('gives a rate with one decimal, a dash without a base', () => {
    expect(formatRate(1, 3)).toBe('33.3%');
    expect(formatRate(0, 0)).toBe('—');
  });

  it('escapes names for the tooltip', () => {
    expect(escapeHtml('<b>甲</b>')).toBe('&#60;b&#62;甲&#60;/b&#62;');
  });
});

describe('the compliance chart', () => {
  const bars = [
    { name: '甲校', compliant: 3, on_track: 2, behind: 1 },
    { name: '乙校', compliant: 0, on_track: 1, behind: 4 },
  ];

  it('stacks three series with the first child on top', () => {
    const option = complianceChartOption(bars, { compliant: '已达标', on_track: '进度正常', behind: '进度滞后' }) as {
      yAxis: { data: string[] };
      series: { name: string; stack: string; data: number[] }[];
    };
    expect(option.yAxis.data).toEqual(['乙校', '甲校']);
    expect(option.series.map((s) => s.name)).toEqual(['已达标', '进度正常', '进度滞后']);
    expect(option.series[2]?.data).toEqual([4, 1]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
  });

  it('maps a click back to its row', () => {
    expect(selectedIndex(0, bars)).toBe(1);
    expect(selectedIndex('甲校', bars)).toBe(0);
  });
});

describe('the rules form', () => {
  it('turns the API rules into rows and back', () => {
    const rules = {
      cycle_start_year: 2021,
      cycle_years: 5,
      required_hours: 360,
      new_teacher_hours: 120,
      hours_per_credit: '10.00',
      credit_ratios: { '2': '20.00' },
      quotas: [{ levels: ['1', '2', '3', '4'], min_share: '0.500' }],
      yearly_caps: { self_study: 40 },
      note: 'old',
    };
    const form = rulesToForm(rules);
    expect(form.quotas).toEqual([{ levels: ['1', '2', '3', '4'], percent: 50 }]);
    expect(form.ratios).toEqual([{ form: '2', value: 20 }]);
    expect(form.note).toBe('');
    const back = formToRules({ ...form, note: ' 调整 ', caps: [...form.caps, { kind: 'degree' }] });
    expect(back).toEqual({
      ...rules,
      hours_per_credit: '10',
      credit_ratios: { '2': '20' },
      note: '调整',
    });
  });
});
