import { describe, expect, it } from 'vitest';

import {
  archiveChangeActions,
  archiveVisible,
  isAway,
  isOpenState,
  isTwoSided,
  readStates,
  retryAfterSeconds,
  tabQuery,
  TEMPORARY_KINDS,
  waitAmount,
} from '@/features/changes/utils/changes';

const serving = { record_state: 'approved', active: true, open_change: null, pending_change: false, personnel_status: '100' };

describe('tabQuery', () => {
  it('asks the open states for 待调入, 待调出 and 审核中, approved for 已完成, everything for 全部', () => {
    expect(tabQuery('in')).toEqual({ direction: 'in', states: ['submitted', 'in_review'] });
    expect(tabQuery('out')).toEqual({ direction: 'out', states: ['submitted', 'in_review'] });
    expect(tabQuery('open')).toEqual({ direction: 'all', states: ['submitted', 'in_review'] });
    expect(tabQuery('done')).toEqual({ direction: 'all', states: ['approved'] });
    expect(tabQuery('all')).toEqual({ direction: 'all' });
  });

  it('knows the open states', () => {
    expect(isOpenState('in_review')).toBe(true);
    expect(isOpenState('approved')).toBe(false);
  });
});

describe('archiveChangeActions', () => {
  it('offers leave and leaving for a serving teacher of an approved archive', () => {
    expect(archiveChangeActions(serving, true)).toEqual({ temporary: true, leaving: true, return: false });
  });

  it('offers nothing without the capability, while a change is open or the archive is not approved', () => {
    const none = { temporary: false, leaving: false, return: false };
    expect(archiveChangeActions(serving, false)).toEqual(none);
    expect(archiveChangeActions({ ...serving, open_change: 7 }, true)).toEqual(none);
    expect(archiveChangeActions({ ...serving, pending_change: true }, true)).toEqual(none);
    expect(archiveChangeActions({ ...serving, record_state: 'in_review' }, true)).toEqual(none);
  });

  it('offers a return to a teacher who is away or has left', () => {
    expect(isAway({ personnel_status: '201' })).toBe(true);
    expect(archiveChangeActions({ ...serving, personnel_status: '203' }, true)).toEqual({ temporary: false, leaving: true, return: true });
    expect(archiveChangeActions({ ...serving, active: false }, true)).toEqual({ temporary: false, leaving: false, return: true });
  });

  it('limits the personnel states as the API does', () => {
    expect(TEMPORARY_KINDS.secondment).toEqual(['201', '202']);
    expect(TEMPORARY_KINDS.leave).not.toContain('205'); // exchange rotation belongs to the rotation module
  });
});

describe('archiveVisible', () => {
  const transfer = { from_school: '2162010201', to_school: '2162010301' };
  it('leaves the archive with the sending side until a transfer completes, then with the receiving side', () => {
    expect(isTwoSided(transfer)).toBe(true);
    expect(archiveVisible({ ...transfer, state: 'in_review', side: 'sending' })).toBe(true);
    expect(archiveVisible({ ...transfer, state: 'in_review', side: 'receiving' })).toBe(false);
    expect(archiveVisible({ ...transfer, state: 'approved', side: 'receiving' })).toBe(true);
    expect(archiveVisible({ ...transfer, state: 'approved', side: 'sending' })).toBe(false);
  });

  it('shows an own-side change’s archive to its school', () => {
    const leave = { from_school: '2162010201', to_school: null, state: 'approved', side: 'sending' };
    expect(isTwoSided(leave)).toBe(false);
    expect(archiveVisible(leave)).toBe(true);
  });
});

describe('retryAfterSeconds', () => {
  it('reads whole seconds and ignores what is not a number', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('2.5')).toBe(3);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT')).toBeNull();
  });
});

describe('waitAmount', () => {
  it('says a wait under a minute in seconds, a longer one in minutes rounded up', () => {
    expect(waitAmount(42)).toEqual({ unit: 'seconds', count: 42 });
    expect(waitAmount(60)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitAmount(3377)).toEqual({ unit: 'minutes', count: 57 });
  });
});

describe('readStates', () => {
  // Two states: 'a' has two pages, 'b' one (empty), 'c' one.
  const pages: Record<string, Record<string, { results: number[]; nextCursor: string | null }>> = {
    a: { '': { results: [1, 2], nextCursor: 'a2' }, a2: { results: [3], nextCursor: null } },
    b: { '': { results: [], nextCursor: null } },
    c: { '': { results: [4], nextCursor: null } },
  };
  const asked: string[] = [];
  const fetchPage = (state: string, cursor: string | null) => {
    asked.push(`${state}:${cursor ?? ''}`);
    return Promise.resolve(pages[state]?.[cursor ?? ''] ?? { results: [], nextCursor: null });
  };

  it('goes through every page of a state, then straight on into the next states', async () => {
    const first = await readStates(['a', 'b', 'c'], null, fetchPage);
    expect(first).toEqual({ results: [1, 2], nextCursor: '0|a2' });
    const second = await readStates(['a', 'b', 'c'], first.nextCursor, fetchPage);
    // The end of 'a' goes on through the empty 'b' into 'c': no empty page while states remain.
    expect(second).toEqual({ results: [3, 4], nextCursor: null });
    expect(asked).toEqual(['a:', 'a:a2', 'b:', 'c:']);
  });

  it('reads a single state (no filter) as the API pages it', async () => {
    expect(await readStates(['c'], null, fetchPage)).toEqual({ results: [4], nextCursor: null });
  });
});
