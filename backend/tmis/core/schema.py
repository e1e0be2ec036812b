"""OpenAPI post-processing: every operation documents the one error format (`Error`)."""

from __future__ import annotations

from typing import Any

ERROR_COMPONENT = {
    "type": "object",
    "description": "The one error format of every TMIS endpoint.",
    "properties": {
        "status": {"type": "integer", "description": "HTTP status, repeated."},
        "code": {"type": "string", "description": "Stable machine code, e.g. not_found, invalid, login_locked."},
        "message": {"type": "string", "description": "Human message in the request's language."},
        "errors": {
            "type": "object",
            "description": "Field errors: field name → list of {code, message}.",
            "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}},
        },
        "retry_after": {"type": "integer", "description": "Seconds to wait (429 only)."},
    },
    "required": ["status", "code", "message"],
}
FIELD_ERROR_COMPONENT = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
    "required": ["code", "message"],
}
DESCRIPTIONS = {
    "400": "Invalid input (`errors` names the fields).",
    "401": "Not authenticated, or the token is invalid or expired.",
    "403": "The caller's roles do not allow this.",
    "404": "Not found, or outside the caller's organisation scope.",
    "409": "Conflicts with existing data.",
    "429": "Too many requests or failed logins.",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_COMPONENT
    schemas["FieldError"] = FIELD_ERROR_COMPONENT
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            statuses = ["400"] if method in {"post", "put", "patch"} else []
            if any(requirement for requirement in operation.get("security", [])):  # authenticated endpoint
                statuses += ["401", "403"]
            elif not path.endswith(("/health/", "/schema/")):  # login, refresh, logout: bad credentials or token
                statuses.append("401")
            if "{" in path:
                statuses.append("404")
            if method == "post":
                statuses.append("409")
            statuses.append("429")
            for status in statuses:
                responses.setdefault(status, {"description": DESCRIPTIONS[status], "content": ref})
    return result
