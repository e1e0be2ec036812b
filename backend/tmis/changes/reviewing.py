"""Teacher changes as subjects of the review engine. A transfer climbs two sides (DOMAIN decision 5): the receiving
school and its county, then the sending school and its county; across provinces each side adds its province. Every
other change climbs the teacher's own side, school → county by default; a province may add levels to either."""

from __future__ import annotations

from typing import Any

from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tmis.orgs.models import Organisation
from tmis.reviews.models import Submission
from tmis.reviews.registry import SubjectKind, register, register_related
from tmis.teachers.models import Teacher

from .completion import apply_change
from .kinds import STATUS_REVIEW, SUBJECT, TRANSFER_REVIEW
from .models import ChangeState, Kind, TeacherChange


def describe_change(change: TeacherChange) -> dict[str, Any]:
    """What a reviewer on either side reads: never more personal data than the masked name and the number. Stored
    with the review item when it is submitted (a change does not change after), so a queue reads no row per item."""
    provinces = dict(
        Organisation.objects.filter(
            code__in={change.from_school.province_code, getattr(change.to_school, "province_code", None)}
        ).values_list("code", "name")
    )
    to = change.to_school
    return {
        "id": change.pk,
        "kind": change.kind,
        "teacher_no": change.teacher_no,
        "name_masked": change.name_masked,
        "from_school_name": change.from_school.name,
        "from_province_name": provinces.get(change.from_school.province_code, ""),
        "to_school_name": to.name if to else "",
        "to_province_name": provinces.get(to.province_code, "") if to else "",
        "effective_date": change.effective_date.isoformat(),
        "end_date": change.end_date.isoformat() if change.end_date else None,
        "reason": change.reason,
        "personnel_status": change.personnel_status,
        "employment_status": change.employment_status,
    }


def _described(description: dict[str, Any]) -> dict[str, Any]:
    """The stored description with the kind's name in the reader's language."""
    return {"change": {**description, "kind_name": str(Kind(description["kind"]).label)}}


class ChangeSubject:
    """What the engine asks of a teacher change."""

    def _change(self, subject_id: int) -> TeacherChange:
        return TeacherChange.objects.select_related("from_school", "to_school").get(pk=subject_id)

    def label(self, subject_id: int) -> str:
        change = self._change(subject_id)
        return change.name_masked if change.two_sided else change.teacher_name

    def origin(self, subject_id: int) -> Any:
        change = self._change(subject_id)
        return change.to_school if change.two_sided else change.from_school

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        return TeacherChange.objects.visible_to(actor).filter(pk=subject_id).exists()

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        stored = (submission.payload or {}).get("change")
        return _described(stored or describe_change(self._change(submission.subject_id)))

    def state_changed(self, submission: Submission) -> None:
        """The change follows its review; once decided (or withdrawn) the archive is unlocked — a returned or
        withdrawn change has touched nothing else; an approved one was unlocked by `apply_change`, in the same
        write that applied it."""
        state = ChangeState(submission.state)
        changes: dict[str, Any] = {"state": state}
        if state == ChangeState.APPROVED:
            changes["completed_at"] = timezone.now()
        TeacherChange.objects.filter(pk=submission.subject_id).update(**changes)
        if state not in (ChangeState.SUBMITTED, ChangeState.IN_REVIEW, ChangeState.APPROVED):
            teacher = TeacherChange.objects.filter(pk=submission.subject_id).values("teacher_id")
            Teacher.objects.filter(pk=Subquery(teacher), open_change=submission.subject_id).update(open_change=None)

    def apply(self, submission: Submission) -> None:
        change = (
            TeacherChange.objects.select_for_update(of=("self",))
            .select_related("to_school")
            .get(pk=submission.subject_id)
        )
        apply_change(change, actor_id=submission.submitted_by_id)


def register_handlers() -> None:
    subject = ChangeSubject()
    both = ("school", "county")
    register(
        SubjectKind(
            key=TRANSFER_REVIEW,
            label=gettext_lazy("Transfer"),
            subject_type=SUBJECT,
            handler=subject,
            default_levels=both,
            required_levels=both,
            cross_province_levels=("province",),
        )
    )
    register(
        SubjectKind(
            key=STATUS_REVIEW,
            label=gettext_lazy("Change of status"),
            subject_type=SUBJECT,
            handler=subject,
            default_levels=both,
            required_levels=both,
        )
    )
    register_related(parent_type="teacher", subject_type=SUBJECT, subjects=changes_of_teacher)


def changes_of_teacher(teacher_id: int) -> list[int]:
    """The ids of a teacher's changes: their reviews belong on the archive's timeline."""
    return list(TeacherChange.objects.filter(teacher_id=teacher_id).values_list("pk", flat=True))
