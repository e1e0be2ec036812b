"""Checks of an archive's data against the school's effective catalogue and the rules of key information (关键信息):
what a form save, a change request, an import row and a submission are checked with."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tmis.catalog.effective import EffectiveCatalogue, Group
from tmis.catalog.selectors import effective_for_organisation
from tmis.catalog.validation import Errors, group_validator
from tmis.core import idnumbers
from tmis.core.text import CODE as TEXT_CODE
from tmis.core.text import control_character_problems
from tmis.orgs.models import Organisation

from . import identity
from .models import GroupRecord, Teacher
from .owned_groups import OWNED_GROUPS
from .writes import CheckedTeacher

#: 人员状态 在本单位任职: a new archive's, unless its data says otherwise.
SERVING = "100"
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
        "id_prefixes",
        "extra",
        "name_pinyin",
        "name_initials",
        "record_state",
        "pending_change",
        "employment_status",
        "active",
        "open_change",
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
#: A group record's columns that are not indicators.
GROUP_RECORD_FIELDS = {"id", "teacher", "province_code", "extra", "created_at", "updated_at"}


def json_value(value: Any) -> Any:
    """A column value as the validator and a change request's diff hold it (dates as ISO strings)."""
    return value.isoformat() if isinstance(value, dt.date) else value


@cache
def group_record_columns(model: type[GroupRecord]) -> tuple[str, ...]:
    """A group model's indicator columns (what a record write may set)."""
    return tuple(f.name for f in model._meta.concrete_fields if f.name not in GROUP_RECORD_FIELDS)


def validator_row(record: GroupRecord, group: Group) -> dict[str, Any]:
    """A group record as the catalogue validator sees it: its indicators of the group, extensions from `extra`."""
    fields = {f.code for f in group.fields}
    row = {f: json_value(getattr(record, f)) for f in group_record_columns(type(record)) if f in fields}
    return row | {k: v for k, v in record.extra.items() if k in fields}


def unknown_extension(code: str) -> dict[str, str]:
    """The problem of an extension indicator the province does not have."""
    return {
        "code": "unknown_field",
        "message": _("%(code)s is not an extension indicator of this province.") % {"code": code},
    }


def catalogue_check(
    school: Organisation, values: dict[str, Any], extra: dict[str, Any], catalogue: EffectiveCatalogue | None = None
) -> tuple[int, Errors]:
    """Validate against the school's effective catalogue (基本信息 and 联系方式). Returns (version, problems).
    A bulk caller passes the catalogue it already resolved for the school."""
    if catalogue is None:
        catalogue, _tables = effective_for_organisation(organisation=school)
    return catalogue.version, catalogue_check_many(catalogue, [(values, extra)])[0]


def catalogue_check_many(
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
            {k: json_value(v) for k, v in values.items() if k in fields}
            | {k: v for k, v in extra.items() if k in fields}
            for values, extra in rows
        ]
        for found, more in zip(problems, group_validator(group).validate_many(group_rows), strict=True):
            if more:
                found |= more
    for found, (values, extra) in zip(problems, rows, strict=True):
        for key in extra:
            if key not in extension_codes:
                found.setdefault(f"extra.{key}", []).append(unknown_extension(key))
        for field, problem in control_character_problems(values | {"extra": extra}):
            found.setdefault(field, []).insert(0, problem)
    return problems


def _none_field(group: Group) -> tuple[str, str] | None:
    """The field by which a record of the group says 无 (nothing applies), and that value's word, if the group has
    one: its first required indicator, when that is a code with 0/00-无 or a yes/no flag the rest depends on."""
    first = next((f for f in group.fields if f.required), None)
    if first is None:
        return None
    if first.data_type in {"code", "multi_code"} and set(first.codes or ()) & {"0", "00"}:
        return first.code, _("none")
    flags = {r.get("other") for r in group.rules if r.get("rule") == "empty_unless"}
    if first.data_type == "boolean" and first.code in flags:
        return first.code, _("no")
    return None


def group_minimum_problems(catalogue: EffectiveCatalogue, counts: dict[str, int]) -> Errors:
    """The groups of the school kind's core set that have no record yet (`group_required`, keyed by the group's
    code): part of the whole archive's check (`reviewing.archive_problems`), whichever path submits it."""
    english = (get_language() or "").startswith("en")
    problems: Errors = {}
    for group in catalogue.groups:
        if not group.needs_record or counts.get(group.code) or group.code in OWNED_GROUPS:
            continue
        label = group.name_en if english else group.name
        none = _none_field(group)
        if none is None:
            message = _("%(group)s needs at least one record.") % {"group": label}
        else:
            field = group.field(none[0])
            message = _(
                "%(group)s needs at least one record; if nothing applies, add one with %(field)s = %(none)s."
            ) % {
                "group": label,
                "field": (field.name_en if english else field.name) if field else none[0],
                "none": none[1],
            }
        problems[group.code] = [{"code": "group_required", "message": message}]
    return problems


def key_errors(values: dict[str, Any], number: str, problems: Errors) -> Errors:
    """The problems that block a write: key information missing or invalid (the ID number by its type, and the
    birth date and gender a resident ID carries), unknown extensions, and control characters in any text."""
    errors: Errors = {
        k: v
        for k, v in problems.items()
        if k in KEY_FIELDS or k.startswith("extra.") or any(e["code"] == TEXT_CODE for e in v)
    }
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
        # A new archive serves at its school (人员状态 100) unless it says otherwise; teacher changes move it on.
        values["personnel_status"] = values.get("personnel_status") or SERVING
        extra = dict(data.get("extra") or {})
        number = identity.normalise(str(data.get("id_number") or ""))
        prepared.append((values, extra, number))
    found = catalogue_check_many(
        catalogue, [(values | {"id_number": number}, extra) for values, extra, number in prepared]
    )
    checked = []
    for (values, extra, number), problems in zip(prepared, found, strict=True):
        errors = key_errors(values | {"id_number": number}, number, problems)
        warnings = {k: v for k, v in problems.items() if k not in errors}
        checked.append(CheckedTeacher(school, values, extra, number, catalogue.version, errors, warnings))
    return checked
