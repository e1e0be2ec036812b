"""The one catalogue validator: compiles a group's JSON Schema (jsonschema, draft 2020-12), adds the checks JSON
Schema cannot express (cross-field rules, ID numbers, decimals, exclusive codes) and returns field-level errors
`{field: [{"code": …, "message": …}]}` with messages in the active language. Every write path uses it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import fastjsonschema
from django.utils.translation import get_language, gettext_noop
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


MESSAGES = {  # translated only when an error is reported (gettext per row would dominate imports)
    "required": gettext_noop("%(label)s is required."),
    "invalid_type": gettext_noop("%(label)s has the wrong type of value."),
    "max_length": gettext_noop("%(label)s is longer than %(limit)s characters."),
    "min_length": gettext_noop("%(label)s is shorter than %(limit)s characters."),
    "minimum": gettext_noop("%(label)s must be at least %(limit)s."),
    "maximum": gettext_noop("%(label)s must be at most %(limit)s."),
    "invalid_format": gettext_noop("%(label)s is not in the expected format."),
    "invalid_date": gettext_noop("%(label)s is not a valid date (YYYY-MM-DD)."),
    "invalid_year_month": gettext_noop("%(label)s is not a valid month (YYYY-MM)."),
    "invalid_phone": gettext_noop("%(label)s is not a valid phone number."),
    "invalid_email": gettext_noop("%(label)s is not a valid e-mail address."),
    "unknown_code": gettext_noop("%(label)s: %(value)s is not a code of the table."),
    "duplicate_code": gettext_noop("%(label)s lists a code twice."),
    "exclusive_code": gettext_noop("%(label)s: %(value)s cannot be combined with other codes."),
    "unknown_field": gettext_noop("%(label)s is not an indicator of this catalogue."),
    "too_many_decimals": gettext_noop("%(label)s allows at most %(limit)s decimal places."),
    "current_year_not_allowed": gettext_noop("%(label)s cannot be the current year; fill it in next year."),
    "id_format": gettext_noop("%(label)s is not an 18-character resident ID number."),
    "id_checksum": gettext_noop("%(label)s has a wrong check character."),
    "id_birth_date": gettext_noop("%(label)s contains an impossible birth date."),
    "must_be_after": gettext_noop("%(label)s must be after %(other)s."),
    "must_not_be_before": gettext_noop("%(label)s must not be before %(other)s."),
    "must_be_empty": gettext_noop("%(label)s must be empty here (because of %(other)s)."),
    "must_differ": gettext_noop("%(label)s must differ from %(other)s."),
}


def _messages(code: str, label: str, params: dict[str, Any]) -> str:
    return _(MESSAGES[code]) % {"label": label, **params}


def _is_date_text(value: str) -> bool:
    try:
        return _is_date(value)
    except ValueError:
        return False


@lru_cache(maxsize=512)
def _compiled(group: Group) -> tuple[Draft202012Validator, dict[str, frozenset[str]], Any]:
    """The group's JSON Schema as a jsonschema validator, minus what is checked faster here: required (one error
    per field, conditions included) and code membership (a set lookup instead of jsonschema's linear `enum`)."""
    schema = group_schema(group)
    properties = {}
    for code, prop in schema["properties"].items():
        prop = {key: value for key, value in prop.items() if key != "enum"}
        if "items" in prop:
            prop["items"] = {key: value for key, value in prop["items"].items() if key != "enum"}
        properties[code] = prop
    schema = {key: value for key, value in schema.items() if key != "allOf"} | {
        "required": [],
        "properties": properties,
    }
    codes = {f.code: frozenset(f.codes) for f in group.fields if f.codes is not None}
    # fastjsonschema compiles the same schema to Python code: ~20x faster for the common case of a valid row;
    # jsonschema then runs only on failing rows, to list every error rather than the first.
    fast = fastjsonschema.compile(
        {key: value for key, value in schema.items() if key != "$schema"},
        formats={"date": _is_date_text, "email": lambda value: bool(EMAIL.match(value))},
        use_default=False,  # never fill defaults into the row being checked
    )
    return Draft202012Validator(schema, format_checker=FORMATS), codes, fast


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

    validator, codes, fast = _compiled(group)
    try:
        fast(row)
        schema_errors: Any = ()
    except fastjsonschema.JsonSchemaException:
        schema_errors = validator.iter_errors(row)
    for error in schema_errors:
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
        allowed = codes.get(field.code)
        if allowed is not None:
            unknown = next((v for v in (value if isinstance(value, list) else [value]) if v not in allowed), None)
            if unknown is not None:
                add("unknown_code", field.code, value=unknown)
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
            add(
                "must_be_after" if kind == "after" else "must_not_be_before",
                name,
                other=_label(group.field(other), other),
            )
    elif kind == "required_if" and value is None and other_matches() and group.field(name) is not None:
        add("required", name)
    elif kind == "empty_unless" and value is not None and other is not None and not other_matches():
        add("must_be_empty", name, other=_label(group.field(other), other))
    elif kind == "not_equal" and value is not None:
        if "value" in rule and str(value) == str(rule["value"]):
            add("must_differ", name, other=str(rule["value"]))
        elif other_value is not None and str(value) == str(other_value):
            add("must_differ", name, other=_label(group.field(other), other))
    elif (
        kind == "clears_when"
        and value is not None
        and any(str(v) in values for v in (value if isinstance(value, list) else [value]))
    ):
        label = _label(group.field(name), name)
        for cleared in rule.get("others") or []:
            if cleared in row and cleared not in errors:
                add("must_be_empty", cleared, other=label)
