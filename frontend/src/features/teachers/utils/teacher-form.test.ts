import { describe, expect, it } from 'vitest';

import { birthDateFromId, looksLikeIdNumber, toRequestBody } from '@/features/teachers/utils/teacher-form';
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
});
