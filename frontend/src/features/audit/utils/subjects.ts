import type { AuditEvent } from '@/features/audit/api/audit-api';

/** The kinds of things audit events are about (tmis.audit.actions.SUBJECTS), for the subject filter. */
export const SUBJECT_TYPES = [
  'teacher',
  'export',
  'import',
  'submission',
  'catalogue',
  'flow',
  'organisation',
  'user',
  'audit',
] as const;

export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What the event is about, by name where the event recorded one (an organisation's), else by its id. */
export function subjectText(event: AuditEvent): string {
  if (!event.subject_label) return '';
  const name = typeof event.detail.name === 'string' ? event.detail.name : '';
  return name ? `${event.subject_label} ${name}（${event.subject_id}）` : `${event.subject_label} ${event.subject_id}`;
}
