import { describe, expect, it } from 'vitest';

import type { TimelineEntry } from '@/features/teachers/api/teachers-api';
import {
  archiveFieldErrors,
  entryChanges,
  entryLabel,
  parseProblemKey,
  pendingChangeSubmission,
  returnNotice,
  submitProblems,
  visibleEntries,
  withdrawableSubmission,
} from '@/features/teachers/utils/review';

const entry = (action: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  at: '2026-12-01T10:00:00Z',
  action: action as TimelineEntry['action'],
  actor: { id: 1, display_name: '填报员' },
  kind: null,
  submission: null,
  level: '',
  organisation: null,
  reason: '',
  group: null,
  record: null,
  changes: {},
  kind_name: '',
  diff: null,
  imports: [],
  ...extra,
});

describe('submit problems', () => {
  it('places a problem at a record of a group or at the archive', () => {
    expect(parseProblemKey('study[0].study_major')).toEqual({ group: 'study', index: 0, field: 'study_major' });
    expect(parseProblemKey('work[12].extra.ext_x')).toEqual({ group: 'work', index: 12, field: 'ext_x' });
    expect(parseProblemKey('ethnicity')).toEqual({ group: null, index: null, field: 'ethnicity' });
    expect(parseProblemKey('extra.ext_mandarin_cert')).toEqual({ group: null, index: null, field: 'ext_mandarin_cert' });
  });

  it('lists every field problem with its messages, not the summary keys', () => {
    const problems = submitProblems({
      ethnicity: [{ code: 'required', message: '必填' }],
      'study[1].study_major': [{ code: 'required', message: '必填' }, { code: 'max_length', message: '太长' }],
      detail: [{ code: 'invalid', message: '档案未通过校验' }],
    });
    expect(problems.map((problem) => [problem.key, problem.group, problem.index, problem.messages])).toEqual([
      ['ethnicity', null, null, ['必填']],
      ['study[1].study_major', 'study', 1, ['必填', '太长']],
    ]);
  });
});

describe('the archive’s review state from its timeline', () => {
  const submitted = entry('submit', { submission: 8, kind: 'teacher_info', actor: { id: 1, display_name: '填报员' } });
  const stateRow = entry('changed', { submission: null, changes: { record_state: { old: 'draft', new: 'submitted' } } });

  it('offers withdrawing the newest submission while nobody has decided on it, to its submitter', () => {
    expect(withdrawableSubmission([entry('filled'), submitted, stateRow], 1)).toBe(8);
    expect(withdrawableSubmission([entry('filled'), submitted], 2)).toBeNull();
    expect(withdrawableSubmission([submitted, entry('approve', { submission: 8 })], 1)).toBeNull();
    expect(withdrawableSubmission([submitted, entry('withdraw', { submission: 8 })], 1)).toBeNull();
    expect(withdrawableSubmission([entry('filled')], 1)).toBeNull();
  });

  it('tells a returned archive the reason of its last return', () => {
    const first = entry('return', { submission: 8, reason: '民族填写有误' });
    const second = entry('return', { submission: 8, reason: '请补充学历' });
    const timeline = [submitted, first, entry('submit', { submission: 8 }), second];
    expect(returnNotice({ record_state: 'returned', pending_change: false }, timeline)?.reason).toBe('请补充学历');
    expect(returnNotice({ record_state: 'submitted', pending_change: false }, timeline)).toBeNull();
  });

  it('tells an approved archive that its change request came back, until a new change is open', () => {
    const change = [submitted, entry('approve', { submission: 8 }), entry('submit', { submission: 9, kind: 'teacher_change' })];
    const returned = [...change, entry('return', { submission: 9, reason: '证明材料不足' })];
    expect(returnNotice({ record_state: 'approved', pending_change: false }, returned)?.reason).toBe('证明材料不足');
    expect(returnNotice({ record_state: 'approved', pending_change: false }, change)).toBeNull();
    expect(pendingChangeSubmission({ pending_change: true }, change)).toBe(9);
    expect(pendingChangeSubmission({ pending_change: false }, change)).toBeNull();
  });
});

describe('timeline entries', () => {
  it('names row changes of the archive and of group records, and review events', () => {
    expect(entryLabel(entry('filled'))).toBe('created');
    expect(entryLabel(entry('created'))).toBe('created');
    expect(entryLabel(entry('filled', { group: 'study' }))).toBe('recordFilled');
    expect(entryLabel(entry('changed'))).toBe('changed');
    expect(entryLabel(entry('changed', { group: 'study' }))).toBe('recordChanged');
    expect(entryLabel(entry('removed', { group: 'study' }))).toBe('recordRemoved');
    expect(entryLabel(entry('return'))).toBe('return');
    expect(entryLabel(entry('mystery'))).toBe('other');
  });

  it('shows a change request’s diff on its submit and a row change’s before/after', () => {
    const submit = entry('submit', { changes: { political_status: { old: ['13'], new: ['01'] } } });
    expect(entryChanges(submit)?.fields).toEqual({ political_status: [['13'], ['01']] });
    const row = entry('changed', { group: 'study', changes: { study_major: { old: '数学', new: '物理' } } });
    expect(entryChanges(row)?.group).toMatchObject({ group: 'study', old: { study_major: '数学' }, data: { study_major: '物理' } });
    expect(entryChanges(entry('approve'))).toBeNull();
  });

  it('leaves out row changes that touched no indicator of the catalogue', () => {
    const known = (group: string | null, code: string) => (group === null ? ['ethnicity'].includes(code) : code === 'study_major');
    const entries = [
      entry('filled'),
      entry('changed', { changes: { record_state: { old: 'draft', new: 'submitted' } } }),
      entry('changed', { changes: { ethnicity: { old: '', new: '01' }, ever_approved: { old: false, new: true } } }),
      entry('changed', { group: 'study', changes: { study_major: { old: '数学', new: '物理' } } }),
      entry('submit'),
    ];
    expect(visibleEntries(entries, known).map((item) => [item.action, item.group])).toEqual([
      ['filled', null],
      ['changed', null],
      ['changed', 'study'],
      ['submit', null],
    ]);
  });
});

describe('problems at the fields', () => {
  it('keeps the archive’s own fields, joining their messages, and leaves records to the list', () => {
    const problems = submitProblems({
      ethnicity: [{ code: 'required', message: '必填' }],
      'extra.ext_x': [{ code: 'required', message: '必填' }],
      'study[0].study_major': [{ code: 'required', message: '必填' }],
    });
    expect(archiveFieldErrors(problems)).toEqual({ ethnicity: ['必填'], ext_x: ['必填'] });
    expect(archiveFieldErrors(null)).toEqual({});
  });
});
