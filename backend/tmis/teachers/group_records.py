"""Writes of the many-valued groups' records (学习经历, 工作经历 …). A record is saved at once while the archive is a
draft or returned; on an approved archive the same write becomes a change request that waits for review, and the
review engine saves it when the request is approved. `group_record_edit` / `group_record_remove` hold that rule
for callers (the API); the four functions below them do one thing each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import Errors, validate_row
from tmis.core.errors import AppError
from tmis.core.etag import Precondition, lock_current
from tmis.core.text import control_character_problems

from .checks import group_record_columns, json_value, unknown_extension, validator_row
from .models import GROUP_MODELS, GroupRecord, Teacher
from .owned_groups import ensure_not_owned
from .services import ensure_editable
from .writes import stamp_change

if TYPE_CHECKING:
    from tmis.reviews.models import Submission


@dataclass
class GroupRecordWrite:
    """What a person's record write did: the saved record and its warnings, or the change request it opened."""

    record: GroupRecord | None
    warnings: Errors
    change_request: Submission | None = None


def _group_code(record: GroupRecord) -> str:
    return next(code for code, model in GROUP_MODELS.items() if isinstance(record, model))


def _proposed(teacher: Teacher, group_code: str, data: dict[str, Any], record: GroupRecord | None) -> tuple:
    """The record with `data` applied (unsaved) and its catalogue warnings; unknown extension indicators and control
    characters in extension values → 400 (the columns' text is checked by their serializer fields)."""
    model = GROUP_MODELS[group_code]
    record = record or model(teacher=teacher, province_code=teacher.province_code)
    for field in group_record_columns(model):
        if field in data:  # an approved change request holds its values as JSON text: back to the field's type
            value = data[field]
            setattr(record, field, model._meta.get_field(field).to_python(value) if value is not None else None)
    if "extra" in data:
        record.extra = dict(data["extra"] or {})
    catalogue, _tables = effective_for_organisation(organisation=teacher.school)
    group = catalogue.group(group_code)
    fields = {f.code for f in group.fields} if group else set()
    errors = {f"extra.{k}": [unknown_extension(k)] for k in record.extra if k not in fields}
    for field, problem in control_character_problems({"extra": record.extra}):
        errors.setdefault(field, []).append(problem)
    if errors:
        raise AppError(_("The submitted data is invalid."), errors=errors)
    return record, (validate_row(group, validator_row(record, group)) if group else {})


def _stored(record: GroupRecord) -> dict[str, Any]:
    return {f: json_value(getattr(record, f)) for f in [*group_record_columns(type(record)), "extra"]}


@transaction.atomic
def group_record_save(
    *, actor: Any, teacher: Teacher, group_code: str, data: dict[str, Any], record: GroupRecord | None = None
) -> tuple[GroupRecord, Errors]:
    """Create (`record` None) or change one record now, and advance the archive's version. Catalogue problems come
    back as warnings, unknown extension indicators are refused. The caller has decided the archive may be written:
    `group_record_edit` for a person, the review engine applying an approved change request."""
    record, warnings = _proposed(teacher, group_code, data, record)
    record.save()
    stamp_change(teacher, new_version=True, actor=actor)
    return record, warnings


@transaction.atomic
def group_record_change_request(
    *, actor: Any, teacher: Teacher, group_code: str, data: dict[str, Any], record: GroupRecord | None = None
) -> Submission:
    """Propose creating (`record` None) or changing one record of an approved archive: checked as a save would
    be, nothing written but the change request, which is returned."""
    from .reviewing import request_change  # the review engine's teacher subject

    ensure_editable(teacher)
    old = _stored(record) if record else None
    proposed, _warnings = _proposed(teacher, group_code, data, record)
    operation = {"op": "update" if old else "create", "group": group_code, "record": proposed.pk}
    operation["data"] = _stored(proposed)
    if old:
        operation["old"] = old
    return request_change(actor=actor, teacher=teacher, group_operation=operation)


@transaction.atomic
def group_record_delete(*, actor: Any, teacher: Teacher, record: GroupRecord) -> None:
    """Delete one record now and advance the archive's version (the caller has decided it may: see
    `group_record_save`)."""
    record.delete()
    stamp_change(teacher, new_version=True, actor=actor)


@transaction.atomic
def group_record_delete_request(*, actor: Any, teacher: Teacher, record: GroupRecord) -> Submission:
    """Propose deleting one record of an approved archive; returns the change request."""
    from .reviewing import request_change

    ensure_editable(teacher)
    operation = {"op": "delete", "group": _group_code(record), "record": record.pk}
    return request_change(actor=actor, teacher=teacher, group_operation=operation)


@transaction.atomic
def group_record_edit(
    *,
    actor: Any,
    teacher: Teacher,
    group_code: str,
    data: dict[str, Any],
    record: GroupRecord | None = None,
    precondition: Precondition | None = None,
) -> GroupRecordWrite:
    """A person's create or change of a record: a change must hold its `precondition` (If-Match) under the record's
    row lock; refused while the archive is in review or has a change waiting; saved at once on an archive never
    approved, a change request on an approved one."""
    ensure_not_owned(group_code)
    if record is not None:
        lock_current(record, precondition)
    ensure_editable(teacher)
    if teacher.ever_approved:
        proposal = group_record_change_request(
            actor=actor, teacher=teacher, group_code=group_code, data=data, record=record
        )
        return GroupRecordWrite(None, {}, proposal)
    saved, warnings = group_record_save(actor=actor, teacher=teacher, group_code=group_code, data=data, record=record)
    return GroupRecordWrite(saved, warnings)


@transaction.atomic
def group_record_remove(
    *, actor: Any, teacher: Teacher, record: GroupRecord, precondition: Precondition | None = None
) -> Submission | None:
    """A person's delete of a record, by the same rule as `group_record_edit`: the change request it opened on an
    approved archive, None when the record was deleted."""
    ensure_not_owned(_group_code(record))
    lock_current(record, precondition)
    ensure_editable(teacher)
    if teacher.ever_approved:
        return group_record_delete_request(actor=actor, teacher=teacher, record=record)
    group_record_delete(actor=actor, teacher=teacher, record=record)
    return None


@transaction.atomic
def group_records_import_request(*, actor: Any, teacher: Teacher, imports: list[dict[str, Any]]) -> Submission:
    """An import's records for an approved archive, as one change request: `imports` = [{"group", "mode"
    ("append" | "replace"), "data": [records as a change request holds them]}]; a replace also keeps the records it
    would replace ("old"), for the reviewer to compare. Nothing is written but the change request."""
    from .reviewing import request_change

    ensure_editable(teacher)
    for operation in imports:
        ensure_not_owned(operation["group"])
        if operation["mode"] == "replace":
            model = GROUP_MODELS[operation["group"]]
            operation["old"] = [_stored(r) for r in model.objects.filter(teacher=teacher).order_by("id")]
    return request_change(actor=actor, teacher=teacher, group_imports=imports)


def group_records_apply_import(*, actor: Any, teacher: Teacher, imports: list[dict[str, Any]]) -> None:
    """An approved import change request: per group, the teacher's records replaced (mode "replace") or not, then
    each record saved as a person's save would be (the review engine calls it)."""
    for operation in imports:
        model = GROUP_MODELS[operation["group"]]
        if operation["mode"] == "replace":
            for record in model.objects.filter(teacher=teacher):
                group_record_delete(actor=actor, teacher=teacher, record=record)
        for data in operation["data"]:
            group_record_save(actor=actor, teacher=teacher, group_code=operation["group"], data=data)
