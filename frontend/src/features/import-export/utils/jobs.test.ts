import { describe, expect, it } from 'vitest';

import {
  MAX_UPLOAD_BYTES,
  activeCount,
  canCancel,
  checkUploadFile,
  elapsedMs,
  exportFilters,
  formatCount,
  formatDuration,
  formatFileSize,
  formatPercent,
  importOutcome,
  isActive,
  orderedFields,
  problemColumn,
  remainingMs,
} from '@/features/import-export/utils/jobs';

describe('upload checks', () => {
  it('takes .xlsx and .csv files up to 50 MB', () => {
    expect(checkUploadFile({ name: '教师信息.xlsx', size: 1000 })).toBeNull();
    expect(checkUploadFile({ name: 'TEACHERS.CSV', size: MAX_UPLOAD_BYTES })).toBeNull();
  });

  it('names the problem of any other file', () => {
    expect(checkUploadFile({ name: '教师信息.xls', size: 1000 })).toBe('type');
    expect(checkUploadFile({ name: 'notes.txt', size: 1000 })).toBe('type');
    expect(checkUploadFile({ name: 'big.xlsx', size: MAX_UPLOAD_BYTES + 1 })).toBe('size');
    expect(checkUploadFile({ name: 'empty.csv', size: 0 })).toBe('empty');
  });

  it('shows file sizes as Explorer does', () => {
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(300)).toBe('300 B');
    expect(formatFileSize(2048)).toBe('2 KB');
    expect(formatFileSize(63.24 * 1024 * 1024)).toBe('63.2 MB');
  });
});

describe('counts and times', () => {
  it('writes counts with thousands separators and a dash for unknown ones', () => {
    expect(formatCount(200000)).toBe('200,000');
    expect(formatCount(7, 'en')).toBe('7');
    expect(formatCount(null)).toBe('—');
  });

  it('writes percentages with one decimal, kept between 0 and 100', () => {
    expect(formatPercent(33.333)).toBe('33.3%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(120)).toBe('100.0%');
    expect(formatPercent(Number.NaN)).toBe('0.0%');
  });

  it('writes durations as mm:ss, with hours when needed', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(7_900)).toBe('00:07');
    expect(formatDuration(65_000)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5_000)).toBe('00:00');
  });

  it('measures a job from its upload to its end, or to now while it runs', () => {
    const created = '2026-05-01T08:00:00Z';
    const now = Date.parse('2026-05-01T08:00:30Z');
    expect(elapsedMs({ created_at: created, finished_at: null }, now)).toBe(30_000);
    expect(elapsedMs({ created_at: created, finished_at: '2026-05-01T08:00:12Z' }, now)).toBe(12_000);
    expect(elapsedMs({ created_at: 'not a date', finished_at: null }, now)).toBe(0);
  });

  it('estimates the time left at the pace so far', () => {
    expect(remainingMs(25, 10_000)).toBe(30_000);
    expect(remainingMs(0, 10_000)).toBeNull();
    expect(remainingMs(100, 10_000)).toBeNull();
    expect(remainingMs(50, 0)).toBeNull();
  });
});

describe('job states', () => {
  const job = { state: 'done', dry_run: false, rows_failed: 0, rows_warned: 0 };

  it('polls queued and running jobs only', () => {
    expect(isActive('queued')).toBe(true);
    expect(isActive('running')).toBe(true);
    expect(isActive('done')).toBe(false);
    expect(isActive('downloaded')).toBe(false);
  });

  it('tells a full import from a partial one, a dry run and a failure', () => {
    expect(importOutcome(job)).toBe('success');
    expect(importOutcome({ ...job, rows_warned: 3 })).toBe('success');
    expect(importOutcome({ ...job, rows_failed: 7 })).toBe('partial');
    expect(importOutcome({ ...job, rows_failed: 7, dry_run: true })).toBe('checked');
    expect(importOutcome({ ...job, state: 'failed' })).toBe('failed');
    expect(importOutcome({ ...job, state: 'cancelled', rows_failed: 7 })).toBe('cancelled');
    expect(importOutcome({ ...job, state: 'running' })).toBe('running');
  });
});

describe('export requests', () => {
  it('sends the list’s applied filters as strings, without empty ones', () => {
    expect(exportFilters({ q: ' 张 ', org: '2162010201', record_state: 'draft', id_number: undefined })).toEqual({
      q: '张',
      org: '2162010201',
      record_state: 'draft',
    });
    expect(exportFilters({ q: '', org: null, age_min: 30, nested: { a: 1 } })).toEqual({ age_min: '30' });
    expect(exportFilters({})).toEqual({});
  });

  it('keeps the chosen columns in the API’s order', () => {
    const all = [{ code: 'teacher_no' }, { code: 'school' }, { code: 'name' }, { code: 'gender' }];
    expect(orderedFields(all, ['gender', 'teacher_no', 'unknown'])).toEqual(['teacher_no', 'gender']);
  });
});

describe('problem columns', () => {
  const labels = new Map([['work_start_month', '参加工作年月']]);

  it('shows the file’s header, else the indicator’s name, else nothing (the whole row)', () => {
    expect(problemColumn({ column: '出生日期', field: 'birth_date' }, labels)).toBe('出生日期');
    expect(problemColumn({ column: 'work_start_month', field: 'work_start_month' }, labels)).toBe('参加工作年月');
    expect(problemColumn({ column: '', field: 'work_start_month' }, labels)).toBe('参加工作年月');
    expect(problemColumn({ column: 'staff_source', field: 'staff_source' }, labels)).toBe('staff_source');
    expect(problemColumn({ column: '', field: '' }, labels)).toBe('');
  });
});

describe('the header jobs', () => {
  it('counts the queued and running jobs only', () => {
    const states = ['queued', 'done', 'running', 'downloaded', 'failed', 'cancelled'];
    expect(activeCount(states.map((state) => ({ state })))).toBe(2);
    expect(activeCount([])).toBe(0);
  });

  it('offers cancel on jobs being worked on, once', () => {
    expect(canCancel({ state: 'queued', cancel_requested: false })).toBe(true);
    expect(canCancel({ state: 'running', cancel_requested: false })).toBe(true);
    expect(canCancel({ state: 'running', cancel_requested: true })).toBe(false);
    expect(canCancel({ state: 'done', cancel_requested: false })).toBe(false);
    expect(canCancel({ state: 'cancelled', cancel_requested: true })).toBe(false);
  });
});
