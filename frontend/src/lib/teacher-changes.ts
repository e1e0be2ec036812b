import type { ChangeKind } from '@/api/generated/enums';

// Teacher changes (issue 15) as other features meet them: the review queue reads a change's description, the
// lists name both sides. Shared here because features do not import each other.

/** The change description a review item of kind `transfer` / `teacher_status` carries in `diff.change`. */
export interface ChangeDescription {
  id: number;
  kind: ChangeKind;
  kind_name: string;
  teacher_no: string;
  name_masked: string;
  from_school_name: string;
  from_province_name: string;
  to_school_name: string;
  to_province_name: string;
  effective_date: string;
  end_date: string | null;
  reason: string;
  personnel_status: string;
  employment_status: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads `diff.change` of a change's review item; null for any other item. */
export function changeFromDiff(diff: Record<string, unknown> | null | undefined): ChangeDescription | null {
  const change = diff?.change;
  if (typeof change !== 'object' || change === null) return null;
  const c = change as Record<string, unknown>;
  if (typeof c.kind !== 'string') return null;
  return {
    id: typeof c.id === 'number' ? c.id : 0,
    kind: c.kind as ChangeKind,
    kind_name: str(c.kind_name),
    teacher_no: str(c.teacher_no),
    name_masked: str(c.name_masked),
    from_school_name: str(c.from_school_name),
    from_province_name: str(c.from_province_name),
    to_school_name: str(c.to_school_name),
    to_province_name: str(c.to_province_name),
    effective_date: str(c.effective_date),
    end_date: typeof c.end_date === 'string' ? c.end_date : null,
    reason: str(c.reason),
    personnel_status: str(c.personnel_status),
    employment_status: str(c.employment_status),
  };
}

/** Review kinds whose subject is a teacher change (not an archive: no 查看档案). */
export const CHANGE_REVIEW_KINDS = ['transfer', 'teacher_status'] as const;

export function isChangeReview(kind: string): boolean {
  return (CHANGE_REVIEW_KINDS as readonly string[]).includes(kind);
}

/** "甘肃省 城关区第一小学": the province is named only when the two sides are in different provinces. */
export function placeName(school: string, province: string, otherProvince: string): string {
  if (!school) return '';
  return province && otherProvince && province !== otherProvince ? `${province} ${school}` : school;
}

