import { describe, expect, it } from 'vitest';

import type { EffectiveSchema } from '@/lib/catalogue-api';
import { catalogueIndex } from '@/lib/use-catalogue-index';

const group = (code: string, name: string, many: boolean, fields: Record<string, string>) => ({
  code,
  name,
  name_en: `${code} (en)`,
  many,
  order: code === 'basic' ? 1 : 5,
  schema: { type: 'object', properties: Object.fromEntries(Object.keys(fields).map((field) => [field, { type: 'string' }])) },
  ui: { order: Object.keys(fields), fields: Object.fromEntries(Object.entries(fields).map(([field, label]) => [field, { label, widget: 'input' }])) },
  rules: [],
});

const schema = {
  organisation: '2162010201',
  province: '620000',
  catalogue_version: 1,
  school_stage: 'primary_secondary',
  groups: [group('basic', '基本信息', false, { name: '姓名' })],
  province_code_tables: [],
  outside_groups: [group('basic', '基本信息', false, { mobile: '手机' }), group('work', '工作经历', true, { unit: '单位' })],
} as unknown as EffectiveSchema;

describe('catalogueIndex', () => {
  it('names groups and indicators outside the catalogue in force too', () => {
    const index = catalogueIndex(schema, 'zh-CN');
    expect(index.groupNames.get('work')).toBe('工作经历');
    expect(index.byGroup.get('basic')?.map((field) => field.label)).toEqual(['姓名', '手机']);
    expect(index.archive.map((field) => field.code)).toEqual(['name', 'mobile']);
    expect(index.byGroup.get('work')?.[0]?.label).toBe('单位');
  });

  it('names in English for an English reader', () => {
    expect(catalogueIndex(schema, 'en').groupNames.get('work')).toBe('work (en)');
  });

  it('is empty before the schema is in', () => {
    expect(catalogueIndex(undefined, 'zh-CN').byGroup.size).toBe(0);
  });
});
