import { describe, expect, it } from 'vitest';

import {
  birthDateFromId,
  genderFromId,
  looksLikeIdNumber,
  sameFormValues,
  toFormValues,
  toRequestBody,
  warningLines,
} from '@/features/teachers/utils/teacher-form';
import type { FormField } from '@/lib/catalogue-fields';

const field = (code: string, extra: Partial<FormField> = {}): FormField => ({
  code,
  label: code,
  help: '',
  widget: 'input',
  dataType: 'text',
  required: false,
  core: false,
  extension: false,
  derived: false,
  codeTable: null,
  codes: null,
  integer: false,
  ...extra,
});

describe('teacher form helpers', () => {
  it('tells ID numbers from names and pinyin', () => {
    expect(looksLikeIdNumber('62010219850312003X')).toBe(true);
    expect(looksLikeIdNumber('E12345678')).toBe(true);
    expect(looksLikeIdNumber('zw')).toBe(false);
    expect(looksLikeIdNumber('zhangwei')).toBe(false);
    expect(looksLikeIdNumber('张伟')).toBe(false);
  });

  it('reads the birth date out of a resident ID number', () => {
    expect(birthDateFromId('1', '620102198503120031')).toBe('1985-03-12');
    expect(birthDateFromId('2', '620102198503120031')).toBeNull();
    expect(birthDateFromId('1', '6201021985')).toBeNull();
  });

  it('sends only changed fields on update and extensions under extra', () => {
    const fields = [field('name'), field('id_number'), field('ext_cert', { extension: true })];
    const initial = { name: '张伟', id_number: '620102********0031', ext_cert: 'a' };
    expect(toRequestBody({ ...initial, name: '张薇', ext_cert: 'b' }, fields, initial, { ext_cert: 'a', other: 1 })).toEqual({
      name: '张薇',
      extra: { ext_cert: 'b', other: 1 },
    });
    expect(toRequestBody({ name: '张伟', id_number: '', ext_cert: undefined }, fields)).toEqual({ name: '张伟' });
  });

  it('reads a group record into form values, extensions out of extra', () => {
    const fields = [field('study_education'), field('study_major'), field('ext_x', { extension: true })];
    const record = { id: 3, study_education: '21', study_major: '数学', extra: { ext_x: 'y' }, warnings: {} };
    expect(toFormValues(record, fields)).toEqual({ study_education: '21', study_major: '数学', ext_x: 'y' });
  });

  it('creates a group record with only the filled fields', () => {
    const fields = [field('study_education'), field('study_major'), field('study_is_normal_major', { widget: 'switch' })];
    expect(toRequestBody({ study_education: '21', study_major: '', study_is_normal_major: false }, fields)).toEqual({
      study_education: '21',
      study_is_normal_major: false,
    });
  });

  it('clears a number or a yes/no with null and a text or code with an empty string', () => {
    const fields = [field('talent_year', { widget: 'number' }), field('flag', { widget: 'switch' }), field('talent_program', { widget: 'select' })];
    const initial = { talent_year: 2020, flag: true, talent_program: '01' };
    expect(toRequestBody({ talent_year: null, flag: undefined, talent_program: undefined }, fields, initial)).toEqual({
      talent_year: null,
      flag: null,
      talent_program: '',
    });
  });

  it('compares two versions of a record on the form fields only', () => {
    const fields = [field('name'), field('ext_cert', { extension: true })];
    const old = { name: '张伟', version: 1, extra: { ext_cert: 'a' } };
    expect(sameFormValues(old, { name: '张伟', version: 2, extra: { ext_cert: 'a' } }, fields)).toBe(true);
    expect(sameFormValues(old, { name: '张薇', version: 2, extra: { ext_cert: 'a' } }, fields)).toBe(false);
    expect(sameFormValues(old, { name: '张伟', version: 2, extra: { ext_cert: 'b' } }, fields)).toBe(false);
  });

  it('lists warnings with the field label, extensions included', () => {
    const fields = [field('study_degree_level', { label: '学位层次' }), field('ext_x', { label: '扩展项', extension: true })];
    expect(
      warningLines(
        {
          study_degree_level: [{ code: 'required', message: '必填' }],
          'extra.ext_x': [{ code: 'invalid' }],
          other: [{ message: '学位层次与学历不符' }],
        },
        fields,
      ),
    ).toEqual(['学位层次：必填', '扩展项：invalid', '学位层次与学历不符']);
    expect(warningLines(undefined, fields)).toEqual([]);
  });
});

describe('genderFromId', () => {
  it('reads the 17th digit of a resident ID number', () => {
    expect(genderFromId('1', '620102198503120031')).toBe('1');
    expect(genderFromId('1', '620102198503120020')).toBe('2');
    expect(genderFromId('2', '620102198503120031')).toBeNull();
    expect(genderFromId('1', '62010219850312')).toBeNull();
  });
});
