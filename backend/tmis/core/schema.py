"""OpenAPI: every operation documents the one error format (`Error`); every POST its optional Idempotency-Key
(`tmis.core.idempotency`); the views of `tmis.core.etag` document If-Match, the ETag header and their 412 / 428
answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter

IF_MATCH_DESCRIPTION = (
    "The ETag of the version the change is based on (the `ETag` header of its GET, or its `etag` field in a list). "
    "Missing: 428 `precondition_required`; not the current version: 412 `stale`. `*` matches any current version."
)
IF_MATCH_OPTIONAL_DESCRIPTION = (
    "Optional: the ETag of the version the action is based on; when sent and not current, 412 `stale`."
)
IF_NONE_MATCH_DESCRIPTION = "`*`: create it only if it does not exist yet (412 `stale` if it does)."
IDEMPOTENCY_DESCRIPTION = (
    "Optional, 1–255 printable ASCII characters, unique per request you mean: a retry with the same key within 24 h "
    "gets the first answer again (header `Idempotent-Replayed: true`) instead of running twice; the same key with "
    "another request is 422 `idempotency_key_reused`; while the first still runs, 409 `idempotency_in_progress` with "
    "Retry-After."
)
FIELDS_DESCRIPTION = (
    "Comma-separated field names: each object holds only those (the other properties, required ones included, are "
    "left out). For mobile clients and integrations that need a few columns."
)
BRIEF_DESCRIPTION = "`true`: each object in its short form (a fixed set of fields; the others are left out)."
ETAG_DESCRIPTION = "The strong ETag of the returned version; send it in If-Match with the next change."


def _trimmable(serializer: Any) -> bool:
    """Whether a response serializer (or a list of one) answers `?fields=` and `?brief=`."""
    from tmis.core.serializers import TrimmableSerializer

    child = getattr(serializer, "child", serializer)
    kind = child if isinstance(child, type) else type(child)
    return isinstance(kind, type) and issubclass(kind, TrimmableSerializer)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, plus the preconditions of views with `tmis.core.etag.ETagMixin`: the If-Match
    request header of each write and the ETag response header of each single-resource answer."""

    def _declared_serializer(self) -> Any:
        """The response serializer of a generic view's operation (its extend_schema override first); None for a
        plain APIView, whose serializer drf-spectacular would warn it cannot guess."""
        if not hasattr(self.view, "get_serializer_class"):
            return None
        try:
            return self.get_response_serializers()
        except Exception:  # an operation whose serializer depends on the request: not trimmable
            return None

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self.method == "GET" and _trimmable(self._declared_serializer()):
            parameters += [
                OpenApiParameter("fields", str, OpenApiParameter.QUERY, description=FIELDS_DESCRIPTION),
                OpenApiParameter("brief", bool, OpenApiParameter.QUERY, description=BRIEF_DESCRIPTION),
            ]
        if self.method == "POST":
            parameters.append(
                OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, description=IDEMPOTENCY_DESCRIPTION)
            )
        etag = getattr(self.view, "etag_schema", None)
        if etag is None:
            return parameters
        guarded, optional, answers_one = etag(self.method)
        if guarded or optional:
            creates = self.method == "PUT" and getattr(self.view, "etag_put_creates", False)
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=guarded and not creates,
                    description=IF_MATCH_OPTIONAL_DESCRIPTION if optional else IF_MATCH_DESCRIPTION,
                )
            )
            if creates:
                parameters.append(
                    OpenApiParameter(
                        "If-None-Match", str, OpenApiParameter.HEADER, description=IF_NONE_MATCH_DESCRIPTION
                    )
                )
        if answers_one:
            parameters.append(
                OpenApiParameter(
                    "ETag", str, OpenApiParameter.HEADER, response=[200, 201], description=ETAG_DESCRIPTION
                )
            )
        return parameters


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
    "413": "The request body is too large (`too_large`).",
    "415": "The body is not JSON (`unsupported_media_type`); only the upload endpoints take multipart/form-data.",
    "422": "This Idempotency-Key was sent before with another request (`idempotency_key_reused`).",
    "412": "Precondition failed (`stale`): someone else changed the resource since the ETag sent in If-Match.",
    "428": "Precondition required (`precondition_required`): send the resource's ETag in If-Match.",
    "429": "Too many requests or failed logins.",
}


