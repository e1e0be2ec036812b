import type { TFunction } from 'i18next';

import type {
  CatalogueDiff,
  CatalogueSpec,
  DataType,
  IndicatorGroup,
  ProvinceCatalogueState,
  SpecCodeTable,
  SpecExtension,
} from '@/features/catalog/api/catalog-api';
import { ApiError } from '@/lib/api-error';

/** The server's rules (backend catalog services): ext_ + up to 40 of [a-z0-9_]; slugs 2–41 of [a-z0-9-]. */
export const EXTENSION_CODE = /^ext_[a-z0-9_]{1,40}$/;
export const TABLE_SLUG = /^[a-z0-9][a-z0-9-]{1,40}$/;

export const CODED_TYPES: readonly DataType[] = ['code', 'multi_code'];
export const LENGTH_TYPES: readonly DataType[] = ['text', 'id_number'];
export const RANGE_TYPES: readonly DataType[] = ['integer', 'decimal'];

export function emptySpec(): CatalogueSpec {
  return { selected: {}, extensions: [], code_tables: [] };
}

/** What the editor starts from: the draft, else the version in force, else nothing (a deep copy). */
export function startingSpec(state: ProvinceCatalogueState | undefined): CatalogueSpec {
  const spec = state?.draft?.spec ?? state?.published?.spec;
  if (!spec) return emptySpec();
  return structuredClone({
    selected: spec.selected,
    extensions: spec.extensions,
    code_tables: spec.code_tables,
  });
}

function trimmed(value: string | undefined | null): string {
  return (value ?? '').trim();
}

/** One extension as the API takes it: trimmed text, rules and code table only where the type uses them. */
export function normaliseExtension(ext: SpecExtension): SpecExtension {
  const validation: Record<string, unknown> = {};
  const rules = ext.validation ?? {};
  const keep = (key: string) => {
    const value = rules[key];
    if (typeof value === 'number' && Number.isFinite(value)) validation[key] = value;
  };
  if (LENGTH_TYPES.includes(ext.type)) keep('max_length');
  if (RANGE_TYPES.includes(ext.type)) {
    keep('minimum');
    keep('maximum');
  }
  // Rules the editor does not show (pattern, …) are kept as they came.
  for (const [key, value] of Object.entries(rules)) {
    if (!['max_length', 'minimum', 'maximum'].includes(key)) validation[key] = value;
  }
  return {
    code: trimmed(ext.code),
    group: ext.group,
    name: trimmed(ext.name),
    name_en: trimmed(ext.name_en),
    type: ext.type,
    code_table: CODED_TYPES.includes(ext.type) ? ext.code_table || null : null,
    required: Boolean(ext.required),
    stages: ext.stages ?? [],
    validation,
    help: trimmed(ext.help),
    help_en: trimmed(ext.help_en),
    ...(ext.order !== undefined ? { order: ext.order } : {}),
  };
}

export function normaliseCodeTable(table: SpecCodeTable): SpecCodeTable {
  return {
    slug: trimmed(table.slug),
    name: trimmed(table.name),
    name_en: trimmed(table.name_en),
    items: table.items
      .map((item) => ({ code: trimmed(item.code), name: trimmed(item.name), name_en: trimmed(item.name_en) }))
      .filter((item) => item.code || item.name),
  };
}

/** The whole spec for PUT …/draft/ (the server replaces the draft with what it gets). */
export function toSpecBody(spec: CatalogueSpec): CatalogueSpec {
  const selected: CatalogueSpec['selected'] = {};
  for (const [code, choice] of Object.entries(spec.selected)) selected[code] = { required: choice.required };
  return {
    selected,
    extensions: spec.extensions.map(normaliseExtension),
    code_tables: spec.code_tables.map(normaliseCodeTable),
  };
}

/** Puts an extension at `index` (or appends it when index is null). */
export function withExtension(spec: CatalogueSpec, ext: SpecExtension, index: number | null): CatalogueSpec {
  const extensions = [...spec.extensions];
  if (index === null) extensions.push(ext);
  else extensions[index] = ext;
  return { ...spec, extensions };
}

export function withoutExtension(spec: CatalogueSpec, index: number): CatalogueSpec {
  return { ...spec, extensions: spec.extensions.filter((_, i) => i !== index) };
}

export function withCodeTable(spec: CatalogueSpec, table: SpecCodeTable, index: number | null): CatalogueSpec {
  const code_tables = [...spec.code_tables];
  if (index === null) code_tables.push(table);
  else code_tables[index] = table;
  return { ...spec, code_tables };
}

export function withoutCodeTable(spec: CatalogueSpec, index: number): CatalogueSpec {
  return { ...spec, code_tables: spec.code_tables.filter((_, i) => i !== index) };
}

