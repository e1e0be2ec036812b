"""The one catalogue validator: compiles a group's JSON Schema (jsonschema, draft 2020-12), adds the checks JSON
Schema cannot express (cross-field rules, ID numbers, decimals, exclusive codes) and returns field-level errors
`{field: [{"code": …, "message": …}]}` with messages in the active language. Every write path uses it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from typing import Any

import fastjsonschema
from django.utils.translation import gettext_noop
from jsonschema import Draft202012Validator, FormatChecker

from tmis.core import idnumbers
from tmis.core.memo import DistinctMemo
from tmis.core.messages import Message, names

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


def _label(field: Field | None, code: str) -> dict[str, str]:
    """An indicator's name as a message parameter (both languages: a stored message is read in the reader's)."""
    if field is None:
        return names(code)
    return names(field.name, field.name_en)


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


def _messages(code: str, label: dict[str, str], params: dict[str, Any]) -> Message:
    return Message(MESSAGES[code], {"label": label, **params})


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
    return "invalid_format", {}


def validate_row(group: Group, data: dict[str, Any]) -> Errors:
    """Validate one row of a group. Blank values (None, "", []) count as absent."""
    return group_validator(group).validate(data)


Found = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]  # (error code, params) of one value


class _Columns:
    """The rows' values by field, blanks (None, "", []) as None; built when first asked for."""

    def __init__(self, rows: list[dict[str, Any]], present: set[str]) -> None:
        self._rows = rows
        self._present = present
        self._built: dict[tuple[str, Any], list[Any]] = {}

    def get(self, code: str, default: Any = None) -> list[Any]:
        key = (code, default)
        column = self._built.get(key)
        if column is None:
            if code in self._present:
                column = [row.get(code) for row in self._rows]
                column = [default if _blank(v) else v for v in column]
            else:
                column = [default] * len(self._rows)
            self._built[key] = column
        return column

    def __getitem__(self, code: str) -> list[Any]:
        return self.get(code)


@lru_cache(maxsize=512)
def group_validator(group: Group) -> GroupValidator:
    return GroupValidator(group)


class GroupValidator:
    """A group's checks, compiled once. What a field's value alone decides (schema type, format, length, range,
    code membership, decimals, exclusive codes) is remembered per distinct value — a row then costs a look-up per
    field, which is what makes the validator fast enough for imports of 100,000 rows. What depends on the row
    (required fields, ID numbers by their document type, cross-field rules) is checked for every row."""

    def __init__(self, group: Group) -> None:
        self.group = group
        self._schema, self._codes, self._fast = _compiled(group)
        self._fields = {f.code: f for f in group.fields}
        self._required = [f.code for f in group.fields if f.required]
        self._rules = [r for r in (_compile_rule(rule, group) for rule in group.rules) if r is not None]
        self._id_fields = {
            f.code: f.validation.get("id_type_field", "id_type") for f in group.fields if f.data_type == "id_number"
        }
        # a value's problems can change with the date (not_current_year): such fields are checked every time
        self._problems_of: dict[str, Callable[[Any], Found]] = {
            f.code: (
                partial(self._check_value, f.code)
                if f.validation.get("not_current_year")
                else DistinctMemo(partial(self._check_value, f.code))
            )
            for f in group.fields
        }

    def validate(self, data: dict[str, Any]) -> Errors:
        return self.validate_many([data])[0]

    def validate_many(self, rows: list[dict[str, Any]]) -> list[Errors]:
        """The errors of each row (an empty dict for a valid one). Works column by column: a field's values of all
        the rows are checked in one loop, and each distinct value once."""
        count = len(rows)
        errors: list[Errors | None] = [None] * count
        fields = self._fields

        def add(index: int, code: str, field_code: str, **params: Any) -> None:
            found = errors[index]
            if found is None:
                found = errors[index] = {}
            message = _messages(code, _label(fields.get(field_code), field_code), params)
            found.setdefault(field_code, []).append({"code": code, "message": message})

        present: set[str] = set()
        for row in rows:
            present.update(row)
        columns = _Columns(rows, present)
        unknown = present - fields.keys()
        if unknown:
            for index, row in enumerate(rows):
                for key in sorted(k for k in row if k in unknown and not _blank(row[k])):
                    add(index, "unknown_field", key)
        for code in self._required:
            for index, value in enumerate(columns[code]):
                if value is None:
                    add(index, "required", code)
        for code in fields.keys() & present:
            found_of = self._problems_of[code]
            for index, value in enumerate(columns[code]):
                if value is not None and (found := found_of(value)):
                    for problem, params in found:
                        add(index, problem, code, **dict(params))
        for code, type_field in self._id_fields.items():
            if code not in present:
                continue
            kinds = columns.get(type_field, default="1")
            for index, (value, kind) in enumerate(zip(columns[code], kinds, strict=True)):
                if value is None or str(kind) != "1" or ((e := errors[index]) is not None and code in e):
                    continue
                if problem := idnumbers.problem(str(value)):
                    add(index, problem, code)
        for rule in self._rules:
            rule(columns, errors, add)
        return [found or {} for found in errors]

    def _check_value(self, code: str, value: Any) -> Found:
        field = self._fields.get(code)
        if field is None:
            return ()
        try:
            self._fast({code: value})
        except fastjsonschema.JsonSchemaException:
            found = []
            for error in self._schema.iter_errors({code: value}):
                problem, params = _schema_error_code(error, field)
                found.append((problem, tuple(params.items())))
            return tuple(found)
        allowed = self._codes.get(code)
        if allowed is not None:
            unknown = next((v for v in (value if isinstance(value, list) else [value]) if v not in allowed), None)
            if unknown is not None:
                return (("unknown_code", (("value", unknown),)),)
        return tuple(_value_checks(field, value))


