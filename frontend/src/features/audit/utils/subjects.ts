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
