"""Writes to the teacher archive: create and update with 一人一号 (one ID document → one archive, nationwide)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import access_log_record
from tmis.catalog.effective import EffectiveCatalogue, Group
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import Errors, group_validator, validate_row
from tmis.core import crypto, idnumbers
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current
from tmis.core.scope import path_in_scope
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_in_scope

from . import identity, numbers
from .models import GROUP_MODELS, GroupRecord, RecordState, Teacher
from .pinyin import name_pinyin

#: 关键信息: what a draft needs, and what must be valid before anything is saved.
KEY_FIELDS = ("name", "gender", "nationality", "id_type", "id_number", "birth_date")
#: National indicators stored as columns (everything of 基本信息 and 联系方式 except the protected ID number).
COLUMN_FIELDS = tuple(
    f.name
    for f in Teacher._meta.concrete_fields
    if f.name
    not in {
        "id",
        "teacher_no",
        "school",
        "org_path",
        "province_code",
        "id_key",
        "id_cipher",
        "id_digest",
        "id_masked",
        "extra",
        "name_pinyin",
        "name_initials",
        "record_state",
        "pending_change",
        "ever_approved",
        "catalogue_version",
        "version",
        "change_seq",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    }
)
_COLUMN_FIELD_SET = frozenset(COLUMN_FIELDS)
ID_CONTEXT = b"teacher.id_number"
GROUP_RECORD_FIELDS = {"id", "teacher", "province_code", "extra", "created_at", "updated_at"}


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@cache
def group_record_columns(model: type[GroupRecord]) -> tuple[str, ...]:
    """A group model's indicator columns (what a record write may set)."""
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in GROUP_RECORD_FIELDS)


def validator_row(record: GroupRecord, group: Group) -> dict[str, Any]:
    """A group record as the catalogue validator sees it: its indicators of the group, extensions from `extra`."""
    fields = {f.code for f in group.fields}
    row = {f: _json_value(getattr(record, f)) for f in group_record_columns(type(record)) if f in fields}
    return row | {k: v for k, v in record.extra.items() if k in fields}


def _catalogue_check(
    school: Organisation, values: dict[str, Any], extra: dict[str, Any], catalogue: EffectiveCatalogue | None = None
) -> tuple[int, Errors]:
    """Validate against the school's effective catalogue (基本信息 and 联系方式). Returns (version, problems).
    A bulk caller passes the catalogue it already resolved for the school."""
    if catalogue is None:
        catalogue, _tables = effective_for_organisation(organisation=school)
    return catalogue.version, _catalogue_check_many(catalogue, [(values, extra)])[0]


def _catalogue_check_many(
    catalogue: EffectiveCatalogue, rows: list[tuple[dict[str, Any], dict[str, Any]]]
) -> list[Errors]:
    """The catalogue problems of each (values, extra) — one validator run per group for all the rows."""
    problems: list[Errors] = [{} for _ in rows]
    extension_codes: set[str] = set()
    for code in ("basic", "contact"):
        group = catalogue.group(code)
        if group is None:
            continue
        fields = {f.code for f in group.fields}
        extension_codes |= {f.code for f in group.fields if f.extension}
        group_rows = [
            {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items() if k in fields}
            | {k: v for k, v in extra.items() if k in fields}
            for values, extra in rows
        ]
        for found, more in zip(problems, group_validator(group).validate_many(group_rows), strict=True):
            if more:
                found |= more
    for found, (_values, extra) in zip(problems, rows, strict=True):
        for key in extra:
            if key not in extension_codes:
                found.setdefault(f"extra.{key}", []).append(
                    {
                        "code": "unknown_field",
                        "message": _("%(code)s is not an extension indicator of this province.") % {"code": key},
                    }
                )
    return problems


def _key_errors(values: dict[str, Any], number: str, problems: Errors) -> Errors:
    errors: Errors = {k: v for k, v in problems.items() if k in KEY_FIELDS or k.startswith("extra.")}
    errors = {k: [e for e in v if k.startswith("extra.") or e["code"] != "unknown_field"] for k, v in errors.items()}
    for field in KEY_FIELDS:
        if values.get(field) in (None, "", []) and field not in errors:
            errors[field] = [{"code": "required", "message": _("This key information is required.")}]
    id_type = values.get("id_type")
    if number and id_type and "id_number" not in errors:
        found = identity.problem(str(id_type), number)
        if found:
            errors["id_number"] = [{"code": found, "message": _("This is not a valid number for the document type.")}]
        elif id_type == identity.RESIDENT_ID:
            birth = values.get("birth_date")
            if birth and "birth_date" not in errors and idnumbers.birth_date(number) != birth:
                errors["birth_date"] = [
                    {
                        "code": "id_birth_date_mismatch",
                        "message": _("The birth date differs from the one in the ID number."),
                    }
                ]
            gender = values.get("gender")
            if gender in {"1", "2"} and "gender" not in errors and idnumbers.gender_code(number) != gender:
                errors["gender"] = [
                    {"code": "id_gender_mismatch", "message": _("The gender differs from the one in the ID number.")}
                ]
    return {k: v for k, v in errors.items() if v}


