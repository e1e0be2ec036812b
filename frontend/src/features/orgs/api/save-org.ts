import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import type { Organisation } from '@/features/orgs/api/get-orgs';
import { orgKeys } from '@/features/orgs/api/get-orgs';
import { unwrap } from '@/lib/api-error';

export type OrgCreateInput = components['schemas']['OrganisationCreateRequest'];
export type OrgUpdateInput = components['schemas']['PatchedOrganisationUpdateRequest'];

export function createOrg(body: OrgCreateInput): Promise<Organisation> {
  return unwrap(api.POST('/api/v1/orgs/', { body }));
}

/** `etag` is the version the change is based on (the unit's `etag`): someone else's change since answers 412. */
export function updateOrg(code: string, etag: string, body: OrgUpdateInput): Promise<Organisation> {
  return unwrap(api.PATCH('/api/v1/orgs/{code}/', { params: { path: { code }, header: { 'If-Match': etag } }, body }));
}

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrg,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

export function useUpdateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, etag, body }: { code: string; etag: string; body: OrgUpdateInput }) => updateOrg(code, etag, body),
    onSuccess: async (org) => {
      queryClient.setQueryData(orgKeys.detail(org.code), org);
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}
