"""The effective catalogue as JSON Schema (one object schema per group row) plus UI hints for forms."""

from __future__ import annotations

from typing import Any

from .effective import EffectiveCatalogue, Field, Group

YEAR_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
PHONE_PATTERN = r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$"
ORG_PATTERN = r"^(\d{6}|\d{10})$"

WIDGETS = {
    "text": "input",
    "integer": "number",
    "decimal": "number",
    "date": "date",
    "year_month": "month",
    "boolean": "switch",
    "code": "select",
    "multi_code": "multi-select",
    "id_number": "input",
    "phone": "input",
    "email": "input",
    "org_ref": "organisation",
}


def field_schema(field: Field) -> dict[str, Any]:
    rules = field.validation
    schema: dict[str, Any] = {"title": field.name, "x-title-en": field.name_en}
    if field.help:
        schema["description"] = field.help
    kind = field.data_type
    if kind in {"text", "id_number"}:
        schema["type"] = "string"
        schema["maxLength"] = int(rules.get("max_length", 30 if kind == "id_number" else 200))
        if "min_length" in rules:
            schema["minLength"] = int(rules["min_length"])
        if "pattern" in rules:
            schema["pattern"] = rules["pattern"]
    elif kind in {"integer", "decimal"}:
        schema["type"] = "integer" if kind == "integer" else "number"
        for key, name in (("minimum", "minimum"), ("maximum", "maximum")):
            if key in rules:
                schema[name] = rules[key]
    elif kind == "date":
        schema.update(type="string", format="date")
    elif kind == "year_month":
        schema.update(type="string", pattern=YEAR_MONTH_PATTERN)
    elif kind == "boolean":
        schema["type"] = "boolean"
    elif kind == "code":
        schema.update(type="string", enum=list(field.codes or ()))
    elif kind == "multi_code":
        schema.update(type="array", items={"type": "string", "enum": list(field.codes or ())}, uniqueItems=True)
    elif kind == "phone":
        schema.update(type="string", pattern=PHONE_PATTERN)
    elif kind == "email":
        schema.update(type="string", format="email", maxLength=100)
    elif kind == "org_ref":
        schema.update(type="string", pattern=ORG_PATTERN)
    if field.code_table:
        schema["x-code-table"] = field.code_table
    if field.default is not None:
        schema["default"] = field.default
    return schema


def group_schema(group: Group) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": group.name,
        "type": "object",
        "properties": {f.code: field_schema(f) for f in group.fields},
        "required": [f.code for f in group.fields if f.required],
        "additionalProperties": False,
    }
    present = {f.code for f in group.fields}
    conditions = [
        {
            "if": {"properties": {r["other"]: {"enum": list(r["values"])}}, "required": [r["other"]]},
            "then": {"required": [r["field"]]},
        }
        for r in group.rules
        if r.get("rule") == "required_if"
        and r.get("field") in present
        and r.get("other") in present
        and all(isinstance(v, str) for v in r.get("values") or [])
    ]
    if conditions:
        schema["allOf"] = conditions
    return schema


def group_ui(group: Group) -> dict[str, Any]:
    return {
        "order": [f.code for f in group.fields],
        "fields": {
            f.code: {
                "label": f.name,
                "label_en": f.name_en,
                "widget": WIDGETS[f.data_type],
                "data_type": f.data_type,
                "code_table": f.code_table,
                "help": f.help,
                "help_en": f.help_en,
                "required": f.required,
                "core": f.core,
                "extension": f.extension,
                "derived": bool(f.validation.get("derived")),
            }
            for f in group.fields
        },
    }


def _group_document(g: Group) -> dict[str, Any]:
    return {
        "code": g.code,
        "name": g.name,
        "name_en": g.name_en,
        "many": g.many,
        "order": g.order,
        "schema": group_schema(g),
        "ui": group_ui(g),
        "rules": list(g.rules),
        "needs_record": g.needs_record,
    }


def document(
    catalogue: EffectiveCatalogue,
    *,
    province_tables: list[dict[str, Any]] | None = None,
    outside: list[Group] | tuple[Group, ...] = (),
) -> dict[str, Any]:
    """The response of GET /catalog/schema/: every group's JSON Schema and UI hints; `outside_groups` the
    national groups and indicators the catalogue leaves out (shown, never asked, where an archive holds them)."""
    return {
        "province": catalogue.province,
        "catalogue_version": catalogue.version,
        "school_stage": catalogue.stage,
        "groups": [_group_document(g) for g in catalogue.groups if g.fields],
        "province_code_tables": province_tables or [],
        "outside_groups": [_group_document(g) for g in outside],
    }