def _conflict(actor: Any, existing: Teacher) -> AppError:
    """409 for an ID already registered: name the archive only when the caller may see it."""
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


def _stamp_change(teacher: Teacher, *, new_version: bool = False, actor: Any = None) -> None:
    """Every write to an archive (the teacher row or a group record) takes the next teacher_change_seq; a group
    record's write also makes a new archive version (its ETag)."""
    changes: dict[str, Any] = {"change_seq": RawSQL("nextval('teacher_change_seq')", [])}
    if new_version:
        changes |= {"version": models.F("version") + 1, "updated_by": actor if getattr(actor, "pk", None) else None}
    Teacher.objects.filter(pk=teacher.pk).update(**changes)


@dataclass
class CheckedTeacher:
    """A new archive's data, checked against the school's catalogue: `errors` block it (key information),
    `warnings` are the catalogue problems a draft may keep."""

    school: Organisation
    values: dict[str, Any]
    extra: dict[str, Any]
    number: str
    version: int
    errors: Errors
    warnings: Errors

    @cached_property
    def digest(self) -> str:
        return id_digest(str(self.values.get("id_type") or ""), self.number)


def id_digest(id_type: str, number: str) -> str:
    """The dedup key of an ID document (type and normalised number)."""
    return crypto.digest(f"{id_type}:{number}")


def teacher_check(
    *, school: Organisation, data: dict[str, Any], catalogue: EffectiveCatalogue | None = None
) -> CheckedTeacher:
    """Checks a new archive's data for a school (the rules of `teacher_create`)."""
    return teachers_check(school=school, rows=[data], catalogue=catalogue)[0]


def teachers_check(
    *, school: Organisation, rows: list[dict[str, Any]], catalogue: EffectiveCatalogue | None = None
) -> list[CheckedTeacher]:
    """Checks new archives' data for a school, many rows at once (imports): the same rules as one row."""
    if catalogue is None:
        catalogue, _tables = effective_for_organisation(organisation=school)
    prepared = []
    for data in rows:
        values = {k: v for k, v in data.items() if k in _COLUMN_FIELD_SET}
        extra = dict(data.get("extra") or {})
        number = identity.normalise(str(data.get("id_number") or ""))
        prepared.append((values, extra, number))
    found = _catalogue_check_many(
        catalogue, [(values | {"id_number": number}, extra) for values, extra, number in prepared]
    )
    checked = []
    for (values, extra, number), problems in zip(prepared, found, strict=True):
        errors = _key_errors(values | {"id_number": number}, number, problems)
        warnings = {k: v for k, v in problems.items() if k not in errors}
        checked.append(CheckedTeacher(school, values, extra, number, catalogue.version, errors, warnings))
    return checked


def _new_teacher(checked: CheckedTeacher, *, actor: Any, teacher_no: str) -> Teacher:
    school, values, number = checked.school, checked.values, checked.number
    key_id, cipher = crypto.encrypt(number, context=ID_CONTEXT)
    pinyin, initials = name_pinyin(values["name"])
    by = actor if getattr(actor, "pk", None) else None
    return Teacher(
        teacher_no=teacher_no,
        school=school,
        org_path=school.path,
        province_code=school.province_code,
        id_key=key_id,
        id_cipher=cipher,
        id_digest=checked.digest,
        id_masked=crypto.mask(number),
        extra=checked.extra,
        name_pinyin=pinyin,
        name_initials=initials,
        catalogue_version=checked.version,
        created_by=by,
        updated_by=by,
        **values,
    )


def number_prefix(school: Organisation) -> str:
    return (school.province_code or "00")[:2]


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
        raise _conflict(actor, existing)
    number = numbers.allocate(prefix=number_prefix(school), year=dt.date.today().year)
    teacher = _new_teacher(checked, actor=actor, teacher_no=number)
    try:
        with transaction.atomic():
            teacher.save()
    except IntegrityError as exc:  # the same ID saved concurrently
        raise _conflict(actor, Teacher.objects.select_related("school").get(id_digest=checked.digest)) from exc
    _stamp_change(teacher)
    return teacher, checked.warnings


def teacher_conflict(*, actor: Any, existing: Teacher) -> AppError:
    """The 409 for an ID document already registered (names the archive only when it is in the actor's scope)."""
    return _conflict(actor, existing)


LOCKED_STATES = (RecordState.SUBMITTED, RecordState.IN_REVIEW)


