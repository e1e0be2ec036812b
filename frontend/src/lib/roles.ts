import { roleValues, type Role } from '@/api/generated/enums';

export type { Role };

/** Every role the API accepts, in the API's order (the order officials expect to read them). */
export const ROLES: readonly Role[] = roleValues;
