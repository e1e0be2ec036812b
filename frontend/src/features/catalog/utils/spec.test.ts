import i18n from 'i18next';
import { describe, expect, it } from 'vitest';

import type { CatalogueSpec, IndicatorGroup, SpecExtension } from '@/features/catalog/api/catalog-api';
import {
  describeSpecErrors,
  diffLines,
  errorsUnder,
  optionalIndicators,
  startingSpec,
  toSpecBody,
  withExtension,
  withSelection,
  withoutExtension,
} from '@/features/catalog/utils/spec';
import { ApiError } from '@/lib/api-error';

const t = i18n.getFixedT('zh-CN', 'catalog');

const ext = (overrides: Partial<SpecExtension> = {}): SpecExtension => ({
  code: 'ext_mandarin_cert',
  group: 'basic',
  name: '普通话证书编号',
  type: 'text',
  ...overrides,
});

const spec = (overrides: Partial<CatalogueSpec> = {}): CatalogueSpec => ({
  selected: {},
  extensions: [],
  code_tables: [],
  ...overrides,
});

describe('the PUT body', () => {
  it('trims text, keeps only the rules and code table the type uses', () => {
    const body = toSpecBody(
      spec({
        extensions: [
          ext({ name: ' 普通话证书编号 ', code_table: 'ethnicity', validation: { max_length: 30, minimum: 1 } }),
          ext({ code: 'ext_level', type: 'code', code_table: 'gs-level', validation: { max_length: 5 } }),
          ext({ code: 'ext_years', type: 'integer', validation: { minimum: 0, maximum: 60, pattern: 'x' } }),
        ],
      }),
    );
    expect(body.extensions[0]).toMatchObject({
      name: '普通话证书编号',
      code_table: null,
      validation: { max_length: 30 },
      required: false,
      stages: [],
    });
    expect(body.extensions[1]).toMatchObject({ code_table: 'gs-level', validation: {} });
    expect(body.extensions[2]?.validation).toEqual({ minimum: 0, maximum: 60, pattern: 'x' });
  });

  it('drops blank code table items', () => {
    const body = toSpecBody(
      spec({
        code_tables: [
          {
            slug: 'gs-level',
            name: '等级',
            items: [
              { code: '1', name: '一级' },
              { code: ' ', name: '' },
            ],
          },
        ],
      }),
    );
    expect(body.code_tables[0]?.items).toEqual([{ code: '1', name: '一级', name_en: '' }]);
  });

  it('starts from the draft, else the published spec, and copies it', () => {
    const published = { spec: spec({ selected: { a: { required: false } } }) };
    const draft = { spec: spec({ selected: { b: { required: true } } }) };
    const state = { province: '620000', published, draft, versions: [] } as never;
    expect(startingSpec(state).selected).toEqual({ b: { required: true } });
    const fromPublished = startingSpec({ province: '620000', published, draft: null, versions: [] } as never);
    expect(fromPublished.selected).toEqual({ a: { required: false } });
    fromPublished.selected.c = { required: true };
    expect(published.spec.selected).not.toHaveProperty('c');
    expect(startingSpec(undefined)).toEqual(spec());
  });

  it('adds, replaces and removes extensions and selections', () => {
    let current = withExtension(spec(), ext(), null);
    current = withExtension(current, ext({ code: 'ext_b' }), null);
    current = withExtension(current, ext({ name: '新名' }), 0);
    expect(current.extensions.map((e) => [e.code, e.name])).toEqual([
      ['ext_mandarin_cert', '新名'],
      ['ext_b', '普通话证书编号'],
    ]);
    expect(withoutExtension(current, 0).extensions.map((e) => e.code)).toEqual(['ext_b']);
    const selected = withSelection(spec(), 'former_name', true, true);
    expect(selected.selected).toEqual({ former_name: { required: true } });
    expect(withSelection(selected, 'former_name', false).selected).toEqual({});
  });
});

describe('optional indicators', () => {
  it('lists indicators optional somewhere, with where they are optional', () => {
    const groups = [
      {
        code: 'basic',
        indicators: [
          { code: 'name', stages: ['kindergarten', 'higher'], core_stages: ['kindergarten', 'higher'] },
          { code: 'health', stages: ['kindergarten', 'higher'], core_stages: ['kindergarten'] },
        ],
      },
      { code: 'work', indicators: [{ code: 'x', stages: ['higher'], core_stages: ['higher'] }] },
    ] as unknown as IndicatorGroup[];
    const result = optionalIndicators(groups);
    expect(result).toHaveLength(1);
    expect(result[0]?.indicators.map((row) => [row.indicator.code, row.optionalIn])).toEqual([['health', ['higher']]]);
  });
});

describe('the publish diff in words', () => {
  it('names each kind of change with codes and names', () => {
    const diff = {
      selected_added: ['former_name'],
      selected_removed: [],
      required_changed: [],
      extensions_added: ['ext_mandarin_cert', 'ext_b'],
      extensions_removed: [],
      extensions_changed: [],
      code_tables_added: [],
      code_tables_removed: ['gs-level'],
      code_tables_changed: [],
    };
    const names: Record<string, string> = { ext_mandarin_cert: '普通话证书编号', former_name: '曾用名' };
    expect(diffLines(diff, t, (code) => names[code])).toEqual([
      '新增使用的可选指标: former_name 曾用名',
      '新增扩展指标: ext_mandarin_cert 普通话证书编号、ext_b',
      '删除省级代码表: gs-level',
    ]);
  });

  it('is empty when nothing changes', () => {
    const none = {
      selected_added: [],
      selected_removed: [],
      required_changed: [],
      extensions_added: [],
      extensions_removed: [],
      extensions_changed: [],
      code_tables_added: [],
      code_tables_removed: [],
      code_tables_changed: [],
    };
    expect(diffLines(none, t)).toEqual([]);
  });
});

describe('API errors of a spec', () => {
  const error = new ApiError(400, 'invalid', '指标体系有误', {
    'extensions.1.code': [{ code: 'invalid_format', message: '代码格式不对' }],
    'extensions.1.validation.max_length': [{ code: 'invalid', message: '太长' }],
    'code_tables.0.items.2.name': [{ code: 'required', message: '必填' }],
    'selected.name': [{ code: 'core_indicator', message: '核心指标不能选择' }],
  });
  const current = spec({
    extensions: [ext({ code: 'ext_a' }), ext({ code: 'ext_B' })],
    code_tables: [{ slug: 'gs-level', name: '等级', items: [] }],
  });

  it('puts errors under a prefix at nested form fields', () => {
    expect(errorsUnder(error, 'extensions.1')).toEqual([
      { name: ['code'], errors: ['代码格式不对'] },
      { name: ['validation', 'max_length'], errors: ['太长'] },
    ]);
    expect(errorsUnder(error, 'code_tables.0')).toEqual([{ name: ['items', 2, 'name'], errors: ['必填'] }]);
    expect(errorsUnder(new Error('x'), 'extensions.0')).toEqual([]);
  });

  it('describes every error by what it is about, leaving out those shown at fields', () => {
    expect(describeSpecErrors(error, current, t, '失败')).toEqual([
      '指标体系有误',
      '扩展指标 ext_B · code: 代码格式不对',
      '扩展指标 ext_B · validation.max_length: 太长',
      '代码表 gs-level · 第 3 项 · name: 必填',
      '可选指标 name: 核心指标不能选择',
    ]);
    expect(describeSpecErrors(error, current, t, '失败', 'extensions.1')).toHaveLength(3);
    expect(describeSpecErrors(new Error('boom'), current, t, '失败')).toEqual(['失败']);
  });
});
