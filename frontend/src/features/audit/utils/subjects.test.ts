import { describe, expect, it } from 'vitest';

import type { AuditEvent } from '@/features/audit/api/audit-api';
import { subjectText } from '@/features/audit/utils/subjects';

const event = (overrides: Partial<AuditEvent>): AuditEvent =>
  ({
    id: 1,
    at: '2026-12-02T15:00:00+08:00',
    username: 'demo-county-a',
    display_name: '',
    action: 'org.update',
    action_label: '修改机构',
    subject_type: 'organisation',
    subject_label: '机构',
    subject_id: '1162010203',
    address: null,
    request_id: '',
    detail: {},
    ...overrides,
  });

describe('subjectText', () => {
  it('names the subject where the event recorded its name', () => {
    expect(subjectText(event({ detail: { name: '城关区阳光幼儿园' } }))).toBe('机构 城关区阳光幼儿园（1162010203）');
  });

  it('falls back to the id, and to nothing for an event without a subject', () => {
    expect(subjectText(event({ subject_label: '教师', subject_id: '39' }))).toBe('教师 39');
    expect(subjectText(event({ subject_label: '', subject_id: '' }))).toBe('');
  });
});
