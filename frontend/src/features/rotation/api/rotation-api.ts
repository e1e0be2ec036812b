import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import type { AssignmentState, PlanState } from '@/api/generated/enums';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorPagesOptions, toCursorPage } from '@/lib/cursor-pages';

export type Plan = components['schemas']['Plan'];
export type PlanDetail = components['schemas']['PlanDetail'];
export type PlanFigures = components['schemas']['PlanFigures'];
export type PlanInput = components['schemas']['PlanCreateRequest'];
export type Assignment = components['schemas']['Assignment'];
export type AssignmentInput = components['schemas']['AssignmentWriteRequest'];
export type JudgedTeacher = components['schemas']['JudgedTeacher'];
export type EligibleResponse = components['schemas']['EligibleResponse'];
export type ReasonCounts = components['schemas']['ReasonCounts'];
export type RotationReason = keyof ReasonCounts;
export type RotationTargets = components['schemas']['RotationTargets'];
export type RotationTargetRow = components['schemas']['RotationTargetRow'];
export type RotationFlows = components['schemas']['RotationFlows'];
export type RotationFlowRow = components['schemas']['RotationFlowRow'];
export type { PlanState };
export type { AssignmentState };

export const ROTATION_REASONS: readonly RotationReason[] = [
  'not_compulsory',
  'away',
  'no_entry_month',
  'too_few_years',
  'near_retirement',
];
export const ASSIGNMENT_STATES: readonly AssignmentState[] = ['planned', 'started', 'completed', 'cancelled'];
/** The code tables of an assignment. */
export const TYPE_TABLE = 'rotation-type';
/** A plan the county's administrators may still change (and submit). */
export const EDITABLE_STATES: readonly PlanState[] = ['draft', 'returned'];

export interface EligibleFilters {
  org?: string;
  year: number;
  eligible?: boolean;
  reason?: RotationReason;
  backbone?: boolean;
  school?: string;
  q?: string;
  page: number;
  page_size: number;
}

export interface AssignmentFilters {
  year?: number;
  state?: AssignmentState;
  side?: 'from' | 'to';
}

export const rotationKeys = {
  all: ['rotation'] as const,
  eligible: (filters: EligibleFilters) => ['rotation', 'eligible', filters] as const,
  plans: (year: number | undefined) => ['rotation', 'plans', year ?? 0] as const,
  plan: (id: number) => ['rotation', 'plan', id] as const,
  planAssignments: (id: number) => ['rotation', 'plan', id, 'assignments'] as const,
  assignments: (filters: AssignmentFilters) => ['rotation', 'assignments', filters] as const,
  targets: (org: string | undefined, year: number) => ['rotation', 'targets', org ?? '', year] as const,
  flows: (org: string | undefined, year: number) => ['rotation', 'flows', org ?? '', year] as const,
};

/** The school year a date falls in: it starts in September (the API's plan year). */
export function schoolYear(date: Date = new Date()): number {
  return date.getMonth() >= 8 ? date.getFullYear() : date.getFullYear() - 1;
}

/** Years to choose from: two back, the current school year, two ahead (plans are made ahead). */
export function yearOptions(current: number = schoolYear()): number[] {
  return [current + 2, current + 1, current, current - 1, current - 2];
}

/** Every rotation query is read again after a write (figures, lists and the review queue follow each other). */
function useRotationMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rotationKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['reviews'] }),
      ]),
  });
}

async function noContent(request: Promise<{ response: Response; error?: unknown }>): Promise<void> {
  const { response, error } = await request;
  if (!response.ok) throw toApiError(error, response);
}

// ---- eligibility

