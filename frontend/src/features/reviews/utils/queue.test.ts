import { describe, expect, it } from 'vitest';

import {
  canDecide,
  chainStatus,
  nextItemId,
  reasonLongEnough,
  stepProgress,
  submittedBefore,
  summariseBulk,
  waitingTime,
} from '@/features/reviews/utils/queue';

const now = Date.parse('2026-12-01T12:00:00Z');

describe('waiting time', () => {
  it('uses minutes under an hour, hours under a day, then days', () => {
    expect(waitingTime('2026-12-01T11:58:30Z', now)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitingTime('2026-12-01T09:00:00Z', now)).toEqual({ unit: 'hours', count: 3 });
    expect(waitingTime('2026-11-28T11:00:00Z', now)).toEqual({ unit: 'days', count: 3 });
    // A clock a little ahead of the server's never shows a negative wait.
    expect(waitingTime('2026-12-01T12:01:00Z', now)).toEqual({ unit: 'minutes', count: 0 });
  });

  it('turns "waiting longer than N days" into the submitted_before instant', () => {
    expect(submittedBefore(3, now)).toBe('2026-11-28T12:00:00.000Z');
  });
});

describe('bulk results', () => {
  it('counts the successes and names the failures with their reasons', () => {
    const items = [
      { id: 1, subject: { type: 'teacher', id: 11, name: '张伟' } },
      { id: 2, subject: { type: 'teacher', id: 12, name: '李娜' } },
    ];
    const summary = summariseBulk(
      [
        { id: 1, ok: true, state: 'in_review' },
        { id: 2, ok: false, code: 'already_decided', message: '已被处理' },
        { id: 3, ok: false, code: 'not_found', message: '不存在' },
      ],
      items,
    );
    expect(summary.succeeded).toBe(1);
    expect(summary.failed.map((item) => [item.name, item.message])).toEqual([
      ['李娜', '已被处理'],
      ['#3', '不存在'],
    ]);
  });
});

describe('who may decide', () => {
  const user = { id: 5, capabilities: ['reviews.decide'], organisation: { level: 'school' } };
  const item = { state: 'submitted' as const, level: 'school', submitted_by: { id: 9, display_name: '填报员' } };

  it('offers decisions on an open item at the reviewer’s level, not their own', () => {
    expect(canDecide(item, user)).toBe(true);
    expect(canDecide({ ...item, submitted_by: { id: 5, display_name: '我' } }, user)).toBe(false);
    expect(canDecide({ ...item, level: 'county' }, user)).toBe(false);
    expect(canDecide({ ...item, state: 'returned' }, user)).toBe(false);
    expect(canDecide(item, { ...user, capabilities: ['teachers.change'] })).toBe(false);
  });
});

describe('the chain', () => {
  const base = { step_levels: ['school', 'county'], round: 2, current_step: 1 };

  it('counts the deciding step from 1, none once closed', () => {
    expect(stepProgress({ ...base, state: 'in_review' })).toEqual({ step: 2, of: 2 });
    expect(stepProgress({ ...base, state: 'approved' })).toBeNull();
  });

  it('marks approved steps, the deciding one and a return, for the current round only', () => {
    const decisions = [
      { round: 1, step: 0, action: 'return' },
      { round: 2, step: null, action: 'submit' },
      { round: 2, step: 0, action: 'approve' },
    ];
    expect(chainStatus({ ...base, state: 'in_review', decisions })).toEqual(['finish', 'process']);
    expect(chainStatus({ ...base, state: 'returned', decisions: [...decisions, { round: 2, step: 1, action: 'return' }] })).toEqual([
      'finish',
      'error',
    ]);
    expect(chainStatus({ ...base, state: 'approved', decisions })).toEqual(['finish', 'finish']);
    expect(chainStatus({ ...base, current_step: 0, state: 'withdrawn', decisions: [] })).toEqual(['wait', 'wait']);
  });
});

describe('return reasons and moving on', () => {
  it('needs five characters once trimmed', () => {
    expect(reasonLongEnough('  请核对  ')).toBe(false);
    expect(reasonLongEnough('请核对民族')).toBe(true);
    expect(reasonLongEnough(undefined)).toBe(false);
  });

  it('opens the next item after a decision, the previous one after the last', () => {
    expect(nextItemId([1, 2, 3], 2)).toBe(3);
    expect(nextItemId([1, 2, 3], 3)).toBe(2);
    expect(nextItemId([1], 1)).toBeNull();
    expect(nextItemId([4, 5], 9)).toBe(4);
  });
});