def _ensure_editable(teacher: Teacher) -> None:
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
    _ensure_editable(teacher)
    current = {f: getattr(teacher, f) for f in COLUMN_FIELDS}
    values = current | {k: v for k, v in data.items() if k in COLUMN_FIELDS}
    extra = dict(data["extra"]) if "extra" in data else dict(teacher.extra)
    old_number = crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)
    number = identity.normalise(str(data["id_number"])) if "id_number" in data else old_number
    version, problems = _catalogue_check(teacher.school, values | {"id_number": number}, extra)
    errors = _key_errors(values | {"id_number": number}, number, problems)
    if errors:
        raise AppError(_("The key information is incomplete or invalid."), code="invalid", errors=errors)
    digest = crypto.digest(f"{values['id_type']}:{number}")
    if digest != teacher.id_digest:
        existing = Teacher.objects.select_related("school").filter(id_digest=digest).first()
        if existing is not None:
            raise _conflict(actor, existing)
    warnings = {k: v for k, v in problems.items() if k not in errors}
    if teacher.ever_approved:
        from .reviewing import request_change  # the review engine's teacher subject

        diff = {f: [_json_value(current[f]), _json_value(v)] for f, v in values.items() if current[f] != v}
        if number != old_number:
            diff["id_number"] = [teacher.id_masked, crypto.mask(number)]
        if extra != teacher.extra:
            diff["extra"] = [teacher.extra, extra]
        if diff:
            secret = crypto.encrypt(number, context=ID_CONTEXT) if number != old_number else None
            request_change(actor=actor, teacher=teacher, fields=diff, id_secret=secret, id_digest=digest)
        return teacher, warnings
    _apply_values(teacher, actor=actor, values=values, extra=extra, version=version)
    if digest != teacher.id_digest:
        teacher.id_key, teacher.id_cipher = crypto.encrypt(number, context=ID_CONTEXT)
        teacher.id_digest, teacher.id_masked = digest, crypto.mask(number)
    teacher.save()
    _stamp_change(teacher)
    return teacher, warnings


def _apply_values(teacher: Teacher, *, actor: Any, values: dict[str, Any], extra: dict[str, Any], version: int) -> None:
    for field, value in values.items():
        setattr(teacher, field, value)
    teacher.name_pinyin, teacher.name_initials = name_pinyin(teacher.name)
    teacher.extra, teacher.catalogue_version = extra, version
    teacher.version += 1
    teacher.updated_by = actor if getattr(actor, "pk", None) else None


def teacher_id_number(*, actor: Any, teacher: Teacher, address: str | None) -> str:
    """The full ID number, for a caller whose role allows it; every such view goes to the access log."""
    access_log_record(
        actor=actor, action="teacher.id_number.view", subject_type="teacher", subject_id=teacher.pk, address=address
    )
    return crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)


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
    teacher.delete()


@transaction.atomic
def group_record_save(
    *,
    actor: Any,
    teacher: Teacher,
    group_code: str,
    data: dict[str, Any],
    record: GroupRecord | None = None,
    applying: bool = False,
    precondition: Precondition | None = None,
) -> tuple[GroupRecord, Errors]:
    """Create or change one record of a many-valued group; catalogue problems come back as warnings, unknown
    extension indicators are refused. On an approved archive the write becomes a change request (`applying` is the
    review engine applying an approved one)."""
    if record is not None:
        lock_current(record, precondition)
    if not applying:
        _ensure_editable(teacher)
    model = GROUP_MODELS[group_code]
    column_fields = group_record_columns(model)
    old = {f: _json_value(getattr(record, f)) for f in [*column_fields, "extra"]} if record else None
    record = record or model(teacher=teacher, province_code=teacher.province_code)
    for field in column_fields:
        if field in data:
            setattr(record, field, data[field])
    if "extra" in data:
        record.extra = dict(data["extra"] or {})
    catalogue, _tables = effective_for_organisation(organisation=teacher.school)
    group = catalogue.group(group_code)
    fields = {f.code for f in group.fields} if group else set()
    problems = validate_row(group, validator_row(record, group)) if group else {}
    unknown = [k for k in record.extra if k not in fields]
    if unknown:
        raise AppError(
            _("The submitted data is invalid."),
            errors={
                f"extra.{k}": [
                    {
                        "code": "unknown_field",
                        "message": _("%(code)s is not an extension indicator of this province.") % {"code": k},
                    }
                ]
                for k in unknown
            },
        )
    if teacher.ever_approved and not applying:
        from .reviewing import request_change

        new = {f: _json_value(getattr(record, f)) for f in [*column_fields, "extra"]}
        operation = {"op": "update" if old else "create", "group": group_code, "record": record.pk, "data": new}
        if old:
            operation["old"] = old
        request_change(actor=actor, teacher=teacher, group_operation=operation)
        return record, problems
    record.save()
    _stamp_change(teacher, new_version=True, actor=actor)
    return record, problems


@transaction.atomic
def group_record_delete(
    *,
    actor: Any,
    teacher: Teacher,
    record: GroupRecord,
    applying: bool = False,
    precondition: Precondition | None = None,
) -> None:
    lock_current(record, precondition)
    if not applying:
        _ensure_editable(teacher)
    if teacher.ever_approved and not applying:
        from .reviewing import request_change

        group = next(code for code, model in GROUP_MODELS.items() if isinstance(record, model))
        request_change(
            actor=actor, teacher=teacher, group_operation={"op": "delete", "group": group, "record": record.pk}
        )
        return
    record.delete()
    _stamp_change(teacher, new_version=True, actor=actor)
