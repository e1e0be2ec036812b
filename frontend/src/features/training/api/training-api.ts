import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { claimKindValues, type ClaimKind, type ReviewState } from '@/api/generated/enums';
import type { components } from '@/api/generated/schema';
import { toApiError, unwrap } from '@/lib/api-error';
import { cursorPagesOptions, toCursorPage } from '@/lib/cursor-pages';
import { saveDownload } from '@/lib/download';

export type Programme = components['schemas']['Programme'];
export type ProgrammeInput = components['schemas']['ProgrammeWriteRequest'];
export type ProgrammeChange = components['schemas']['PatchedProgrammeChangeRequest'];
export type Participant = components['schemas']['Participant'];
export type UploadResult = components['schemas']['UploadResult'];
export type UploadProblem = components['schemas']['UploadProblem'];
export type ConfirmResult = components['schemas']['ConfirmResult'];
export type Claim = components['schemas']['Claim'];
/** The committed schema lacks `submission` (the serializer sends it): the claim's review item, null for a completion. */
export type ClaimDetail = components['schemas']['ClaimDetail'] & { submission?: number | null };
export type ClaimInput = components['schemas']['ClaimCreateRequest'];
export type ClaimBulkInput = components['schemas']['ClaimBulkRequest'];
export type ClaimBulkResult = components['schemas']['ClaimBulkResult'];
export type ClaimChange = components['schemas']['PatchedClaimResubmitRequest'];
export type ClaimCorrection = components['schemas']['ClaimCorrectRequest'];
export type RulesVersion = components['schemas']['RulesVersion'];
export type RulesInput = components['schemas']['RulesRequest'];
export type Compliance = components['schemas']['Compliance'];
export type ComplianceRow = components['schemas']['ComplianceRow'];
export type Transcript = components['schemas']['Transcript'];
export type Standing = components['schemas']['Standing'];
export type TranscriptClaim = components['schemas']['TranscriptClaim'];
export type { ClaimKind };
export type ClaimState = ReviewState;

export const CLAIM_KINDS: readonly ClaimKind[] = claimKindValues;
/** The code tables a claim's and a programme's codes are named from. */
export const LEVEL_TABLE = 'training-category';
export const FORM_TABLE = 'training-form';
export const SUBJECT_TABLE = 'teaching-course';
export const STAGE_TABLE = 'teaching-stage';

export interface ProgrammeFilters {
  q?: string;
  level?: string;
  org?: string;
  running_on?: string;
}

export interface ClaimFilters {
  state?: readonly ClaimState[];
  kind?: ClaimKind;
  teacher?: number;
  programme?: number;
  year?: number;
}

export const trainingKeys = {
  all: ['training'] as const,
  programmes: (filters: ProgrammeFilters) => ['training', 'programmes', filters] as const,
  programme: (id: number) => ['training', 'programme', id] as const,
  participants: (id: number) => ['training', 'programme', id, 'participants'] as const,
  claims: (filters: ClaimFilters) => ['training', 'claims', filters] as const,
  claim: (id: number) => ['training', 'claim', id] as const,
  rules: (province: string) => ['training', 'rules', province] as const,
  history: (province: string) => ['training', 'rules', province, 'history'] as const,
  compliance: (org: string | undefined, cycle: string | undefined) => ['training', 'compliance', org ?? '', cycle ?? ''] as const,
  transcript: (teacher: number) => ['training', 'transcript', teacher] as const,
};

/** Every training query is read again after a write (counts, states and standings follow each other). */
function useTrainingMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trainingKeys.all }),
        // An approved claim writes the archive's 国内培训 and a submitted one enters the review queue.
        queryClient.invalidateQueries({ queryKey: ['teachers'] }),
        queryClient.invalidateQueries({ queryKey: ['reviews'] }),
      ]),
  });
}

async function noContent(request: Promise<{ response: Response; error?: unknown }>): Promise<void> {
  const { response, error } = await request;
  if (!response.ok) throw toApiError(error, response);
}

// ---- programmes

const programmeQuery = (filters: ProgrammeFilters, cursor: string | null) => ({
  ...(filters.q ? { q: filters.q } : {}),
  ...(filters.level ? { level: filters.level } : {}),
  ...(filters.org ? { org: filters.org } : {}),
  ...(filters.running_on ? { running_on: filters.running_on } : {}),
  ...(cursor ? { cursor } : {}),
});

export function useProgrammes(filters: ProgrammeFilters) {
  return useInfiniteQuery(
    cursorPagesOptions(trainingKeys.programmes(filters), async (cursor) =>
      toCursorPage(await unwrap(api.GET('/api/v1/training/programmes/', { params: { query: programmeQuery(filters, cursor) } }))),
    ),
  );
}

/** Up to 50 programmes whose name holds `q` (the pickers). */
export function useProgrammeOptions(q: string, enabled = true) {
  return useQuery({
    queryKey: ['training', 'programmes', 'options', q] as const,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/training/programmes/', { params: { query: { page_size: 50, ...(q ? { q } : {}) } } }))).results,
    enabled,
    staleTime: 30_000,
  });
}

