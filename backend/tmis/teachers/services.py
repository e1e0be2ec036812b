"""Writes to the teacher archive through the form: create and update with 一人一号 (one ID document → one archive,
nationwide), delete a draft, read the full ID number. The rows they store are built by `writes`, checked by
`checks`; group records are written by `group_records`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import access_log_record
from tmis.catalog.validation import Errors
from tmis.core import crypto
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current
from tmis.core.scope import path_in_scope
from tmis.notifications.security_alerts import full_id_alert_check
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_in_scope

from . import identity, numbers
from .checks import COLUMN_FIELDS, catalogue_check, json_value, key_errors, teacher_check
from .models import DeletedTeacher, RecordState, Teacher
from .writes import (
    actor_id,
    apply_values,
    archive_row,
    change_seqs,
    id_columns,
    id_dedup_key,
    id_number_of,
    number_prefix,
    stamp_change,
)

LOCKED_STATES = (RecordState.SUBMITTED, RecordState.IN_REVIEW)


def teacher_conflict(*, actor: Any, existing: Teacher) -> AppError:
    """The 409 for an ID document already registered (names the archive only when it is in the actor's scope)."""
    if path_in_scope(existing.org_path, actor):  # the archive is loaded: the scope rule without a query
        return AppError(
            _("A teacher with this ID document already exists: %(name)s (%(number)s).")
            % {"name": existing.name, "number": existing.teacher_no},
            code="duplicate_id_document",
            status_code=status.HTTP_409_CONFLICT,
            extra={
                "existing": {
                    "id": existing.pk,
                    "teacher_no": existing.teacher_no,
                    "name": existing.name,
                    "school": existing.school.code,
                }
            },
        )
    province = Organisation.objects.filter(code=existing.province_code).first()
    province_name = province.name if province else existing.province_code
    return AppError(
        _("This ID document is already registered in %(province)s. Ask for a transfer to bring the teacher here.")
        % {"province": province_name},
        code="duplicate_id_document",
        status_code=status.HTTP_409_CONFLICT,
        extra={"province": {"code": existing.province_code, "name": province_name}},
    )


@transaction.atomic
def teacher_create(*, actor: Any, school_code: str, data: dict[str, Any]) -> tuple[Teacher, Errors]:
    """A new draft archive. Key information must be valid; other catalogue problems come back as warnings."""
    school = organisation_in_scope(user=actor, code=school_code, level=Level.SCHOOL)
    if school is None:
        raise field_error("school", "not_found", _("No school with this code in your scope."))
    checked = teacher_check(school=school, data=data)
    if checked.errors:
        raise AppError(_("The key information is incomplete or invalid."), code="invalid", errors=checked.errors)
    existing = Teacher.objects.select_related("school").filter(id_digest=checked.digest).first()
    if existing is not None:
        raise teacher_conflict(actor=actor, existing=existing)
    number = numbers.allocate(prefix=number_prefix(school), year=dt.date.today().year)
    teacher = Teacher(**archive_row(checked, teacher_no=number, by_id=actor_id(actor)))
    try:
        with transaction.atomic():
            teacher.save()
    except IntegrityError as exc:  # the same ID saved concurrently
        existing = Teacher.objects.select_related("school").get(id_digest=checked.digest)
        raise teacher_conflict(actor=actor, existing=existing) from exc
    stamp_change(teacher)
    return teacher, checked.warnings


def ensure_editable(teacher: Teacher) -> None:
    """409 while the archive is in review, a change of it waits for review, a teacher change (transfer, leave …)
    is open, or the teacher has left (an inactive archive is read-only)."""
    if teacher.open_change is not None:
        raise AppError(
            _("A transfer or status change of this teacher is open; the archive changes only through it."),
            code="change_open",
            status_code=status.HTTP_409_CONFLICT,
            extra={"open_change": teacher.open_change},
        )
    if not teacher.active:
        raise AppError(
            _("The teacher has left; the archive is kept read-only (a return re-activates it)."),
            code="inactive",
            status_code=status.HTTP_409_CONFLICT,
        )
    if teacher.record_state in LOCKED_STATES:
        raise AppError(
            _("The archive is in review and cannot be changed until it is decided."),
            code="record_locked",
            status_code=status.HTTP_409_CONFLICT,
        )
    if teacher.pending_change:
        raise AppError(
            _("A change of this archive is waiting for review; make further changes after it is decided."),
            code="change_pending",
            status_code=status.HTTP_409_CONFLICT,
        )


@transaction.atomic
def teacher_update(
    *, actor: Any, teacher_id: int, precondition: Precondition | None, data: dict[str, Any]
) -> tuple[Teacher, Errors]:
    """Change an archive. The `precondition` (If-Match) must hold for the current version, or nothing is written (412).
    A draft or returned archive changes at once; an approved one only through a change request (the approved
    values stay in force until it is approved: `teacher.pending_change` tells)."""
    teacher = Teacher.objects.visible_to(actor).select_for_update().select_related("school").get(pk=teacher_id)
    if precondition is not None:
        precondition.check(teacher)
    ensure_editable(teacher)
    current = {f: getattr(teacher, f) for f in COLUMN_FIELDS}
    if "personnel_status" in data and (data["personnel_status"] or "") != current["personnel_status"]:
        raise field_error(
            "personnel_status",
            "set_by_changes",
            _("The personnel status changes only through a teacher change (secondment, leave, return)."),
        )
    values = current | {k: v for k, v in data.items() if k in COLUMN_FIELDS}
    extra = dict(data["extra"]) if "extra" in data else dict(teacher.extra)
    old_number = id_number_of(teacher)
    number = identity.normalise(str(data["id_number"])) if "id_number" in data else old_number
    version, problems = catalogue_check(teacher.school, values | {"id_number": number}, extra)
    errors = key_errors(values | {"id_number": number}, number, problems)
    if errors:
        raise AppError(_("The key information is incomplete or invalid."), code="invalid", errors=errors)
    digest = id_dedup_key(values["id_type"], number)
    if digest != teacher.id_digest:
        existing = Teacher.objects.select_related("school").filter(id_digest=digest).first()
        if existing is not None:
            raise teacher_conflict(actor=actor, existing=existing)
    warnings = {k: v for k, v in problems.items() if k not in errors}
    if teacher.ever_approved:
        from .reviewing import request_change  # the review engine's teacher subject

        diff = {f: [json_value(current[f]), json_value(v)] for f, v in values.items() if current[f] != v}
        if number != old_number:
            diff["id_number"] = [teacher.id_masked, crypto.mask(number)]
        if extra != teacher.extra:
            diff["extra"] = [teacher.extra, extra]
        if diff:
            ids = id_columns(values["id_type"], number) if number != old_number else None
            secret = (ids["id_key"], ids["id_cipher"]) if ids else None
            request_change(actor=actor, teacher=teacher, fields=diff, id_secret=secret, id_digest=digest)
        return teacher, warnings
    apply_values(teacher, actor=actor, values=values, extra=extra, catalogue_version=version)
    if digest != teacher.id_digest:
        for column, value in id_columns(values["id_type"], number).items():
            setattr(teacher, column, value)
    teacher.save()
    stamp_change(teacher)
    return teacher, warnings


def teacher_id_number(*, actor: Any, teacher: Teacher, address: str | None) -> str:
    """The full ID number, for a caller whose role allows it; every such view goes to the access log."""
    access_log_record(
        actor=actor, action="teacher.id_number.view", subject_type="teacher", subject_id=teacher.pk, address=address
    )
    full_id_alert_check(user=actor)
    return id_number_of(teacher)


@transaction.atomic
def teacher_delete(*, actor: Any, teacher: Teacher, precondition: Precondition | None = None) -> None:
    """Only a draft that was never approved may be deleted; an approved archive leaves a school only through the
    teacher-change business (transfer, retirement …)."""
    lock_current(teacher, precondition)
    if teacher.ever_approved or teacher.record_state != RecordState.DRAFT:
        raise AppError(
            _("Only a draft that was never approved can be deleted."),
            code="not_deletable",
            status_code=status.HTTP_409_CONFLICT,
        )
    DeletedTeacher.objects.create(teacher_id=teacher.pk, org_path=teacher.org_path, change_seq=change_seqs(1)[0])
    teacher.delete()
