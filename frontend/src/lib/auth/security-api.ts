import { queryOptions } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { keepTokens, type LoginResult } from '@/lib/auth/session';

export type PasswordPolicy = components['schemas']['PasswordPolicy'];
export type TotpEnrolment = components['schemas']['TotpEnrolment'];

/** The password rules as the server applies them (in the UI's language: the query key carries it). */
export const passwordPolicyQueryOptions = (language: string) =>
  queryOptions({
    queryKey: ['auth', 'password-policy', language],
    queryFn: () => unwrap(api.GET('/api/v1/auth/password/policy/')),
    staleTime: 10 * 60 * 1000,
  });

/** Changes one's password (with a session, or the challenge of an expired-password login); keeps the new tokens. */
export async function changePassword(body: {
  old_password: string;
  new_password: string;
  challenge?: string;
}): Promise<LoginResult> {
  const result = await unwrap(api.POST('/api/v1/auth/password/', { body }));
  keepTokens(result);
  return result;
}

export function startTotpEnrolment(challenge?: string): Promise<TotpEnrolment> {
  return unwrap(api.POST('/api/v1/auth/totp/', { body: challenge ? { challenge } : {} }));
}

export async function confirmTotpEnrolment(code: string, challenge?: string): Promise<LoginResult> {
  const result = await unwrap(api.POST('/api/v1/auth/totp/confirm/', { body: { code, ...(challenge ? { challenge } : {}) } }));
  keepTokens(result);
  return result;
}

export async function disableTotp(body: { password: string; code: string }): Promise<void> {
  const { error, response } = await api.POST('/api/v1/auth/totp/disable/', { body });
  if (error !== undefined || !response.ok) throw toApiError(error, response);
}
