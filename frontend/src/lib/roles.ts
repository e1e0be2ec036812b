import type { components } from '@/api/generated/schema';

export type Role = components['schemas']['RolesEnum'];

/** Every role the API accepts, in the order officials expect to read them. */
export const ROLES = [
  'filler',
  'reviewer',
  'admin',
  'viewer',
  'sysadmin',
  'secadmin',
  'auditor',
  'service',
  'teacher',
] as const satisfies readonly Role[];

// Fails to compile when the schema gains a role that is not listed above.
type MissingRole = Exclude<Role, (typeof ROLES)[number]>;
export const ROLES_ARE_COMPLETE: [MissingRole] extends [never] ? true : never = true;
