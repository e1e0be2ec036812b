"""An approved assignment's life, moved by the date (the daily job, and the plan's approval for dates already
past): on its start date the teacher's 人员状态 becomes 205 交流轮岗, a 交流轮岗 record is written on the archive
and the receiving school may read (never edit) the archive; on its end date the state returns to 100, the record
closes and the read access ends — or, when the assignment moves the personnel relation (是否调动人事关系 = 1), the
end is a completed transfer to the receiving school through the changes module. This app alone writes the
archive's 交流轮岗 group."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.changes.services import transfer_completed
from tmis.teachers.models import ArchiveReadGrant, Teacher
from tmis.teachers.models.groups import RotationRecord
from tmis.teachers.writes import stamp_change

from . import tallies
from .models import Assignment, AssignmentState, PlanState

ON_ROTATION, SERVING = "205", "100"
GRANT_SOURCE = "rotation_assignment"


def _set_status(teacher_id: int, status: str, *, only_if: str | None = None) -> None:
    teachers = Teacher.objects.filter(pk=teacher_id)
    if only_if is not None:
        teachers = teachers.filter(personnel_status=only_if)
    if teachers.update(personnel_status=status, version=F("version") + 1, updated_at=timezone.now()):
        stamp_change(Teacher(pk=teacher_id))


def start(assignment: Assignment) -> None:
    """The rotation begins (inside the caller's transaction, the assignment locked and read with its teacher)."""
    assignment.record = RotationRecord.objects.create(
        teacher_id=assignment.teacher_id,
        province_code=assignment.teacher.province_code,
        rotation_type=assignment.rotation_type,
        rotation_transfers_relation=assignment.transfers_relation,
        rotation_start_month=assignment.start_date.strftime("%Y-%m"),
        rotation_origin_unit=assignment.from_school.name[:100],
        rotation_unit=assignment.to_school.name[:100],
    )
    _set_status(assignment.teacher_id, ON_ROTATION)
    ArchiveReadGrant.objects.get_or_create(
        source=GRANT_SOURCE, source_id=assignment.pk, org_path=assignment.to_path, teacher_id=assignment.teacher_id
    )
    assignment.state, assignment.started_at = AssignmentState.STARTED, timezone.now()
    assignment.save(update_fields=["record", "state", "started_at", "updated_at"])
    tallies.recount(plan_id=assignment.plan_id, school_id=assignment.from_school_id)


def end(assignment: Assignment) -> None:
    """The rotation ends on its end date (inside the caller's transaction, the assignment locked)."""
    ArchiveReadGrant.objects.filter(source=GRANT_SOURCE, source_id=assignment.pk).delete()
    if assignment.record_id is not None:
        RotationRecord.objects.filter(pk=assignment.record_id).update(
            rotation_end_month=assignment.end_date.strftime("%Y-%m")
        )
    if assignment.transfers_relation:
        assignment.transfer = transfer_completed(
            actor=assignment.plan.created_by,
            teacher_id=assignment.teacher_id,
            to_school=assignment.to_school,
            effective_date=assignment.end_date,
            reason=_("Exchange rotation moving the personnel relation (plan %(year)s of %(county)s)")
            % {"year": assignment.plan.year, "county": assignment.plan.county.name},
        )
    else:
        _set_status(assignment.teacher_id, SERVING, only_if=ON_ROTATION)
    assignment.state, assignment.ended_at = AssignmentState.COMPLETED, timezone.now()
    assignment.save(update_fields=["transfer", "state", "ended_at", "updated_at"])
    tallies.recount(plan_id=assignment.plan_id, school_id=assignment.from_school_id)


def _locked(assignment_id: int) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("teacher", "from_school", "to_school", "plan__county", "plan__created_by")
        .get(pk=assignment_id)
    )


def advance_one(assignment_id: int, today: dt.date) -> str:
    """Start and/or end one assignment of an approved plan as `today` requires; returns its state."""
    assignment = _locked(assignment_id)
    if assignment.plan.state != PlanState.APPROVED:
        return assignment.state
    if assignment.state == AssignmentState.PLANNED and assignment.start_date <= today:
        start(assignment)
    if assignment.state == AssignmentState.STARTED and assignment.end_date <= today:
        end(assignment)
    return assignment.state


def advance(*, today: dt.date | None = None, plan_id: int | None = None) -> dict[str, int]:
    """The daily job: every assignment of an approved plan whose start or end date has come, each in its own
    transaction (one teacher's failure stops nobody else's). Returns how many started and ended."""
    today = today or timezone.localdate()
    due = Assignment.objects.filter(plan__state=PlanState.APPROVED).filter(
        Q(state=AssignmentState.PLANNED, start_date__lte=today) | Q(state=AssignmentState.STARTED, end_date__lte=today)
    )
    if plan_id is not None:
        due = due.filter(plan_id=plan_id)
    counts = {"started": 0, "ended": 0}
    for assignment_id, before in list(due.order_by("id").values_list("id", "state")[:20_000]):
        with transaction.atomic():
            after = advance_one(assignment_id, today)
        if before == AssignmentState.PLANNED and after != AssignmentState.PLANNED:
            counts["started"] += 1
        if after == AssignmentState.COMPLETED:
            counts["ended"] += 1
    return counts
