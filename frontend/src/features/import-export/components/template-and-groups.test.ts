import { describe, expect, it } from 'vitest';

import type { ExportGroup } from '@/features/import-export/api/exports-api';
import { requestedGroups } from '@/features/import-export/components/export-dialog';
import { templateOptions } from '@/features/import-export/components/template-step';

const GROUPS: ExportGroup[] = [
  { code: 'study', name: '学习经历', name_en: 'Study history', owned: false },
  { code: 'training', name: '国内培训', name_en: 'Domestic training', owned: true },
  { code: 'ethics', name: '师德信息', name_en: 'Professional ethics', owned: false },
];
const LABELS = { basic: '基本信息', all: '全部信息集', groups: '单个信息集' };

describe('templateOptions', () => {
  it('offers basic, all, then each group that has a template, in the reader’s language', () => {
    const options = templateOptions(GROUPS, 'zh-CN', LABELS);
    expect(options.slice(0, 2)).toEqual([
      { value: 'basic', label: '基本信息' },
      { value: 'all', label: '全部信息集' },
    ]);
    expect(options[2]).toMatchObject({
      label: '单个信息集',
      options: [
        { value: 'study', label: '学习经历' },
        { value: 'ethics', label: '师德信息' },
      ],
    });
    expect(JSON.stringify(options)).not.toContain('training'); // written by the training module: no template
    expect(templateOptions(GROUPS, 'en', LABELS)[2]).toMatchObject({ options: [{ label: 'Study history' }, { label: 'Professional ethics' }] });
  });

  it('has only basic and all while the groups are unknown', () => {
    expect(templateOptions([], 'zh-CN', LABELS).map((option) => option.label)).toEqual(['基本信息', '全部信息集']);
  });
});

describe('requestedGroups', () => {
  it('sends the chosen groups with Excel, all of them as ["all"]', () => {
    expect(requestedGroups('xlsx', ['study', 'training'])).toEqual(['study', 'training']);
    expect(requestedGroups('xlsx', ['study', 'all'])).toEqual(['all']);
  });

  it('sends none with CSV or when nothing is chosen', () => {
    expect(requestedGroups('csv', ['study'])).toBeUndefined();
    expect(requestedGroups('xlsx', [])).toBeUndefined();
    expect(requestedGroups('xlsx', undefined)).toBeUndefined();
  });
});
