"""Writes of programmes (培训项目): an administrator's organisation runs them; the 培训类别 is the organisation's
level (a county's programme is 县级, a school's 校本), never chosen. Changed and deleted only by the running
organisation's administrators, under the row lock against the client's If-Match."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.catalog.selectors import choosable_codes
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current

from .models import Programme
from .rules import LEVEL_OF_ORGANISATION, OTHER_LEVEL

FIELDS = ("name", "form", "subject", "stage", "hours", "start_date", "end_date", "provider", "capacity", "description")


def ensure_runner(actor: Any, programme: Programme) -> None:
    """403 `not_own_organisation` for anyone but the running organisation's administrators."""
    if actor.organisation_id != programme.organisation_id:
        raise AppError(
            _("Only the organisation that runs this programme changes it."),
            code="not_own_organisation",
            status_code=403,
        )


def _check(values: dict[str, Any]) -> None:
    if values["form"] not in choosable_codes("training-form"):
        raise field_error("form", "invalid_choice", _("Choose a training form."))
    if values.get("subject") and values["subject"] not in choosable_codes("teaching-course"):
        raise field_error("subject", "invalid_choice", _("Choose a subject."))
    if values.get("stage") and values["stage"] not in choosable_codes("teaching-stage"):
        raise field_error("stage", "invalid_choice", _("Choose a stage."))
    if values["end_date"] < values["start_date"]:
        raise field_error("end_date", "before_start", _("The programme cannot end before it starts."))


@transaction.atomic
def programme_create(*, actor: Any, **values: Any) -> Programme:
    _check(values)
    org = actor.organisation
    programme = Programme.objects.create(
        organisation=org,
        org_path=org.path,
        level=LEVEL_OF_ORGANISATION.get(org.level, OTHER_LEVEL),
        created_by=actor,
        **{name: values[name] for name in FIELDS if name in values},
    )
    audit_record(
        action="training.programme_create",
        actor=actor,
        subject_type="training_programme",
        subject_id=programme.pk,
        detail={"name": programme.name},
    )
    return programme


@transaction.atomic
def programme_update(
    *, actor: Any, programme: Programme, precondition: Precondition | None, **values: Any
) -> Programme:
    ensure_runner(actor, programme)
    lock_current(programme, precondition)
    merged = {name: values.get(name, getattr(programme, name)) for name in FIELDS}
    _check(merged)
    changed = [name for name in FIELDS if name in values and getattr(programme, name) != values[name]]
    for name in changed:
        setattr(programme, name, values[name])
    programme.save()
    audit_record(
        action="training.programme_update",
        actor=actor,
        subject_type="training_programme",
        subject_id=programme.pk,
        detail={"fields": changed},
    )
    return programme


@transaction.atomic
def programme_delete(*, actor: Any, programme: Programme, precondition: Precondition | None) -> None:
    """Only a programme no claim names (its participants go with it)."""
    ensure_runner(actor, programme)
    lock_current(programme, precondition)
    try:
        with transaction.atomic():
            programme.delete()
    except ProtectedError as exc:
        raise AppError(
            _("Hours have been claimed in this programme; it can no longer be deleted."),
            code="programme_in_use",
            status_code=409,
        ) from exc
    audit_record(
        action="training.programme_delete",
        actor=actor,
        subject_type="training_programme",
        subject_id=programme.pk,
        detail={"name": programme.name},
    )
