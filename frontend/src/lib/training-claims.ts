import { claimKindValues, type ClaimKind } from '@/api/generated/enums';

// Training claims (issue 17) as other features meet them: the review queue reads a claim's description, the
// archive links to the claim form. Shared here because features do not import each other.

/** The review kind of a training claim: its subject is the claim, not an archive. */
export const TRAINING_CLAIM_KIND = 'training_claim';

export function isTrainingClaimReview(kind: string): boolean {
  return kind === TRAINING_CLAIM_KIND;
}

/** The claim as it was submitted, from a review item's `diff.claim` (codes for the category and the form). */
export interface ClaimDescription {
  id: number;
  /** The kind (named by the SPA's texts: the API's `kind_name` is not translated). */
  kind: ClaimKind;
  kind_name: string;
  title: string;
  provider: string;
  /** 培训类别 code (code table `training-category`). */
  level: string;
  /** 培训方式 code (code table `training-form`). */
  form: string;
  hours: number;
  date: string;
  programme: number | null;
  teacher_no: string;
  has_evidence: boolean;
  note: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Reads `diff.claim` of a training claim's review item; null for any other item. */
export function claimFromDiff(diff: Record<string, unknown> | null | undefined): ClaimDescription | null {
  const claim = diff?.claim;
  if (typeof claim !== 'object' || claim === null) return null;
  const c = claim as Record<string, unknown>;
  const kind = claimKindValues.find((value) => value === c.kind);
  if (kind === undefined) return null;
  return {
    id: num(c.id) ?? 0,
    kind,
    kind_name: str(c.kind_name),
    title: str(c.title),
    provider: str(c.provider),
    level: str(c.level),
    form: str(c.form),
    hours: num(c.hours) ?? 0,
    date: str(c.date),
    programme: num(c.programme),
    teacher_no: str(c.teacher_no),
    has_evidence: c.has_evidence === true,
    note: str(c.note),
  };
}

/** The teacher's name out of a claim item's label (`张三 · 国培计划`), for when the claim cannot be read. */
export function teacherOfLabel(label: string): string {
  const at = label.indexOf(' · ');
  return at < 0 ? label : label.slice(0, at);
}

/**
 * Groups of the archive a business module writes alone (the API refuses every other write with 409 `group_owned`):
 * 国内培训 (`training`) holds the approved training hours, 交流轮岗 (`rotation`) the rotations of approved county plans.
 */
export const OWNED_GROUPS: readonly string[] = ['training', 'rotation'];

export function isOwnedGroup(code: string): boolean {
  return OWNED_GROUPS.includes(code);
}

/** Where the claim form opens for one teacher (the archive's 国内培训 hint links here). */
export function claimFormPath(teacherId?: number): string {
  return teacherId === undefined ? '/training/claims?new=1' : `/training/claims?new=1&teacher=${String(teacherId)}`;
}
