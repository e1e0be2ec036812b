import { describe, expect, it } from 'vitest';

import { instanceDate, milestoneStatus } from '@/features/workplans/utils/milestones';

describe('milestoneStatus', () => {
  const today = '2026-05-10';

  it('is done once a done date is set, whatever the due date', () => {
    expect(milestoneStatus({ due_date: '2026-01-01', done_date: '2026-02-01' }, today)).toBe('done');
    expect(milestoneStatus({ due_date: '2026-01-01', done_date: '2026-02-01', overdue: false }, today)).toBe('done');
  });

  it('is overdue only when due before today (the boundary: due today is not overdue)', () => {
    expect(milestoneStatus({ due_date: '2026-05-09', done_date: null }, today)).toBe('overdue');
    expect(milestoneStatus({ due_date: '2026-05-10', done_date: null }, today)).toBe('dueToday');
    expect(milestoneStatus({ due_date: '2026-05-11' }, today)).toBe('upcoming');
    expect(milestoneStatus({ due_date: '2025-12-31' }, '2026-01-01')).toBe('overdue');
  });

  it("takes the server's verdict where the row carries one (its today may differ from the browser's)", () => {
    expect(milestoneStatus({ due_date: '2026-05-10', overdue: true }, today)).toBe('overdue');
    expect(milestoneStatus({ due_date: '2026-05-09', overdue: false }, today)).toBe('upcoming');
  });
});

describe('instanceDate', () => {
  it("is the date in the instance's time zone, not the browser's", () => {
    const lateUtc = new Date(Date.UTC(2026, 11, 3, 17, 30)); // 2026-12-04 01:30 in Beijing
    expect(instanceDate(lateUtc)).toBe('2026-12-04');
    expect(instanceDate(lateUtc, 'UTC')).toBe('2026-12-03');
  });
});
