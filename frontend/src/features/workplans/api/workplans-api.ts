import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';

export type WorkPlan = components['schemas']['WorkPlan'];
export type WorkPlanDetail = components['schemas']['WorkPlanDetail'];
export type Milestone = components['schemas']['Milestone'];
export type PlanInput = components['schemas']['WorkPlanWriteRequest'];
export type MilestoneInput = components['schemas']['MilestoneWriteRequest'];
export type PlanChange = components['schemas']['PatchedWorkPlanChangeRequest'];
export type MilestoneChange = components['schemas']['PatchedMilestoneChangeRequest'];
export type GroupMember = components['schemas']['GroupMember'];
export type GroupMemberInput = components['schemas']['GroupMemberWriteRequest'];
export type GroupMemberChange = components['schemas']['PatchedGroupMemberChangeRequest'];
export type GroupOrganisation = components['schemas']['GroupOrganisation'];

export const workplanKeys = {
  all: ['workplans'] as const,
  plans: ['workplans', 'plans'] as const,
  plan: (id: number) => ['workplans', 'plans', id] as const,
  groups: ['workplans', 'groups'] as const,
  members: (org: string | undefined) => ['workplans', 'groups', 'members', org ?? ''] as const,
  groupOrgs: ['workplans', 'groups', 'organisations'] as const,
};

/** The plans the user sees (its subtree's and those above it), newest first: a few per organisation and year. */
export function useWorkPlans() {
  return useQuery({
    queryKey: workplanKeys.plans,
    queryFn: async () => (await unwrap(api.GET('/api/v1/work-plans/', { params: { query: { page_size: 500 } } }))).results,
  });
}

/** One plan with its milestones. */
export function useWorkPlan(id: number | undefined) {
  return useQuery({
    queryKey: workplanKeys.plan(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/v1/work-plans/{id}/', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined,
  });
}

async function noContent(request: Promise<{ response: Response; error?: unknown }>): Promise<void> {
  const { response, error } = await request;
  if (!response.ok) throw toApiError(error, response);
}

/** Every plan query is read again after a write (the list's counts follow the milestones). */
function useWorkplanMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: workplanKeys.all }) });
}

export function useCreatePlan() {
  return useWorkplanMutation((body: PlanInput) => unwrap(api.POST('/api/v1/work-plans/', { body })));
}

/** `etag` is the version the change is based on: someone else's change since answers 412. */
export function useUpdatePlan() {
  return useWorkplanMutation(({ id, etag, body }: { id: number; etag: string; body: PlanChange }) =>
    unwrap(api.PATCH('/api/v1/work-plans/{id}/', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
  );
}

export function useDeletePlan() {
  return useWorkplanMutation(({ id, etag }: { id: number; etag: string }) =>
    noContent(api.DELETE('/api/v1/work-plans/{id}/', { params: { path: { id }, header: { 'If-Match': etag } } })),
  );
}

export function useCreateMilestone() {
  return useWorkplanMutation(({ plan, body }: { plan: number; body: MilestoneInput }) =>
    unwrap(api.POST('/api/v1/work-plans/{plan_pk}/milestones/', { params: { path: { plan_pk: plan } }, body })),
  );
}

/** A change of a milestone; marking it done is `{ done_date }`. */
export function useUpdateMilestone() {
  return useWorkplanMutation(({ milestone, body }: { milestone: Milestone; body: MilestoneChange }) =>
    unwrap(
      api.PATCH('/api/v1/work-plans/{plan_pk}/milestones/{id}/', {
        params: { path: { plan_pk: milestone.plan, id: milestone.id }, header: { 'If-Match': milestone.etag } },
        body,
      }),
    ),
  );
}

export function useDeleteMilestone() {
  return useWorkplanMutation((milestone: Milestone) =>
    noContent(
      api.DELETE('/api/v1/work-plans/{plan_pk}/milestones/{id}/', {
        params: { path: { plan_pk: milestone.plan, id: milestone.id }, header: { 'If-Match': milestone.etag } },
      }),
    ),
  );
}

/** The organisations the user sees that filed a working group. */
export function useGroupOrganisations() {
  return useQuery({
    queryKey: workplanKeys.groupOrgs,
    queryFn: () => unwrap(api.GET('/api/v1/working-groups/organisations/')),
  });
}

/** One organisation's group (default: the user's own). */
export function useGroupMembers(org: string | undefined) {
  return useQuery({
    queryKey: workplanKeys.members(org),
    queryFn: () => unwrap(api.GET('/api/v1/working-groups/', { params: { query: org ? { org } : {} } })),
  });
}

export function useCreateMember() {
  return useWorkplanMutation((body: GroupMemberInput) => unwrap(api.POST('/api/v1/working-groups/', { body })));
}

export function useUpdateMember() {
  return useWorkplanMutation(({ member, body }: { member: GroupMember; body: GroupMemberChange }) =>
    unwrap(
      api.PATCH('/api/v1/working-groups/{id}/', {
        params: { path: { id: member.id }, header: { 'If-Match': member.etag } },
        body,
      }),
    ),
  );
}

export function useDeleteMember() {
  return useWorkplanMutation((member: GroupMember) =>
    noContent(
      api.DELETE('/api/v1/working-groups/{id}/', { params: { path: { id: member.id }, header: { 'If-Match': member.etag } } }),
    ),
  );
}