def _precondition_statuses(operation: dict[str, Any]) -> list[str]:
    """412 where an If-Match (or If-None-Match) header is declared, 428 where one of them is required."""
    headers = [
        parameter
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "header" and parameter.get("name") in {"If-Match", "If-None-Match"}
    ]
    if not headers:
        return []
    required = any(parameter.get("required") for parameter in headers) or len(headers) == 2
    return ["412", "428"] if required else ["412"]


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_COMPONENT
    schemas["FieldError"] = FIELD_ERROR_COMPONENT
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            # Invalid input: any body, any query parameter (a filter's value, a malformed cursor) and any path parameter
            # (an id that is no id).
            queried = any(parameter.get("in") in ("query", "path") for parameter in operation.get("parameters", []))
            statuses = ["400"] if method in {"post", "put", "patch"} or queried else []
            if any(requirement for requirement in operation.get("security", [])):  # authenticated endpoint
                statuses += ["401", "403"]
            elif not path.endswith(("/health/", "/schema/")):  # login, refresh, logout: bad credentials or token
                statuses.append("401")
            names_org = any(p.get("in") == "query" and p.get("name") == "org" for p in operation.get("parameters", []))
            if "{" in path or names_org:  # the object named, or the organisation of `?org=`, unknown or out of scope
                statuses.append("404")
            if method in {"post", "put", "patch", "delete"}:  # a write can meet a conflicting state
                statuses.append("409")
            if "requestBody" in operation:  # a body over the limit, or not in the media type declared
                statuses += ["413", "415"]
            if method == "post":  # Idempotency-Key reused for another request
                statuses.append("422")
            statuses += _precondition_statuses(operation)
            statuses.append("429")
            for status in statuses:
                responses.setdefault(status, {"description": DESCRIPTIONS[status], "content": ref})
            for status, response in responses.items():  # errors a view declares itself (e.g. 410) have the format
                if status >= "400" and not response.get("content"):
                    response["content"] = ref
    return result


#: Enum components by the names an integrator would write (drf-spectacular derives `KindEnum`, `StatusEnum`, … from
#: field names); every other `…Enum` loses its suffix. `NullEnum` (drf-spectacular's `null` of a nullable choice) stays.
COMPONENT_NAMES = {
    "KindEnum": "ReviewKind",
    "StatusEnum": "CatalogueStatus",
    "SourceEnum": "ClaimSource",
    "SeverityEnum": "ImportSeverity",
    "SubmissionStateEnum": "ReviewState",
    "LevelsEnum": "ReviewLevel",
    "RolesEnum": "Role",
    "ModeEnum": "ImportMode",
    "GroupModeEnum": "ImportGroupMode",
    "FormatEnum": "FileFormat",
    "OriginEnum": "OrganisationOrigin",
    "BulkActionEnum": "BulkReviewAction",
}
KEPT_NAMES = {"NullEnum"}


def _rename_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name in renames:
                node["$ref"] = f"#/components/schemas/{renames[name]}"
        for value in node.values():
            _rename_refs(value, renames)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value, renames)
    return node


def rename_components(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Renames enum components (COMPONENT_NAMES; others drop `Enum`) and every reference to them. A new name that is
    taken already keeps the old one (drf-spectacular's own name never collides with a serializer's)."""
    schemas = result.get("components", {}).get("schemas", {})
    renames: dict[str, str] = {}
    for name in list(schemas):
        if name in KEPT_NAMES or not name.endswith("Enum"):
            continue
        new = COMPONENT_NAMES.get(name, name[: -len("Enum")])
        if new and new not in schemas and new not in renames.values():
            renames[name] = new
    renamed = {renames.get(name, name): schema for name, schema in schemas.items()}
    result["components"]["schemas"] = dict(sorted(renamed.items()))
    return _rename_refs(result, renames)
