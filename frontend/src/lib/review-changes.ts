/**
 * The field-level changes of a change request, as the review engine reports them in two shapes: a review item's
 * `diff` (`{fields: {code: [old, new]}, group: {op, group, record, data, old}}`) and a timeline entry's `changes`
 * (`{code: {old, new}, "study:update": {old, new}}`). Both become one ChangeSet, then rows: one per indicator that
 * changed, province extensions (kept under `extra`) expanded to their own rows.
 */

export type GroupOp = 'create' | 'update' | 'delete';

/** A change of one record of a many-valued group. */
export interface GroupOperation {
  op: GroupOp;
  group: string;
  record: number | null;
  /** The record's values after the change (create, update). */
  data: Record<string, unknown> | null;
  /** The record's values before the change (update). */
  old: Record<string, unknown> | null;
}

export interface ChangeSet {
  /** One-per-teacher indicators: code → [old, new]; `extra` holds the extensions' objects. */
  fields: Record<string, readonly [unknown, unknown]>;
  group: GroupOperation | null;
}

/** One changed indicator: `group` is the many-valued group's code for a record change, null for the archive. */
export interface ChangeRow {
  key: string;
  code: string;
  group: string | null;
  extension: boolean;
  old: unknown;
  new: unknown;
}

const OPS: readonly GroupOp[] = ['create', 'update', 'delete'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const recordOrNull = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null);

/** Blank values (`null`, `""`, `[]`, absent) count as the same: the API treats them alike. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function groupOperation(value: unknown, op?: string, group?: string): GroupOperation | null {
  if (!isRecord(value)) return null;
  const kind = op ?? value.op;
  const code = group ?? value.group;
  if (typeof kind !== 'string' || !(OPS as readonly string[]).includes(kind) || typeof code !== 'string') return null;
  return {
    op: kind as GroupOp,
    group: code,
    record: typeof value.record === 'number' ? value.record : null,
    data: recordOrNull(value.data ?? value.new),
    old: recordOrNull(value.old),
  };
}

/** An import's records of one group for an approved archive (a change request's `groups`). */
export interface GroupImport {
  group: string;
  mode: 'append' | 'replace';
  /** The records the file brings. */
  data: Record<string, unknown>[];
  /** With `replace`: the teacher's records of the group that they take the place of. */
  old: Record<string, unknown>[];
}

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** The imports a review item's `diff` carries (none for other change requests). */
export function groupImportsFromDiff(diff: unknown): GroupImport[] {
  if (!isRecord(diff) || !Array.isArray(diff.groups)) return [];
  return diff.groups.filter(isRecord).flatMap((value) =>
    typeof value.group === 'string'
      ? [{ group: value.group, mode: value.mode === 'replace' ? 'replace' : 'append', data: records(value.data), old: records(value.old) }]
      : [],
  );
}

/** The import's records as changes ChangeTable shows: each a record created. */
export function importChangeSets(imported: GroupImport): ChangeSet[] {
  return imported.data.map((data) => ({ fields: {}, group: { op: 'create', group: imported.group, record: null, data, old: null } }));
}

/** A review item's `diff` (null for a new archive, which has none). */
export function changeSetFromDiff(diff: unknown): ChangeSet | null {
  if (!isRecord(diff)) return null;
  const fields: Record<string, readonly [unknown, unknown]> = {};
  if (isRecord(diff.fields)) {
    for (const [code, pair] of Object.entries(diff.fields)) {
      if (Array.isArray(pair)) fields[code] = [pair[0], pair[1]];
    }
  }
  return { fields, group: groupOperation(diff.group) };
}

/** A timeline entry's `changes` (null when the entry changed nothing). */
export function changeSetFromTimeline(changes: unknown): ChangeSet | null {
  if (!isRecord(changes)) return null;
  const fields: Record<string, readonly [unknown, unknown]> = {};
  let group: GroupOperation | null = null;
  for (const [key, value] of Object.entries(changes)) {
    if (!isRecord(value)) continue;
    const match = /^([a-z_]+):(create|update|delete)$/.exec(key);
    if (match) {
      group = groupOperation(value, match[2], match[1]);
    } else {
      fields[key] = [value.old, value.new];
    }
  }
  if (Object.keys(fields).length === 0 && !group) return null;
  return { fields, group };
}

function extensionRows(old: unknown, next: unknown, group: string | null, onlyFilled: boolean): ChangeRow[] {
  const before = recordOrNull(old) ?? {};
  const after = recordOrNull(next) ?? {};
  const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return codes
    .filter((code) => (onlyFilled ? !isBlank(after[code]) : !sameValue(before[code], after[code])))
    .map((code) => ({
      key: `${group ?? ''}.extra.${code}`,
      code,
      group,
      extension: true,
      old: before[code],
      new: after[code],
    }));
}

/**
 * The rows to show: every indicator whose value changes. A new group record lists its filled indicators (old
 * empty); a deleted one has no values in the request, so it gives no rows (the caller says what is deleted).
 */
export function changeRows(set: ChangeSet): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const [code, [old, next]] of Object.entries(set.fields)) {
    if (code === 'extra') {
      rows.push(...extensionRows(old, next, null, false));
    } else if (!sameValue(old, next)) {
      rows.push({ key: code, code, group: null, extension: false, old, new: next });
    }
  }
  const operation = set.group;
  if (operation && operation.op !== 'delete') {
    const before = operation.op === 'update' ? (operation.old ?? {}) : {};
    const after = operation.data ?? {};
    const creating = operation.op === 'create';
    const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const code of codes) {
      if (code === 'extra') {
        rows.push(...extensionRows(before.extra, after.extra, operation.group, creating));
        continue;
      }
      const changed = creating ? !isBlank(after[code]) : !sameValue(before[code], after[code]);
      if (changed) {
        rows.push({ key: `${operation.group}.${code}`, code, group: operation.group, extension: false, old: before[code], new: after[code] });
      }
    }
  }
  return rows;
}

/** A list endpoint's items, whether the API sends a bare array or a page (`{results: [...]}`). */
export function listResults<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (isRecord(data) && Array.isArray(data.results)) return data.results as T[];
  return [];
}

/**
 * A row change from the archive's history (field → {old, new}) as a ChangeSet: the archive's own fields, or one
 * record of the group `group`. The masked ID number (`id_masked`) is the catalogue's `id_number`.
 */
export function changeSetFromRowEvent(group: string | null, changes: unknown): ChangeSet | null {
  if (!isRecord(changes)) return null;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!isRecord(value)) continue;
    const code = key === 'id_masked' ? 'id_number' : key;
    before[code] = value.old;
    after[code] = value.new;
  }
  const codes = Object.keys(after);
  if (codes.length === 0) return null;
  if (group) return { fields: {}, group: { op: 'update', group, record: null, data: after, old: before } };
  return { fields: Object.fromEntries(codes.map((code) => [code, [before[code], after[code]] as const])), group: null };
}