/** Uses (or stops using) an optional national indicator, and sets whether the province requires it. */
export function withSelection(spec: CatalogueSpec, code: string, use: boolean, required = false): CatalogueSpec {
  const selected = Object.fromEntries(Object.entries(spec.selected).filter(([key]) => key !== code));
  if (use) selected[code] = { required };
  return { ...spec, selected };
}

/** National indicators a province may choose: optional in at least one school kind, by group. */
export function optionalIndicators(groups: IndicatorGroup[]) {
  return groups
    .map((group) => ({
      group,
      indicators: group.indicators
        .filter((indicator) => indicator.stages.some((stage) => !indicator.core_stages.includes(stage)))
        .map((indicator) => ({
          indicator,
          optionalIn: indicator.stages.filter((stage) => !indicator.core_stages.includes(stage)),
        })),
    }))
    .filter((entry) => entry.indicators.length > 0);
}

export const DIFF_KEYS = [
  'selected_added',
  'selected_removed',
  'required_changed',
  'extensions_added',
  'extensions_removed',
  'extensions_changed',
  'code_tables_added',
  'code_tables_removed',
  'code_tables_changed',
] as const satisfies readonly (keyof CatalogueDiff)[];

/** The diff in words, one line per kind of change: "新增扩展指标：ext_a 普通话证书编号、ext_b …". */
export function diffLines(
  diff: CatalogueDiff,
  t: TFunction<'catalog'>,
  nameOf: (code: string) => string | undefined = () => undefined,
  separator = '、',
): string[] {
  const lines: string[] = [];
  for (const key of DIFF_KEYS) {
    const codes = diff[key];
    if (codes.length === 0) continue;
    const named = codes.map((code) => {
      const name = nameOf(code);
      return name ? `${code} ${name}` : code;
    });
    lines.push(`${t(`province.diff.${key}`)}: ${named.join(separator)}`);
  }
  return lines;
}

export interface NestedFieldError {
  name: (string | number)[];
  errors: string[];
}

/**
 * The API's errors under `prefix` (e.g. `extensions.2`) as form fields: `extensions.2.code` → ['code'],
 * `code_tables.0.items.3.name` under `code_tables.0` → ['items', 3, 'name'].
 */
export function errorsUnder(error: unknown, prefix: string): NestedFieldError[] {
  if (!(error instanceof ApiError)) return [];
  const out: NestedFieldError[] = [];
  for (const [path, list] of Object.entries(error.errors)) {
    if (!path.startsWith(`${prefix}.`)) continue;
    const rest = path.slice(prefix.length + 1).split('.');
    out.push({
      name: rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: list.map((item) => item.message),
    });
  }
  return out;
}

/**
 * Summary lines for a failed save, naming the extension / table / indicator each error is about; errors under
 * `shownAt` are left out (the open form shows them at its fields).
 */
export function describeSpecErrors(
  error: unknown,
  spec: CatalogueSpec,
  t: TFunction<'catalog'>,
  fallback: string,
  shownAt?: string,
): string[] {
  if (!(error instanceof ApiError)) return [fallback];
  const lines: string[] = [error.message || fallback];
  for (const [path, list] of Object.entries(error.errors)) {
    // Errors already shown at a form's fields (e.g. under `extensions.2`) stay out of the summary.
    if (shownAt && path.startsWith(`${shownAt}.`)) continue;
    const parts = path.split('.');
    let where = path;
    if (parts[0] === 'extensions' && parts[1] !== undefined) {
      const ext = spec.extensions[Number(parts[1])];
      where = `${t('province.errorPaths.extension', { name: ext ? ext.code || ext.name : parts[1] })} · ${parts.slice(2).join('.')}`;
    } else if (parts[0] === 'code_tables' && parts[1] !== undefined) {
      const table = spec.code_tables[Number(parts[1])];
      const rest = parts.slice(2);
      const item = rest[0] === 'items' && rest[1] !== undefined ? ` · ${t('province.errorPaths.item', { n: Number(rest[1]) + 1 })}` : '';
      const field = rest[0] === 'items' ? rest.slice(2).join('.') : rest.join('.');
      where = `${t('province.errorPaths.codeTable', { name: table ? table.slug || table.name : parts[1] })}${item} · ${field}`;
    } else if (parts[0] === 'selected' && parts[1] !== undefined) {
      where = t('province.errorPaths.selected', { name: parts[1] });
    } else if (path === 'non_field_errors' || path === 'detail') {
      where = '';
    }
    for (const item of list) {
      const line = where ? `${where.replace(/ · $/, '')}: ${item.message}` : item.message;
      if (!lines.includes(line)) lines.push(line);
    }
  }
  return lines;
}
