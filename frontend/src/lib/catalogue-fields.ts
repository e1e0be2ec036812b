import type { components } from '@/api/generated/schema';
import { localName } from '@/lib/catalogue-names';

type EffectiveGroup = components['schemas']['EffectiveGroup'];

export type Widget = 'input' | 'number' | 'date' | 'month' | 'switch' | 'select' | 'multi-select' | 'organisation';

/** One input of a generated form: everything the form needs, read from the schema and the UI hints. */
export interface FormField {
  code: string;
  label: string;
  help: string;
  widget: Widget;
  /** The catalogue data type (`text`, `code`, …). */
  dataType: string;
  required: boolean;
  core: boolean;
  extension: boolean;
  derived: boolean;
  codeTable: string | null;
  codes: string[] | null;
  integer: boolean;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

interface UiField {
  label?: unknown;
  label_en?: unknown;
  widget?: unknown;
  data_type?: unknown;
  code_table?: unknown;
  help?: unknown;
  help_en?: unknown;
  required?: unknown;
  core?: unknown;
  extension?: unknown;
  derived?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const WIDGETS: readonly Widget[] = ['input', 'number', 'date', 'month', 'switch', 'select', 'multi-select', 'organisation'];

function widgetOf(ui: UiField, property: Record<string, unknown>): Widget {
  const widget = str(ui.widget);
  if ((WIDGETS as readonly string[]).includes(widget)) return widget as Widget;
  // No hint: fall back on the JSON Schema.
  if (property.type === 'boolean') return 'switch';
  if (property.type === 'integer' || property.type === 'number') return 'number';
  if (property.type === 'array') return 'multi-select';
  if (Array.isArray(property.enum)) return 'select';
  if (property.format === 'date') return 'date';
  return 'input';
}

function enumOf(property: Record<string, unknown>): string[] | null {
  const direct = property.enum;
  if (Array.isArray(direct)) return direct.map(String);
  const items = property.items;
  if (isRecord(items) && Array.isArray(items.enum)) return items.enum.map(String);
  return null;
}

/** The inputs of one group's form in the catalogue's order (`ui.order`), labels in the UI language. */
export function buildFormFields(group: EffectiveGroup, language: string): FormField[] {
  const schema = group.schema;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const requiredList = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const ui = group.ui;
  const uiFields = isRecord(ui.fields) ? ui.fields : {};
  const order = Array.isArray(ui.order) ? ui.order.map(String) : Object.keys(properties);
  const english = language.startsWith('en');

  return order
    .filter((code) => isRecord(properties[code]) || isRecord(uiFields[code]))
    .map((code) => {
      const property = isRecord(properties[code]) ? properties[code] : {};
      const hint: UiField = isRecord(uiFields[code]) ? uiFields[code] : {};
      const label = localName(language, str(hint.label) || str(property.title) || code, str(hint.label_en) || str(property['x-title-en']));
      const help = english ? str(hint.help_en) || str(hint.help) : str(hint.help) || str(property.description);
      const codeTable = str(hint.code_table) || str(property['x-code-table']) || null;
      return {
        code,
        label,
        help,
        widget: widgetOf(hint, property),
        dataType: str(hint.data_type) || str(property.type),
        required: hint.required === true || requiredList.includes(code),
        core: hint.core === true,
        extension: hint.extension === true,
        derived: hint.derived === true,
        codeTable,
        codes: enumOf(property),
        integer: property.type === 'integer',
        minimum: num(property.minimum),
        maximum: num(property.maximum),
        maxLength: num(property.maxLength),
        pattern: str(property.pattern) || undefined,
      };
    });
}

export interface DisplayWords {
  yes: string;
  no: string;
}

/**
 * A value as the tables show it: a code by its name (the code itself when the name is unknown), several codes
 * joined, booleans as yes/no, empty as ''.
 */
export function displayValue(
  field: Pick<FormField, 'widget'>,
  value: unknown,
  names: ReadonlyMap<string, string> | undefined,
  words: DisplayWords,
): string {
  if (value === null || value === undefined || value === '') return '';
  const name = (code: string) => names?.get(code) || code;
  const scalar = (item: unknown) => (typeof item === 'string' || typeof item === 'number' ? String(item) : JSON.stringify(item));
  if (Array.isArray(value)) return value.map((item) => name(scalar(item))).join('、');
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (field.widget === 'select') return name(scalar(value));
  return scalar(value);
}
