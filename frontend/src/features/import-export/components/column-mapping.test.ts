import { describe, expect, it } from 'vitest';

import type { ImportColumn, ImportJob } from '@/features/import-export/api/imports-api';
import { initialMapping, needsMappingStep } from '@/features/import-export/components/column-mapping';
import { importOutcome } from '@/features/import-export/utils/jobs';

const column = (header: string, field: string | null, source: ImportColumn['source'], confidence = 1): ImportColumn => ({
  index: 0,
  header,
  field,
  field_name: '',
  confidence,
  source,
});

const job = (layout: ImportJob['layout'], state: ImportJob['state'] = 'done') =>
  ({ state, dry_run: true, rows_failed: 0, rows_warned: 0, layout }) as unknown as ImportJob;

describe('the mapping step', () => {
  it('starts from what the import used and its proposals; unknown, hidden and repeated columns are ignored', () => {
    const columns = [
      column('身份证号码', 'id_number', 'synonym', 0.95),
      column('老师名', 'name', 'proposal', 0.5),
      column('备注', null, 'none', 0),
      column('性别', null, 'hidden', 0),
      column('姓名', 'name', 'duplicate', 1),
    ];
    expect(initialMapping(columns)).toEqual({ 身份证号码: 'id_number', 老师名: 'name', 备注: '', 性别: '', 姓名: '' });
  });

  it('is shown when a key column is missing or a header was not recognised, never while the job runs', () => {
    expect(needsMappingStep(job({ needs_mapping: true, columns: [] }))).toBe(true);
    expect(needsMappingStep(job({ needs_mapping: false, columns: [column('备注', null, 'none', 0)] }))).toBe(true);
    expect(needsMappingStep(job({ needs_mapping: false, columns: [column('姓名', 'name', 'name')] }))).toBe(false);
    expect(needsMappingStep(job({ needs_mapping: true, columns: [] }, 'running'))).toBe(false);
    expect(needsMappingStep(job({}))).toBe(false);
  });

  it('makes a job that read no row for want of a key column a mapping outcome, not a dry run', () => {
    expect(importOutcome(job({ needs_mapping: true, columns: [] }))).toBe('mapping');
    expect(importOutcome(job({ needs_mapping: false, columns: [] }))).toBe('checked');
  });
});
