import { describe, expect, it } from 'vitest';

import { claimFormPath, claimFromDiff, isOwnedGroup, isTrainingClaimReview, teacherOfLabel } from '@/lib/training-claims';

describe('training claims as the review queue reads them', () => {
  it('reads diff.claim of a claim item', () => {
    const claim = claimFromDiff({
      claim: { id: 7, kind: 'degree', kind_name: '学历提升', title: '在职硕士', level: '9', form: '1', hours: 40, date: '2026-03-01', programme: null, teacher_no: '62', has_evidence: true, note: '' },
    });
    expect(claim).toMatchObject({ id: 7, kind_name: '学历提升', hours: 40, level: '9', form: '1', has_evidence: true, programme: null });
    expect(claimFromDiff({ change: { kind: 'transfer' } })).toBeNull();
    expect(claimFromDiff(null)).toBeNull();
  });

  it('knows the kind, the owned group and the links', () => {
    expect(isTrainingClaimReview('training_claim')).toBe(true);
    expect(isTrainingClaimReview('transfer')).toBe(false);
    expect(isOwnedGroup('training')).toBe(true);
    expect(isOwnedGroup('study')).toBe(false);
    expect(teacherOfLabel('张三 · 国培计划 · 二期')).toBe('张三');
    expect(claimFormPath(12)).toBe('/training/claims?new=1&teacher=12');
  });
});
