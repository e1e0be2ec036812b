import { describe, expect, it } from 'vitest';

import type { components } from '@/api/generated/schema';
import { buildFormFields } from '@/lib/catalogue-fields';

type EffectiveGroup = components['schemas']['EffectiveGroup'];

const group: EffectiveGroup = {
  code: 'basic',
  name: '基本信息',
  name_en: 'Basic information',
  many: false,
  order: 1,
  rules: [],
  needs_record: false,
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', title: '姓名', maxLength: 50 },
      ethnicity: { type: 'string', title: '民族', enum: ['01', '02'], 'x-code-table': 'ethnicity' },
      languages: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
      age: { type: 'integer', minimum: 0, maximum: 120 },
      work_start_month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
      ext_mandarin_cert: { type: 'string', title: '普通话证书编号', maxLength: 30 },
    },
    required: ['name', 'ext_mandarin_cert'],
  },
  ui: {
    order: ['ext_mandarin_cert', 'name', 'ethnicity', 'languages', 'age', 'work_start_month', 'missing'],
    fields: {
      name: { label: '姓名', label_en: 'Name', widget: 'input', help: '与身份证件一致', help_en: 'As on the ID', core: true },
      ethnicity: { label: '民族', label_en: 'Ethnicity', widget: 'select', code_table: 'ethnicity' },
      work_start_month: { label: '参加工作年月', widget: 'month', derived: true },
      ext_mandarin_cert: { label: '普通话证书编号', label_en: '', widget: 'input', extension: true, required: true },
    },
  },
};

describe('building form fields from the effective schema', () => {
  it('follows ui.order, skips unknown codes and reads widgets, codes and rules', () => {
    const fields = buildFormFields(group, 'zh-CN');
    expect(fields.map((f) => f.code)).toEqual([
      'ext_mandarin_cert',
      'name',
      'ethnicity',
      'languages',
      'age',
      'work_start_month',
    ]);
    const byCode = Object.fromEntries(fields.map((f) => [f.code, f]));
    expect(byCode.ext_mandarin_cert).toMatchObject({ extension: true, required: true, maxLength: 30, widget: 'input' });
    expect(byCode.name).toMatchObject({ label: '姓名', help: '与身份证件一致', required: true, core: true, maxLength: 50 });
    expect(byCode.ethnicity).toMatchObject({ widget: 'select', codeTable: 'ethnicity', codes: ['01', '02'], required: false });
    // No UI hint: the JSON Schema decides.
    expect(byCode.languages).toMatchObject({ widget: 'multi-select', codes: ['a', 'b'], label: 'languages' });
    expect(byCode.age).toMatchObject({ widget: 'number', integer: true, minimum: 0, maximum: 120 });
    expect(byCode.work_start_month).toMatchObject({ widget: 'month', derived: true });
  });

  it('uses English labels and help where kept, Chinese otherwise', () => {
    const fields = buildFormFields(group, 'en');
    const byCode = Object.fromEntries(fields.map((f) => [f.code, f]));
    expect(byCode.name).toMatchObject({ label: 'Name', help: 'As on the ID' });
    expect(byCode.ext_mandarin_cert?.label).toBe('普通话证书编号');
  });
});
