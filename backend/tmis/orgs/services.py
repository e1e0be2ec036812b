"""Writes to the organisation tree. Admins create and edit units strictly below their own organisation."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error
from tmis.core.etag import Precondition, lock_current
from tmis.core.scope import path_in_scope

from . import codes
from .models import LEVEL_ORDER, LEVEL_RANK, Level, Organisation
from .selectors import organisation_in_scope

SCHOOL_ATTRIBUTES = ("school_type", "sponsor", "urban_rural", "affiliation")


def _province_code(parent: Organisation, level: str, code: str) -> str:
    if level == Level.PROVINCE:
        return code
    return parent.province_code


def _check_level(parent: Organisation, level: str) -> None:
    if parent.level == Level.SCHOOL:
        raise field_error("parent", "parent_is_school", _("A school cannot have units below it."))
    if level == Level.SCHOOL:
        return
    expected = LEVEL_ORDER[LEVEL_RANK[parent.level] + 1]
    if level != expected:
        raise field_error(
            "level",
            "level_mismatch",
            _("Below a %(parent)s only a %(expected)s or a school can be created.")
            % {"parent": Level(parent.level).label, "expected": Level(expected).label},
        )


def _check_region_code(parent: Organisation, level: str, code: str) -> None:
    if len(code) != 6 or not code.isdigit():
        raise field_error("code", "code_format", _("A region's code is the six-digit GB/T 2260 division code."))
    if level == Level.PROVINCE:
        ok = code.endswith("0000")
    elif level == Level.CITY:
        ok = code[:2] == parent.code[:2] and code[4:] == "00" and code[2:4] != "00"
    else:  # county
        ok = code[:4] == parent.code[:4] and code[4:] != "00"
    if not ok:
        raise field_error(
            "code",
            "code_prefix",
            _("Code %(code)s does not fit below %(parent)s (%(parent_code)s) as a %(level)s.")
            % {"code": code, "parent": parent.name, "parent_code": parent.code, "level": Level(level).label},
        )


def _check_school(parent: Organisation, code: str, attrs: dict[str, str]) -> None:
    if len(code) != 10 or not code.isdigit():
        raise field_error("code", "code_format", _("A school's identification code has ten digits."))
    if code[:2] not in codes.SCHOOL_CATEGORY_PREFIXES:
        raise field_error(
            "code",
            "code_category",
            _("The first two digits (%(prefix)s) are not a school category.") % {"prefix": code[:2]},
        )
    if parent.province_code and code[2:4] != parent.province_code[:2]:
        raise field_error(
            "code",
            "code_province",
            _("Digits 3–4 of a school code must be the province code %(province)s.")
            % {"province": parent.province_code[:2]},
        )
    _check_school_attributes(code, attrs, required=True)


def _check_school_attributes(code: str, attrs: dict[str, str], *, required: bool) -> None:
    school_type = attrs.get("school_type")
    if required and not school_type:
        raise field_error("school_type", "required", _("A school needs its school type (办学类型)."))
    lists = {
        "school_type": codes.school_types(),
        "sponsor": codes.sponsors(),
        "urban_rural": codes.urban_rural_types(),
        "affiliation": codes.affiliations(),
    }
    for name, allowed in lists.items():
        value = attrs.get(name)
        if value and value not in allowed:
            raise field_error(name, "unknown_code", _("%(value)s is not a valid code.") % {"value": value})
    if school_type and school_type[:2] != code[:2]:
        raise field_error(
            "school_type",
            "type_mismatch",
            _("School type %(type)s does not match the category %(prefix)s in the school code.")
            % {"type": school_type, "prefix": code[:2]},
        )


def _ensure_below_actor(actor: Any, organisation: Organisation) -> None:
    if not path_in_scope(organisation.path, actor):
        raise AppError(_("Not found."), code="not_found", status_code=status.HTTP_404_NOT_FOUND)
    if organisation.path == actor.scope_path:
        raise AppError(
            _("You can only manage units below your own organisation."),
            code="not_below_own_organisation",
            status_code=status.HTTP_403_FORBIDDEN,
        )


@transaction.atomic
def organisation_create(
    *, actor: Any, parent_code: str, code: str, name: str, level: str, name_en: str = "", **attrs: str
) -> Organisation:
    parent = organisation_in_scope(user=actor, code=parent_code)
    if parent is None:
        raise field_error("parent", "not_found", _("No organisation with this code in your scope."))
    _check_level(parent, level)
    if level == Level.SCHOOL:
        _check_school(parent, code, attrs)
    else:
        _check_region_code(parent, level, code)
        attrs = {}
    school_type = attrs.get("school_type", "")
    organisation = Organisation(
        code=code,
        name=name.strip(),
        name_en=name_en.strip(),
        level=level,
        parent=parent,
        path=f"{parent.path}{code}/",
        depth=parent.depth + 1,
        province_code=_province_code(parent, level, code),
        school_stage=codes.stage_for_school_type(school_type) if school_type else "",
        **{key: attrs.get(key, "") for key in SCHOOL_ATTRIBUTES},
    )
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise AppError(
            _("An organisation with code %(code)s already exists.") % {"code": code},
            code="duplicate_code",
            status_code=status.HTTP_409_CONFLICT,
            errors={"code": [{"code": "duplicate", "message": _("This code is already in use.")}]},
        ) from exc
    audit_record(
        action="org.create",
        actor=actor,
        subject_type="organisation",
        subject_id=organisation.code,
        detail={"parent": parent.code, "level": level, "name": organisation.name},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Any, organisation: Organisation, precondition: Precondition | None = None, **changes: str
) -> Organisation:
    _ensure_below_actor(actor, organisation)
    lock_current(organisation, precondition)  # If-Match, compared under the row lock
    attrs = {key: value for key, value in changes.items() if key in SCHOOL_ATTRIBUTES}
    if attrs and not organisation.is_school:
        raise field_error(next(iter(attrs)), "not_a_school", _("Only schools have school attributes."))
    if organisation.is_school and attrs:
        merged = {key: getattr(organisation, key) for key in SCHOOL_ATTRIBUTES} | attrs
        _check_school_attributes(organisation.code, merged, required=True)
        if "school_type" in attrs:
            organisation.school_stage = codes.stage_for_school_type(attrs["school_type"])
    changed: dict[str, list[str]] = {}
    for key in ("name", "name_en", *SCHOOL_ATTRIBUTES):
        if key in changes:
            before, after = getattr(organisation, key), changes[key].strip()
            if before != after:
                changed[key] = [before, after]
            setattr(organisation, key, after)
    organisation.save()
    audit_record(
        action="org.update",
        actor=actor,
        subject_type="organisation",
        subject_id=organisation.code,
        detail={"name": organisation.name, "changes": changed},
    )
    return organisation
