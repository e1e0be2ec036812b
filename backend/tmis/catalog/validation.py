"""The one catalogue validator: compiles a group's JSON Schema (jsonschema, draft 2020-12), adds the checks JSON
Schema cannot express (cross-field rules, ID numbers, decimals, exclusive codes) and returns field-level errors
`{field: [{"code": …, "message": …}]}` with messages in the active language. Every write path uses it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from tmis.core import idnumbers

from .effective import Field, Group
from .jsonschema_doc import group_schema

Errors = dict[str, list[dict[str, str]]]

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        dt.date.fromisoformat(value)
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError(value)
    return True


@FORMATS.checks("email")
def _is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(EMAIL.match(value))


def _label(field: Field | None, code: str) -> str:
    if field is None:
        return code
    return field.name_en if (get_language() or "").startswith("en") else field.name


def _messages(code: str, label: str, params: dict[str, Any]) -> str:
    texts = {
        "required": _("%(label)s is required."),
        "invalid_type": _("%(label)s has the wrong type of value."),
        "max_length": _("%(label)s is longer than %(limit)s characters."),
        "min_length": _("%(label)s is shorter than %(limit)s characters."),
        "minimum": _("%(label)s must be at least %(limit)s."),
        "maximum": _("%(label)s must be at most %(limit)s."),
        "invalid_format": _("%(label)s is not in the expected format."),
        "invalid_date": _("%(label)s is not a valid date (YYYY-MM-DD)."),
        "invalid_year_month": _("%(label)s is not a valid month (YYYY-MM)."),
        "invalid_phone": _("%(label)s is not a valid phone number."),
        "invalid_email": _("%(label)s is not a valid e-mail address."),
        "unknown_code": _("%(label)s: %(value)s is not a code of the table."),
        "duplicate_code": _("%(label)s lists a code twice."),
        "exclusive_code": _("%(label)s: %(value)s cannot be combined with other codes."),
        "unknown_field": _("%(label)s is not an indicator of this catalogue."),
        "too_many_decimals": _("%(label)s allows at most %(limit)s decimal places."),
        "current_year_not_allowed": _("%(label)s cannot be the current year; fill it in next year."),
        "id_format": _("%(label)s is not an 18-character resident ID number."),
        "id_checksum": _("%(label)s has a wrong check character."),
        "id_birth_date": _("%(label)s contains an impossible birth date."),
        "must_be_after": _("%(label)s must be after %(other)s."),
        "must_not_be_before": _("%(label)s must not be before %(other)s."),
        "must_be_empty": _("%(label)s must be empty here (because of %(other)s)."),
        "must_differ": _("%(label)s must differ from %(other)s."),
    }
    return texts[code] % {"label": label, **params}


@lru_cache(maxsize=512)
def _compiled(group: Group) -> Draft202012Validator:
    schema = group_schema(group)
    # required and the required_if conditions are checked below, with one error per field
    schema = {key: value for key, value in schema.items() if key != "allOf"} | {"required": []}
    return Draft202012Validator(schema, format_checker=FORMATS)


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _schema_error_code(error: Any, field: Field | None) -> tuple[str, dict[str, Any]]:
    keyword = error.validator
    if keyword == "enum":
        return "unknown_code", {"value": error.instance}
    if keyword == "type":
        return "invalid_type", {}
    if keyword in {"maxLength", "minLength"}:
        return ("max_length" if keyword == "maxLength" else "min_length"), {"limit": error.validator_value}
    if keyword in {"minimum", "maximum"}:
        return keyword, {"limit": error.validator_value}
    if keyword == "uniqueItems":
        return "duplicate_code", {}
    if keyword == "format":
        return ("invalid_date" if error.validator_value == "date" else "invalid_email"), {}
    if keyword == "pattern" and field is not None:
        return {"year_month": "invalid_year_month", "phone": "invalid_phone"}.get(field.data_type, "invalid_format"), {}
    if keyword == "additionalProperties":
        return "unknown_field", {}
    return "invalid_format", {}


def validate_row(group: Group, data: dict[str, Any]) -> Errors:
    """Validate one row of a group. Blank values (None, "", []) count as absent."""
    errors: Errors = {}
    row = {key: value for key, value in data.items() if not _blank(value)}

    def add(code: str, field_code: str, **params: Any) -> None:
        field = group.field(field_code)
        errors.setdefault(field_code, []).append(
            {"code": code, "message": _messages(code, _label(field, field_code), params)}
        )

    for field in group.fields:
        if field.required and field.code not in row:
            add("required", field.code)

    for error in _compiled(group).iter_errors(row):
        if error.validator == "additionalProperties":
            for extra in sorted(set(row) - {f.code for f in group.fields}):
                add("unknown_field", extra)
            continue
        field_code = str(error.absolute_path[0]) if error.absolute_path else "non_field_errors"
        code, params = _schema_error_code(error, group.field(field_code))
        add(code, field_code, **params)

    for field in group.fields:  # checks JSON Schema cannot express, on values that passed it
        value = row.get(field.code)
        if value is None or field.code in errors:
            continue
        _field_checks(field, value, row, add)

    for rule in group.rules:
        _apply_rule(rule, group, row, errors, add)
    return errors


def _field_checks(field: Field, value: Any, row: dict[str, Any], add: Any) -> None:
    rules = field.validation
    if "decimals" in rules and isinstance(value, int | float):
        try:
            exponent = Decimal(str(value)).as_tuple().exponent
        except InvalidOperation:
            exponent = 0
        if isinstance(exponent, int) and -exponent > int(rules["decimals"]):
            add("too_many_decimals", field.code, limit=rules["decimals"])
    if rules.get("not_current_year"):
        year = str(value)[:4]
        if year == str(dt.date.today().year):
            add("current_year_not_allowed", field.code)
    exclusive = rules.get("exclusive_codes")
    if exclusive and isinstance(value, list) and len(value) > 1:
        for code in value:
            if code in exclusive:
                add("exclusive_code", field.code, value=code)
                break
    if field.data_type == "id_number" and str(row.get(rules.get("id_type_field", "id_type"), "1")) == "1":
        problem = idnumbers.problem(str(value))
        if problem:
            add(problem, field.code)


def _apply_rule(rule: dict[str, Any], group: Group, row: dict[str, Any], errors: Errors, add: Any) -> None:
    kind, name = rule.get("rule"), rule.get("field")
    if not name or name in errors:
        return
    other = rule.get("other")
    other_label = _label(group.field(other), other) if other else ""
    value, other_value = row.get(name), row.get(other) if other else None
    values = [str(v) for v in rule.get("values") or []]

    def other_matches() -> bool:
        if other_value is None:
            return False
        if isinstance(other_value, list):
            return any(str(v) in values for v in other_value)
        return str(other_value) in values

    if kind in {"after", "not_before"} and value is not None and other_value is not None:
        a, b = str(value), str(other_value)
        width = min(len(a), len(b))  # compare a month with a date by their common prefix
        a, b = a[:width], b[:width]
        if (kind == "after" and not a > b) or (kind == "not_before" and a < b):
            add("must_be_after" if kind == "after" else "must_not_be_before", name, other=other_label)
    elif kind == "required_if" and value is None and other_matches() and group.field(name) is not None:
        add("required", name)
    elif kind == "empty_unless" and value is not None and other is not None and not other_matches():
        add("must_be_empty", name, other=other_label)
    elif kind == "not_equal" and value is not None:
        if "value" in rule and str(value) == str(rule["value"]):
            add("must_differ", name, other=str(rule["value"]))
        elif other_value is not None and str(value) == str(other_value):
            add("must_differ", name, other=other_label)
    elif (
        kind == "clears_when"
        and value is not None
        and any(str(v) in values for v in (value if isinstance(value, list) else [value]))
    ):
        label = _label(group.field(name), name)
        for cleared in rule.get("others") or []:
            if cleared in row and cleared not in errors:
                add("must_be_empty", cleared, other=label)
