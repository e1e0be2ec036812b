import type { EffectiveGroup, EffectiveSchema } from '@/lib/catalogue-api';
import { buildFormFields, type FormField } from '@/lib/catalogue-fields';

/** The one-row groups of the archive this page edits, in the national order. */
export const ARCHIVE_GROUPS = ['basic', 'contact'] as const;

/** Key information: validated strictly on every save, shown first. */
export const KEY_FIELDS = ['name', 'gender', 'nationality', 'id_type', 'id_number', 'birth_date'] as const;

export type FormValues = Record<string, unknown>;

export function archiveGroups(schema: EffectiveSchema): EffectiveGroup[] {
  return schema.groups
    .filter((group) => !group.many && (ARCHIVE_GROUPS as readonly string[]).includes(group.code))
    .sort((a, b) => a.order - b.order);
}

export function archiveFields(schema: EffectiveSchema, language: string): FormField[] {
  return archiveGroups(schema).flatMap((group) => buildFormFields(group, language));
}

/** Resident ID numbers (18 characters) carry the birth date in characters 7–14. */
export function birthDateFromId(idType: unknown, idNumber: unknown): string | null {
  if (idType !== '1' || typeof idNumber !== 'string') return null;
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(idNumber.trim());
  if (!match) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** 性别 from a resident ID number (GB 11643: the 17th digit is odd for men): '1' 男, '2' 女, null otherwise. */
export function genderFromId(idType: unknown, idNumber: unknown): string | null {
  if (idType !== '1' || typeof idNumber !== 'string') return null;
  const match = /^\d{16}(\d)[\dXx]$/.exec(idNumber.trim());
  if (!match) return null;
  return Number(match[1]) % 2 === 1 ? '1' : '2';
}

/** Search text that looks like an ID document number (has digits, no spaces, 8+ characters) rather than a name. */
export function looksLikeIdNumber(text: string): boolean {
  const value = text.trim();
  return value.length >= 8 && /\d{4}/.test(value) && /^[0-9A-Za-z()（）-]+$/.test(value);
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** Form values of an archive: the indicators plus the province extensions kept in `extra`. */
export function toFormValues(record: Record<string, unknown>, fields: FormField[]): FormValues {
  const extra = (typeof record.extra === 'object' && record.extra !== null ? record.extra : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const field of fields) {
    out[field.code] = field.extension ? extra[field.code] : record[field.code];
  }
  return out;
}

/** Whether two versions of a record show the same values in a form of these fields. */
export function sameFormValues(a: Record<string, unknown>, b: Record<string, unknown>, fields: FormField[]): boolean {
  const one = toFormValues(a, fields);
  const other = toFormValues(b, fields);
  return fields.every((field) => JSON.stringify(one[field.code] ?? null) === JSON.stringify(other[field.code] ?? null));
}

/**
 * The request body: indicators at the top level, extensions under `extra`. With `initial` only what changed
 * is sent (a masked ID number that was not touched stays out); without it, empty values are left out.
 */
export function toRequestBody(
  values: FormValues,
  fields: FormField[],
  initial?: FormValues,
  initialExtra: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const extra: Record<string, unknown> = { ...initialExtra };
  let extraChanged = false;
  for (const field of fields) {
    const value = values[field.code];
    if (initial) {
      if (JSON.stringify(value ?? null) === JSON.stringify(initial[field.code] ?? null)) continue;
    } else if (isEmpty(value)) {
      continue;
    }
    if (field.extension) {
      extra[field.code] = value ?? null;
      extraChanged = true;
    } else {
      // Cleared: null where the API's field is nullable (yes/no, numbers), an empty string for texts and codes.
      body[field.code] = value ?? (field.widget === 'switch' || field.widget === 'number' ? null : '');
    }
  }
  if (extraChanged) body.extra = extra;
  return body;
}

/** Warnings of a save: `{field: [{code, message}]}`, extensions as `extra.<code>`. */
export type SaveWarnings = Record<string, Record<string, unknown>[]>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The message of one warning (its code when the server sent no message). */
export function warningMessage(item: Record<string, unknown>): string {
  return text(item.message) || text(item.code);
}

/** Warnings of a save as lines `label：message`. */
export function warningLines(warnings: SaveWarnings | undefined, fields: FormField[]): string[] {
  if (!warnings) return [];
  const labels = new Map(fields.map((field) => [field.code, field.label]));
  return Object.entries(warnings).flatMap(([code, list]) =>
    list.map((item) => {
      const message = warningMessage(item);
      const label = labels.get(code.replace(/^extra\./, ''));
      return label && !message.includes(label) ? `${label}：${message}` : message;
    }),
  );
}
