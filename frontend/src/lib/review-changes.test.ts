import { describe, expect, it } from 'vitest';

import {
  type ChangeSet,
  changeRows,
  groupImportsFromDiff,
  importChangeSets,
  changeSetFromDiff,
  changeSetFromRowEvent,
  changeSetFromTimeline,
  isBlank,
  listResults,
  sameValue,
} from '@/lib/review-changes';

const rowsOf = (set: ChangeSet | null) => (set ? changeRows(set) : []);

describe('blank and equal values', () => {
  it('treats null, empty text, empty lists and absent alike', () => {
    expect([null, undefined, '', []].every(isBlank)).toBe(true);
    expect(isBlank('0')).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(['13'], ['13'])).toBe(true);
    expect(sameValue(['13'], ['01'])).toBe(false);
    expect(sameValue(false, null)).toBe(false);
  });
});

describe('a review item diff', () => {
  it('reads the archive fields and leaves unchanged ones out of the rows', () => {
    const set = changeSetFromDiff({ fields: { political_status: [['13'], ['01']], name: ['张伟', '张伟'] } });
    expect(set?.group).toBeNull();
    expect(rowsOf(set)).toEqual([
      { key: 'political_status', code: 'political_status', group: null, extension: false, old: ['13'], new: ['01'] },
    ]);
  });

  it('expands province extensions kept under extra into their own rows', () => {
    const set = changeSetFromDiff({ fields: { extra: [{ ext_a: '1', ext_b: 'x' }, { ext_a: '2', ext_b: 'x', ext_c: 'new' }] } });
    expect(rowsOf(set).map((row) => [row.code, row.extension, row.old, row.new])).toEqual([
      ['ext_a', true, '1', '2'],
      ['ext_c', true, undefined, 'new'],
    ]);
  });

  it('shows a changed group record field by field', () => {
    const set = changeSetFromDiff({
      fields: {},
      group: {
        op: 'update',
        group: 'study',
        record: 7,
        old: { study_education: '21', study_major: '数学', extra: {} },
        data: { study_education: '14', study_major: '数学', extra: {} },
      },
    });
    expect(set?.group).toMatchObject({ op: 'update', group: 'study', record: 7 });
    expect(rowsOf(set)).toEqual([
      { key: 'study.study_education', code: 'study_education', group: 'study', extension: false, old: '21', new: '14' },
    ]);
  });

  it('lists the filled fields of a new record, and none for a deletion', () => {
    const created = changeSetFromDiff({
      fields: {},
      group: { op: 'create', group: 'study', record: 9, data: { study_education: '21', study_major: '', extra: { ext_x: 'y' } } },
    });
    expect(rowsOf(created).map((row) => [row.code, row.old, row.new])).toEqual([
      ['study_education', undefined, '21'],
      ['ext_x', undefined, 'y'],
    ]);
    const deleted = changeSetFromDiff({ fields: {}, group: { op: 'delete', group: 'study', record: 9 } });
    expect(deleted?.group?.op).toBe('delete');
    expect(rowsOf(deleted)).toEqual([]);
  });

  it('has nothing for a new archive and ignores what it cannot read', () => {
    expect(changeSetFromDiff(null)).toBeNull();
    expect(changeSetFromDiff({ fields: { name: 'oops' }, group: { op: 'rename', group: 'study' } })).toEqual({ fields: {}, group: null });
  });
});

describe('a timeline entry', () => {
  it('reads field changes and a group operation keyed group:op', () => {
    const set = changeSetFromTimeline({
      political_status: { old: ['13'], new: ['01'] },
      'study:update': { old: { study_major: '数学' }, new: { study_major: '物理' } },
    });
    expect(set?.fields).toEqual({ political_status: [['13'], ['01']] });
    expect(set?.group).toMatchObject({ op: 'update', group: 'study', old: { study_major: '数学' }, data: { study_major: '物理' } });
    expect(changeSetFromTimeline({})).toBeNull();
  });

  it('reads a history row change of the archive or of a record, the masked ID as id_number', () => {
    expect(changeSetFromRowEvent(null, { id_masked: { old: '620102********0011', new: '620102********0029' } })).toEqual({
      fields: { id_number: ['620102********0011', '620102********0029'] },
      group: null,
    });
    const record = changeSetFromRowEvent('study', { study_major: { old: '数学', new: '物理' } });
    expect(rowsOf(record)).toEqual([
      { key: 'study.study_major', code: 'study_major', group: 'study', extension: false, old: '数学', new: '物理' },
    ]);
    expect(changeSetFromRowEvent(null, {})).toBeNull();
  });
});

describe('list answers', () => {
  it('reads a bare list or a page', () => {
    expect(listResults([1, 2])).toEqual([1, 2]);
    expect(listResults({ next: null, results: [3] })).toEqual([3]);
    expect(listResults({ detail: 'x' })).toEqual([]);
  });
});

describe('an import’s change request', () => {
  const diff = {
    fields: {},
    groups: [
      { group: 'assessment', mode: 'replace', data: [{ assessment_year: 2024 }, { assessment_year: 2025 }], old: [{ assessment_year: 2020 }] },
      { group: 'study', mode: 'append', data: [{ study_major: '教育学' }] },
      { mode: 'append', data: [] },
    ],
  };

  it('reads each group’s records, mode and the records a replace takes the place of', () => {
    const imported = groupImportsFromDiff(diff);
    expect(imported.map((g) => [g.group, g.mode, g.data.length, g.old.length])).toEqual([
      ['assessment', 'replace', 2, 1],
      ['study', 'append', 1, 0],
    ]);
    expect(groupImportsFromDiff({ fields: {} })).toEqual([]);
  });

  it('shows every imported record as a record created', () => {
    const assessment = groupImportsFromDiff(diff).find((g) => g.group === 'assessment');
    expect(assessment).toBeDefined();
    const sets = assessment ? importChangeSets(assessment) : [];
    expect(sets.map((set) => [set.group?.op, set.group?.group, set.group?.data])).toEqual([
      ['create', 'assessment', { assessment_year: 2024 }],
      ['create', 'assessment', { assessment_year: 2025 }],
    ]);
  });
});