export function eligibleQuery(filters: EligibleFilters) {
  return {
    year: filters.year,
    page: filters.page,
    page_size: filters.page_size,
    ...(filters.org ? { org: filters.org } : {}),
    ...(filters.eligible !== undefined ? { eligible: filters.eligible } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(filters.backbone !== undefined ? { backbone: filters.backbone } : {}),
    ...(filters.school ? { school: filters.school } : {}),
    ...(filters.q?.trim() ? { q: filters.q.trim() } : {}),
  };
}

export function useEligible(filters: EligibleFilters, enabled = true) {
  return useQuery({
    queryKey: rotationKeys.eligible(filters),
    queryFn: () => unwrap(api.GET('/api/v1/rotation/eligible/', { params: { query: eligibleQuery(filters) } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ---- plans

export function usePlans(year: number | undefined) {
  return useInfiniteQuery(
    cursorPagesOptions(rotationKeys.plans(year), async (cursor) =>
      toCursorPage(
        await unwrap(
          api.GET('/api/v1/rotation/plans/', { params: { query: { ...(year ? { year } : {}), ...(cursor ? { cursor } : {}) } } }),
        ),
      ),
    ),
  );
}

export function usePlan(id: number) {
  return useQuery({
    queryKey: rotationKeys.plan(id),
    queryFn: () => unwrap(api.GET('/api/v1/rotation/plans/{id}/', { params: { path: { id } } })),
    enabled: Number.isFinite(id) && id > 0,
  });
}

export function usePlanAssignments(id: number) {
  return useQuery({
    queryKey: rotationKeys.planAssignments(id),
    queryFn: () => unwrap(api.GET('/api/v1/rotation/plans/{id}/assignments/', { params: { path: { id } } })),
    enabled: Number.isFinite(id) && id > 0,
  });
}

export function useCreatePlan() {
  return useRotationMutation((body: PlanInput) => unwrap(api.POST('/api/v1/rotation/plans/', { body })));
}

export function useAddAssignment() {
  return useRotationMutation(({ plan, body }: { plan: number; body: AssignmentInput }) =>
    unwrap(api.POST('/api/v1/rotation/plans/{id}/assignments/', { params: { path: { id: plan } }, body })),
  );
}

export function useRemoveAssignment() {
  return useRotationMutation((assignment: Assignment) =>
    noContent(api.DELETE('/api/v1/rotation/assignments/{id}/', { params: { path: { id: assignment.id } } })),
  );
}

export function useSubmitPlan() {
  return useRotationMutation((plan: number) => unwrap(api.POST('/api/v1/rotation/plans/{id}/submit/', { params: { path: { id: plan } } })));
}

// ---- assignments, targets, flows

export function useAssignments(filters: AssignmentFilters) {
  return useInfiniteQuery(
    cursorPagesOptions(rotationKeys.assignments(filters), async (cursor) =>
      toCursorPage(
        await unwrap(
          api.GET('/api/v1/rotation/assignments/', {
            params: {
              query: {
                ...(filters.year ? { year: filters.year } : {}),
                ...(filters.state ? { state: [filters.state] } : {}),
                ...(filters.side ? { side: filters.side } : {}),
                ...(cursor ? { cursor } : {}),
              },
            },
          }),
        ),
      ),
    ),
  );
}

const orgYear = (org: string | undefined, year: number) => ({ year, ...(org ? { org } : {}) });

export function useTargets(org: string | undefined, year: number) {
  return useQuery({
    queryKey: rotationKeys.targets(org, year),
    queryFn: () => unwrap(api.GET('/api/v1/rotation/targets/', { params: { query: orgYear(org, year) } })),
    placeholderData: keepPreviousData,
  });
}

export function useFlows(org: string | undefined, year: number) {
  return useQuery({
    queryKey: rotationKeys.flows(org, year),
    queryFn: () => unwrap(api.GET('/api/v1/rotation/flows/', { params: { query: orgYear(org, year) } })),
    placeholderData: keepPreviousData,
  });
}

// ---- pickers

/** Counties in the user's scope whose name holds `q` (the eligibility list's choice above a county). */
export function useCounties(q: string) {
  return useQuery({
    queryKey: ['rotation', 'counties', q] as const,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/orgs/', { params: { query: { level: 'county', page_size: 100, ...(q ? { q } : {}) } } }))).results,
    staleTime: 5 * 60 * 1000,
  });
}

/** The schools directly under a county whose name holds `q` (the receiving school's picker). */
export function useCountySchools(county: string, q: string) {
  return useQuery({
    queryKey: ['rotation', 'schools', county, q] as const,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/orgs/', { params: { query: { parent: county, level: 'school', page_size: 100, ...(q ? { q } : {}) } } }),
        )
      ).results,
    enabled: Boolean(county),
    staleTime: 5 * 60 * 1000,
  });
}
