import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';

import { escapeHtml, formatShare, localiseError, percentOf, selectedChild, shortfalls, shortNames } from '@/features/rotation/utils/rotation';
import { ApiError } from '@/lib/api-error';

const FIGURES = { planned: 2, target: 4, planned_backbone: 0, backbone_target: 1, target_share: '0.100', backbone_share: '0.200' };
const t = ((key: string) => `T:${key}`) as unknown as TFunction<'rotation'>;

describe('figures', () => {
  it('words a decimal share as a percentage', () => {
    expect(formatShare('0.100')).toBe('10%');
    expect(formatShare('0.125')).toBe('12.5%');
  });

  it('gives the gauge a percentage of the target, full when there is none', () => {
    expect(percentOf(2, 4)).toBe(50);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(0, 0)).toBe(100);
  });

  it('lists each shortfall against the targets, none when met', () => {
    expect(shortfalls(FIGURES)).toEqual([
      { key: 'target', planned: 2, target: 4, share: '10%' },
      { key: 'backbone', planned: 0, target: 1, share: '20%' },
    ]);
    expect(shortfalls({ ...FIGURES, planned: 4, planned_backbone: 1 })).toEqual([]);
  });
});

describe('errors', () => {
  it('words the known codes and moves a request error to its field', () => {
    const error = new ApiError(409, 'already_in_plan', '于博 is already in this plan.');
    const worded = localiseError(error, t, { already_in_plan: 'teacher' });
    expect(worded).toBeInstanceOf(ApiError);
    expect((worded as ApiError).message).toBe('T:errors.already_in_plan');
    expect((worded as ApiError).errors.teacher).toEqual([{ code: 'already_in_plan', message: 'T:errors.already_in_plan' }]);
  });

  it('words field errors by code and keeps others as sent', () => {
    const error = new ApiError(400, 'invalid', '提交的数据有误。', {
      end_date: [{ code: 'before_start', message: 'The end date must be after the start date.' }],
      to_school: [{ code: 'required', message: '此项为必填项。' }],
    });
    const worded = localiseError(error, t) as ApiError;
    expect(worded.message).toBe('提交的数据有误。');
    expect(worded.errors.end_date?.[0]?.message).toBe('T:errors.before_start');
    expect(worded.errors.to_school?.[0]?.message).toBe('此项为必填项。');
  });
});

describe('charts', () => {
  it('maps a click on a bar (drawn bottom-up) or a label to the child', () => {
    const bars = [
      { name: 'A', planned: 1, proposed: 0, target: 2 },
      { name: 'B', planned: 0, proposed: 1, target: 1 },
    ];
    expect(selectedChild(0, bars)).toBe(1);
    expect(selectedChild('A', bars)).toBe(0);
  });

  it('escapes names for the HTML tooltip', () => {
    expect(escapeHtml('<b>x</b>')).toBe('&#60;b&#62;x&#60;/b&#62;');
  });
});

describe('short names', () => {
  it('drops the prefix every name shares', () => {
    expect(shortNames(['兰州市城关区第一实验小学', '兰州市城关区育才初级中学'])).toEqual(['第一实验小学', '育才初级中学']);
    expect(shortNames(['城关区', '七里河区'])).toEqual(['城关区', '七里河区']);
    expect(shortNames(['兰州市城关区', '兰州市城关区一'])).toEqual(['兰州市城关区', '兰州市城关区一']);
    expect(shortNames(['一'])).toEqual(['一']);
  });
});