def _value_checks(field: Field, value: Any) -> list[tuple[str, tuple[tuple[str, Any], ...]]]:
    """The checks JSON Schema cannot express on a value that passed it (ID numbers: per row, by document type)."""
    found: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    rules = field.validation
    if "decimals" in rules and isinstance(value, int | float):
        try:
            exponent = Decimal(str(value)).as_tuple().exponent
        except InvalidOperation:
            exponent = 0
        if isinstance(exponent, int) and -exponent > int(rules["decimals"]):
            found.append(("too_many_decimals", (("limit", rules["decimals"]),)))
    if rules.get("not_current_year"):
        year = str(value)[:4]
        if year == str(dt.date.today().year):
            found.append(("current_year_not_allowed", ()))
    exclusive = rules.get("exclusive_codes")
    if exclusive and isinstance(value, list) and len(value) > 1:
        for code in value:
            if code in exclusive:
                found.append(("exclusive_code", (("value", code),)))
                break
    return found


Rule = Any  # a compiled cross-field rule: (columns, errors per row, add) -> None


def _has(errors: list[Errors | None], index: int, code: str) -> bool:
    found = errors[index]
    return found is not None and code in found


def _compile_rule(rule: dict[str, Any], group: Group) -> Rule | None:
    """A cross-field rule of the catalogue as a function over the rows' columns (what it needs looked up once)."""
    kind, name = rule.get("rule"), rule.get("field")
    if not name:
        return None
    other = rule.get("other")
    values = frozenset(str(v) for v in rule.get("values") or [])

    def other_label() -> dict[str, str]:
        return _label(group.field(other), other)

    def matches(value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, list):
            return any(str(v) in values for v in value)
        return str(value) in values

    if kind in {"after", "not_before"}:
        after = kind == "after"

        def order(columns: _Columns, errors: list[Errors | None], add: Any) -> None:
            if not other:
                return
            for index, (value, other_value) in enumerate(zip(columns[name], columns[other], strict=True)):
                if value is None or other_value is None or _has(errors, index, name):
                    continue
                a, b = str(value), str(other_value)
                width = min(len(a), len(b))  # compare a month with a date by their common prefix
                a, b = a[:width], b[:width]
                if (after and not a > b) or (not after and a < b):
                    add(index, "must_be_after" if after else "must_not_be_before", name, other=other_label())

        return order
    if kind == "required_if":
        if group.field(name) is None:
            return None

        def required_if(columns: _Columns, errors: list[Errors | None], add: Any) -> None:
            others = columns[other] if other else [None] * len(errors)
            for index, (value, other_value) in enumerate(zip(columns[name], others, strict=True)):
                if value is None and not _has(errors, index, name) and matches(other_value):
                    add(index, "required", name)

        return required_if
    if kind == "empty_unless":
        if other is None:
            return None

        def empty_unless(columns: _Columns, errors: list[Errors | None], add: Any) -> None:
            for index, (value, other_value) in enumerate(zip(columns[name], columns[other], strict=True)):
                if value is not None and not _has(errors, index, name) and not matches(other_value):
                    add(index, "must_be_empty", name, other=other_label())

        return empty_unless
    if kind == "not_equal":
        fixed = str(rule["value"]) if "value" in rule else None

        def not_equal(columns: _Columns, errors: list[Errors | None], add: Any) -> None:
            others = columns[other] if other else [None] * len(errors)
            for index, (value, other_value) in enumerate(zip(columns[name], others, strict=True)):
                if value is None or _has(errors, index, name):
                    continue
                if fixed is not None and str(value) == fixed:
                    add(index, "must_differ", name, other=fixed)
                elif other_value is not None and str(value) == str(other_value):
                    add(index, "must_differ", name, other=other_label())

        return not_equal
    if kind == "clears_when":
        cleared_fields = list(rule.get("others") or [])

        def clears_when(columns: _Columns, errors: list[Errors | None], add: Any) -> None:
            label = None
            for index, value in enumerate(columns[name]):
                if not matches(value) or _has(errors, index, name):
                    continue
                label = label or _label(group.field(name), name)
                for cleared in cleared_fields:
                    if columns[cleared][index] is not None and not _has(errors, index, cleared):
                        add(index, "must_be_empty", cleared, other=label)

        return clears_when
    return None
