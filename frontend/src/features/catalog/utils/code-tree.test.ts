import { describe, expect, it } from 'vitest';

import { nestItems } from '@/features/catalog/utils/code-tree';

describe('nesting code items', () => {
  it('puts children under their parents and keeps orphans as roots', () => {
    const rows = nestItems([
      { code: '1', name: '一', name_en: '', parent: '', initials: '' },
      { code: '11', name: '一一', name_en: '', parent: '1', initials: '' },
      { code: '111', name: '一一一', name_en: '', parent: '11', initials: '' },
      { code: '9', name: '九', name_en: '', parent: 'missing', initials: '' },
    ]);
    expect(rows.map((row) => row.code)).toEqual(['1', '9']);
    expect(rows[0]?.children?.[0]?.children?.[0]?.code).toBe('111');
    expect(rows[1]?.children).toBeUndefined();
  });
});
