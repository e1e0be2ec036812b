"""Writes of teacher changes: applying for one (the review starts at once) and the daily end of temporary states.
What a completed change does to the archive is in `completion`; how the engine sees a change in `reviewing`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.core.scope import path_in_scope
from tmis.orgs.models import Organisation
from tmis.reviews import services as engine
from tmis.teachers.models import RecordState, Teacher
from tmis.teachers.writes import id_dedup_key

from .completion import apply_change, end_temporary_state
from .kinds import LEAVING, STATUS_REVIEW, SUBJECT, TEMPORARY, TRANSFER_REVIEW, mask_name
from .models import ChangeState, Kind, TeacherChange
from .reviewing import describe_change

__all__ = ["ChangeRequest", "change_create", "end_due_states", "transfer_completed"]


@dataclass(frozen=True)
class ChangeRequest:
    """What an applicant sends (validated for types by the API's serializer)."""

    kind: str
    effective_date: dt.date
    reason: str
    teacher: int | None = None
    id_type: str | None = None
    id_number: str | None = None
    to_school: str | None = None
    end_date: dt.date | None = None
    personnel_status: str = ""


def _receiving_school(actor: Any, code: str | None, *, required: bool) -> Organisation | None:
    if not code:
        if required:
            raise field_error("to_school", "required", _("Choose the school the teacher moves to."))
        return None
    school = Organisation.objects.filter(code=code, level="school").first()
    if school is None or not path_in_scope(school.path, actor):
        raise field_error("to_school", "not_found", _("No such school in your scope."))
    return school


def _teacher_by_document(id_type: str | None, id_number: str | None) -> Teacher:
    if not id_type or not id_number:
        raise field_error("id_number", "required", _("Give the teacher's ID document type and number."))
    digest = id_dedup_key(id_type, id_number)
    teacher = Teacher.objects.select_for_update(of=("self",)).select_related("school").filter(id_digest=digest).first()
    if teacher is None:
        raise AppError(
            _("No archive has this ID document; register the teacher as new instead."),
            code="not_found",
            status_code=404,
        )
    return teacher


def _check_teacher(teacher: Teacher, request: ChangeRequest) -> None:
    """One open change per teacher; only an approved archive out of review changes; each kind its own state."""
    if teacher.open_change is not None:
        raise AppError(
            _("Another change of this teacher is open; wait until it is decided."),
            code="change_open",
            status_code=409,
            extra={"open_change": teacher.open_change},
        )
    if teacher.record_state != RecordState.APPROVED or teacher.pending_change:
        raise AppError(
            _("Only an approved archive with no change waiting for review can change school or status."),
            code="archive_not_settled",
            status_code=409,
        )
    away = teacher.personnel_status.startswith("2")
    if request.kind == Kind.RETURN:
        if teacher.active and not away:
            raise AppError(
                _("The teacher is serving at their school; there is nothing to return from."),
                code="not_away",
                status_code=409,
            )
        return
    if not teacher.active:
        raise AppError(
            _("The teacher has left; a return (re-employment) comes first."),
            code="inactive",
            status_code=409,
        )
    if request.kind in TEMPORARY and away:
        raise AppError(
            _("The teacher is already away from the school; end that first (a return)."),
            code="already_away",
            status_code=409,
        )


def _check_dates(request: ChangeRequest) -> None:
    if request.kind in TEMPORARY:
        codes = TEMPORARY[request.kind]
        if request.personnel_status not in codes:
            raise field_error(
                "personnel_status",
                "invalid_choice",
                _("Choose one of the states this change may set: %(codes)s.") % {"codes": ", ".join(sorted(codes))},
            )
    if request.end_date is not None:
        if request.kind not in TEMPORARY:
            raise field_error("end_date", "not_allowed", _("Only a secondment or a leave has an end date."))
        if request.end_date < request.effective_date:
            raise field_error("end_date", "before_start", _("The end date cannot be before the effective date."))
    if len(request.reason.strip()) < 2:
        raise field_error("reason", "required", _("Give the reason for the change."))


def _change_of(
    teacher: Teacher,
    *,
    kind: str,
    to_school: Organisation | None,
    effective_date: dt.date,
    reason: str,
    actor: Any,
    **more: Any,
) -> TeacherChange:
    """A change of the teacher (not saved) with what every change records of the teacher and the schools when it
    was made: number, name and masked name, the school it leaves and the one it goes to."""
    return TeacherChange(
        kind=kind,
        teacher=teacher,
        teacher_no=teacher.teacher_no,
        teacher_name=teacher.name,
        name_masked=mask_name(teacher.name),
        from_school=teacher.school,
        from_path=teacher.school.path,
        to_school=to_school,
        to_path=to_school.path if to_school else "",
        effective_date=effective_date,
        reason=reason,
        created_by=actor,
        **more,
    )


@transaction.atomic
def change_create(*, actor: Any, request: ChangeRequest) -> TeacherChange:
    """Apply for a change; its review starts at once. A transfer (and a return at another school) is applied for by
    the receiving side, which finds the teacher by ID document nationwide; every other change by the teacher's own
    side. The archive is locked for anything else until the change is decided (409 `change_open`)."""
    _check_dates(request)
    moving = request.kind == Kind.TRANSFER or (request.kind == Kind.RETURN and request.teacher is None)
    if moving:
        to_school = _receiving_school(actor, request.to_school, required=True)
        teacher = _teacher_by_document(request.id_type, request.id_number)
        if to_school is not None and to_school.pk == teacher.school_id:
            raise field_error("to_school", "same_school", _("The teacher already belongs to this school."))
    else:
        if request.teacher is None:
            raise field_error("teacher", "required", _("Choose the teacher."))
        teacher = (
            Teacher.objects.visible_to(actor)
            .select_for_update(of=("self",))
            .select_related("school")
            .filter(pk=request.teacher)
            .first()
        )
        if teacher is None:
            raise AppError(_("No such teacher in your scope."), code="not_found", status_code=404)
        to_school = None
    _check_teacher(teacher, request)
    change = _change_of(
        teacher,
        kind=request.kind,
        to_school=to_school,
        effective_date=request.effective_date,
        reason=request.reason.strip(),
        actor=actor,
        end_date=request.end_date,
        personnel_status=request.personnel_status if request.kind in TEMPORARY else "",
        employment_status=LEAVING.get(request.kind, ""),
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError as exc:  # the same teacher's change created at the same moment
        raise AppError(
            _("Another change of this teacher is open; wait until it is decided."), code="change_open", status_code=409
        ) from exc
    submission = engine.submit(
        actor=actor,
        kind=TRANSFER_REVIEW if change.two_sided else STATUS_REVIEW,
        subject_type=SUBJECT,
        subject_id=change.pk,
        label=change.name_masked if change.two_sided else change.teacher_name,
        school=to_school if to_school is not None else teacher.school,
        second_school=teacher.school if to_school is not None else None,
        payload={"change": describe_change(change)},
    )
    change.submission = submission
    change.save(update_fields=["submission"])
    Teacher.objects.filter(pk=teacher.pk).update(open_change=change.pk)
    audit_record(
        action="change.create",
        actor=actor,
        subject_type="teacher_change",
        subject_id=change.pk,
        detail={"kind": change.kind, "teacher_no": change.teacher_no, "to_school": request.to_school or ""},
    )
    return change


def end_due_states(*, today: dt.date | None = None) -> int:
    """The daily job: approved secondments and leaves whose end date has passed end — the teacher serves at the
    school again (人员状态 100). Each in its own transaction; returns how many ended."""
    today = today or timezone.localdate()
    due = TeacherChange.objects.filter(
        state=ChangeState.APPROVED, ended_at__isnull=True, end_date__lt=today, kind__in=list(TEMPORARY)
    ).values_list("pk", flat=True)
    ended = 0
    for change_id in list(due[:10_000]):
        with transaction.atomic():
            change = TeacherChange.objects.select_for_update().get(pk=change_id)
            if change.ended_at is None:
                end_temporary_state(change)
                ended += 1
    return ended


def transfer_completed(
    *, actor: Any, teacher_id: int, to_school: Organisation, effective_date: dt.date, reason: str
) -> TeacherChange:
    """A transfer another business already had reviewed (a rotation that moves the personnel relation, approved in
    its county's plan): recorded as an approved change of the teacher's history and applied at once — the archive
    with every record moves to `to_school` and keeps its number. Called inside the caller's transaction."""
    teacher = Teacher.objects.select_for_update(of=("self",)).select_related("school").get(pk=teacher_id)
    now = timezone.now()
    change = _change_of(
        teacher,
        kind=Kind.TRANSFER,
        to_school=to_school,
        effective_date=effective_date,
        reason=reason[:500],
        actor=actor,
        state=ChangeState.APPROVED,
        completed_at=now,
    )
    change.save()
    apply_change(change, actor_id=getattr(actor, "pk", None))
    audit_record(
        action="change.create",
        actor=actor,
        subject_type="teacher_change",
        subject_id=change.pk,
        detail={"kind": change.kind, "teacher_no": change.teacher_no, "to_school": to_school.code},
    )
    return change
