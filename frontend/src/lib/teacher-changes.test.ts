import { describe, expect, it } from 'vitest';

import { changeFromDiff, isChangeReview, placeName } from '@/lib/teacher-changes';

describe('changeFromDiff', () => {
  it('reads the change a review item of a teacher change describes', () => {
    const change = changeFromDiff({
      change: {
        id: 3,
        kind: 'transfer',
        kind_name: 'Transfer',
        teacher_no: '6201020000001',
        name_masked: '张*伟',
        from_school_name: 'A',
        from_province_name: '甘肃省',
        to_school_name: 'B',
        to_province_name: '甘肃省',
        effective_date: '2026-09-01',
        end_date: null,
        reason: '工作需要',
        personnel_status: '',
        employment_status: '',
      },
    });
    expect(change).toMatchObject({ id: 3, kind: 'transfer', name_masked: '张*伟', end_date: null, to_school_name: 'B' });
  });

  it('is null for other items', () => {
    expect(changeFromDiff(null)).toBeNull();
    expect(changeFromDiff({ fields: { name: ['a', 'b'] } })).toBeNull();
    expect(changeFromDiff({ change: 'x' })).toBeNull();
  });

  it('knows the review kinds of changes', () => {
    expect(isChangeReview('transfer')).toBe(true);
    expect(isChangeReview('teacher_status')).toBe(true);
    expect(isChangeReview('teacher_change')).toBe(false);
  });
});

describe('placeName', () => {
  it('names the province only across provinces', () => {
    expect(placeName('史家胡同小学', '北京市', '甘肃省')).toBe('北京市 史家胡同小学');
    expect(placeName('建兰路小学', '甘肃省', '甘肃省')).toBe('建兰路小学');
    expect(placeName('', '甘肃省', '北京市')).toBe('');
  });
});
