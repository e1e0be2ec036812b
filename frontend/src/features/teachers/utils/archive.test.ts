import { describe, expect, it } from 'vitest';

import { archiveTabs, displayValue, isDeletable, resolveTab, tableFields } from '@/features/teachers/utils/archive';
import type { EffectiveGroup } from '@/lib/catalogue-api';
import type { FormField } from '@/lib/catalogue-fields';

const group = (code: string, order: number, many = true): EffectiveGroup => ({
  code,
  name: code,
  name_en: code,
  many,
  order,
  schema: {},
  ui: {},
  rules: [],
  needs_record: false,
});

const field = (code: string, widget: FormField['widget'] = 'input'): Pick<FormField, 'widget'> & { code: string } => ({ code, widget });
const words = { yes: '是', no: '否' };

describe('archive tabs', () => {
  it('orders the groups as the national catalogue does', () => {
    const tabs = archiveTabs([group('contact', 17, false), group('study', 2), group('basic', 1, false)]);
    expect(tabs.map((tab) => tab.code)).toEqual(['basic', 'study', 'contact']);
  });

  it('opens the tab named in the URL, or the first one', () => {
    const groups = [group('basic', 1, false), group('study', 2)];
    expect(resolveTab('study', groups)).toBe('study');
    expect(resolveTab('nonsense', groups)).toBe('basic');
    expect(resolveTab(null, groups)).toBe('basic');
    expect(resolveTab('study', [])).toBeUndefined();
  });

  it('shows the first five indicators as columns', () => {
    const fields = ['a', 'b', 'c', 'd', 'e', 'f'].map((code) => ({ ...field(code) })) as FormField[];
    expect(tableFields(fields).map((item) => item.code)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tableFields(fields, 2)).toHaveLength(2);
  });
});

describe('displayValue', () => {
  const names = new Map([
    ['21', '大学本科毕业'],
    ['156', '中国'],
  ]);

  it('shows codes by their names, and the bare code when the name is unknown', () => {
    expect(displayValue(field('study_education', 'select'), '21', names, words)).toBe('大学本科毕业');
    expect(displayValue(field('study_education', 'select'), '99', names, words)).toBe('99');
    expect(displayValue(field('study_education', 'select'), '21', undefined, words)).toBe('21');
  });

  it('joins several codes, shows yes/no and leaves empty values empty', () => {
    expect(displayValue(field('countries', 'multi-select'), ['156', '21'], names, words)).toBe('中国、大学本科毕业');
    expect(displayValue(field('normal', 'switch'), true, names, words)).toBe('是');
    expect(displayValue(field('normal', 'switch'), false, names, words)).toBe('否');
    expect(displayValue(field('normal', 'switch'), null, names, words)).toBe('');
    expect(displayValue(field('major'), '', names, words)).toBe('');
  });

  it('shows text, months and numbers as they are (a text that looks like a code stays a text)', () => {
    expect(displayValue(field('major'), '21', names, words)).toBe('21');
    expect(displayValue(field('start', 'month'), '2003-09', names, words)).toBe('2003-09');
    expect(displayValue(field('year', 'number'), 2020, names, words)).toBe('2020');
  });
});

describe('isDeletable', () => {
  it('allows deleting only a draft that was never approved', () => {
    expect(isDeletable({ record_state: 'draft', ever_approved: false })).toBe(true);
    expect(isDeletable({ record_state: 'draft', ever_approved: true })).toBe(false);
    expect(isDeletable({ record_state: 'returned', ever_approved: false })).toBe(false);
    expect(isDeletable({ record_state: 'approved', ever_approved: true })).toBe(false);
    // Without the flag every draft is offered (the API refuses with 409 what it may not delete).
    expect(isDeletable({ record_state: 'draft' })).toBe(true);
    expect(isDeletable({ record_state: 'submitted' })).toBe(false);
  });
});