export function useProgramme(id: number | undefined) {
  return useQuery({
    queryKey: trainingKeys.programme(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/v1/training/programmes/{id}/', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && Number.isFinite(id),
  });
}

export function useParticipants(id: number) {
  return useInfiniteQuery(
    cursorPagesOptions(trainingKeys.participants(id), async (cursor) => {
      const data: unknown = await unwrap(
        api.GET('/api/v1/training/programmes/{id}/participants/', {
          params: { path: { id }, query: { page_size: 200, ...(cursor ? { cursor } : {}) } } as never,
        }),
      );
      // A cursor page (the generated type says a bare list: the action's pagination is not in the schema).
      const page = data as { results?: Participant[]; next?: string | null } | Participant[];
      return Array.isArray(page) ? { results: page, nextCursor: null } : toCursorPage({ results: page.results ?? [], next: page.next });
    }),
  );
}

export function useCreateProgramme() {
  return useTrainingMutation((body: ProgrammeInput) => unwrap(api.POST('/api/v1/training/programmes/', { body })));
}

/** `etag`: the version the change is based on (412 when someone changed it since). */
export function useUpdateProgramme() {
  return useTrainingMutation(({ id, etag, body }: { id: number; etag: string; body: ProgrammeChange }) =>
    unwrap(api.PATCH('/api/v1/training/programmes/{id}/', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
  );
}

export function useDeleteProgramme() {
  return useTrainingMutation((programme: Programme) =>
    noContent(
      api.DELETE('/api/v1/training/programmes/{id}/', {
        params: { path: { id: programme.id }, header: { 'If-Match': programme.etag } },
      }),
    ),
  );
}

/** Uploads the enrolment or completion list: checked row by row, saved unless `dryRun`. */
export function uploadCompletions(id: number, file: File, dryRun: boolean): Promise<UploadResult> {
  return unwrap(
    api.POST('/api/v1/training/programmes/{id}/completions/', {
      params: { path: { id } },
      // The generated type has `file` as a string (OpenAPI `binary`); the body goes out as FormData.
      body: { file: file.name, dry_run: dryRun },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        form.append('dry_run', String(dryRun));
        return form;
      },
    }),
  );
}

export function useUploadCompletions() {
  return useTrainingMutation(({ id, file, dryRun }: { id: number; file: File; dryRun: boolean }) => uploadCompletions(id, file, dryRun));
}

export function useConfirmCompletions() {
  return useTrainingMutation((id: number) =>
    unwrap(api.POST('/api/v1/training/programmes/{id}/completions/confirm/', { params: { path: { id } } })),
  );
}

// ---- claims

const claimQuery = (filters: ClaimFilters, cursor: string | null) => ({
  ...(filters.state && filters.state.length > 0 ? { state: [...filters.state] } : {}),
  ...(filters.kind ? { kind: filters.kind } : {}),
  ...(filters.teacher ? { teacher: filters.teacher } : {}),
  ...(filters.programme ? { programme: filters.programme } : {}),
  ...(filters.year ? { year: filters.year } : {}),
  ...(cursor ? { cursor } : {}),
});

export function useClaims(filters: ClaimFilters) {
  return useInfiniteQuery(
    cursorPagesOptions(trainingKeys.claims(filters), async (cursor) =>
      toCursorPage(await unwrap(api.GET('/api/v1/training/claims/', { params: { query: claimQuery(filters, cursor) } }))),
    ),
  );
}

export function useClaim(id: number | undefined) {
  return useQuery({
    queryKey: trainingKeys.claim(id ?? 0),
    queryFn: async (): Promise<ClaimDetail> =>
      unwrap(api.GET('/api/v1/training/claims/{id}/', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && Number.isFinite(id),
  });
}

export function useFileClaim() {
  return useTrainingMutation((body: ClaimInput): Promise<ClaimDetail> => unwrap(api.POST('/api/v1/training/claims/', { body })));
}

/**
 * One claim per teacher (≤ 500): one result per entry, in order. The generated client types the answer as one
 * result; the API sends a list (both are read).
 */
export function useBulkClaims() {
  return useTrainingMutation(async (body: ClaimBulkInput): Promise<ClaimBulkResult[]> => {
    const data: unknown = await unwrap(api.POST('/api/v1/training/claims/bulk/', { body }));
    return Array.isArray(data) ? (data as ClaimBulkResult[]) : [data as ClaimBulkResult];
  });
}

/** A returned claim changed and submitted again. */
export function useResubmitClaim() {
  return useTrainingMutation(({ claim, body }: { claim: Claim; body: ClaimChange }): Promise<ClaimDetail> =>
    unwrap(
      api.PATCH('/api/v1/training/claims/{id}/', { params: { path: { id: claim.id }, header: { 'If-Match': claim.etag } }, body }),
    ),
  );
}

export function useCorrectClaim() {
  return useTrainingMutation(({ claim, body }: { claim: Claim; body: ClaimCorrection }): Promise<ClaimDetail> =>
    unwrap(
      api.POST('/api/v1/training/claims/{id}/correct/', {
        params: { path: { id: claim.id }, header: { 'If-Match': claim.etag } },
        body,
      }),
    ),
  );
}

export function useAttachEvidence() {
  return useTrainingMutation(({ id, file }: { id: number; file: File }): Promise<ClaimDetail> =>
    unwrap(
      api.POST('/api/v1/training/claims/{id}/evidence/', {
        params: { path: { id } },
        body: { file: file.name },
        bodySerializer: () => {
          const form = new FormData();
          form.append('file', file, file.name);
          return form;
        },
      }),
    ),
  );
}

export function downloadEvidence(claim: Claim): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/training/claims/{id}/evidence/', { params: { path: { id: claim.id } }, parseAs: 'blob' }),
    claim.evidence_name || `evidence-${String(claim.id)}`,
  );
}

// ---- teachers to file for

export interface TeacherOption {
  id: number;
  name: string;
  teacher_no: string;
  school_name: string;
}

const TEACHER_FIELDS = 'id,name,teacher_no,school_name';

/**
 * Current teachers in scope whose name (or pinyin, or initials) starts with `text`, or whose teacher number is
 * `text` (digits): the claim form's picker.
 */
export async function findTeachers(text: string, school?: string): Promise<TeacherOption[]> {
  const value = text.trim();
  const query: Record<string, string> = { fields: TEACHER_FIELDS, page_size: '20', status: 'current' };
  if (/^\d+$/.test(value)) query.teacher_no = value;
  else if (value) query.q = value;
  if (school) query.school = school;
  const page = await unwrap(api.GET('/api/v1/teachers/', { params: { query } }));
  const teachers: TeacherOption[] = page.results;
  return teachers;
}

export function useTeacherOptions(text: string) {
  return useQuery({
    queryKey: ['training', 'teacher-options', text] as const,
    queryFn: () => findTeachers(text),
    staleTime: 30_000,
  });
}

/** The current teachers of a school (the batch entry's list), by name, 100 a page. */
export function useSchoolTeachers(school: string, q: string) {
  return useInfiniteQuery(
    cursorPagesOptions(['training', 'school-teachers', school, q] as const, async (cursor) => {
      const query: Record<string, string> = { fields: TEACHER_FIELDS, page_size: '100', status: 'current', school, ordering: 'name' };
      if (q.trim()) query.q = q.trim();
      if (cursor) query.cursor = cursor;
      const page = await unwrap(api.GET('/api/v1/teachers/', { params: { query } }));
      const teachers: TeacherOption[] = page.results;
      return toCursorPage({ results: teachers, next: page.next });
    }),
  );
}

// ---- rules, compliance, transcript

export function useRules(province: string) {
  return useQuery({
    queryKey: trainingKeys.rules(province),
    queryFn: () => unwrap(api.GET('/api/v1/training/rules/{province_code}/', { params: { path: { province_code: province } } })),
    enabled: Boolean(province),
  });
}

export function useRulesHistory(province: string) {
  return useQuery({
    queryKey: trainingKeys.history(province),
    queryFn: () =>
      unwrap(api.GET('/api/v1/training/rules/{province_code}/history/', { params: { path: { province_code: province } } })),
    enabled: Boolean(province),
  });
}

export function useSetRules() {
  return useTrainingMutation(({ province, body }: { province: string; body: RulesInput }) =>
    unwrap(api.PUT('/api/v1/training/rules/{province_code}/', { params: { path: { province_code: province } }, body })),
  );
}

const orgCycle = (org: string | undefined, cycle: string | undefined) => ({
  ...(org ? { org } : {}),
  ...(cycle ? { cycle } : {}),
});

export function useCompliance(org: string | undefined, cycle: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.compliance(org, cycle),
    queryFn: () => unwrap(api.GET('/api/v1/training/compliance/', { params: { query: orgCycle(org, cycle) } })),
  });
}

export function downloadSchoolList(org: string, cycle: string): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/training/compliance/school.xlsx', { params: { query: orgCycle(org, cycle) }, parseAs: 'blob' }),
    `培训学时-${cycle}.xlsx`,
  );
}

export function useTranscript(teacher: number) {
  return useQuery({
    queryKey: trainingKeys.transcript(teacher),
    queryFn: () =>
      unwrap(api.GET('/api/v1/teachers/{teacher_pk}/training/transcript/', { params: { path: { teacher_pk: String(teacher) } } })),
  });
}

export function downloadTranscript(teacher: number, format: 'xlsx' | 'pdf'): Promise<string> {
  const path = { params: { path: { teacher_pk: String(teacher) } }, parseAs: 'blob' as const };
  return format === 'xlsx'
    ? saveDownload(api.GET('/api/v1/teachers/{teacher_pk}/training/transcript.xlsx', path), '培训学时.xlsx')
    : saveDownload(api.GET('/api/v1/teachers/{teacher_pk}/training/transcript.pdf', path), '培训学时.pdf');
}
