import type { CodeItem } from '@/features/catalog/api/catalog-api';

export interface CodeRow extends CodeItem {
  children?: CodeRow[];
}

/** Nests items under their parents for a tree table; items whose parent is missing become roots. */
export function nestItems(items: readonly CodeItem[]): CodeRow[] {
  const rows = new Map<string, CodeRow>(items.map((item) => [item.code, { ...item }]));
  const roots: CodeRow[] = [];
  for (const row of rows.values()) {
    const parent = row.parent ? rows.get(row.parent) : undefined;
    if (parent && parent !== row) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}
