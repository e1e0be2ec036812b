"""The API's JSON parser: strict, fast, and bounded in depth."""

from __future__ import annotations

from typing import Any

import orjson
from django.utils.translation import gettext as _
from rest_framework.exceptions import ErrorDetail, ParseError, ValidationError
from rest_framework.parsers import JSONParser as DRFJSONParser

MAX_DEPTH = 64  # far beyond any real request (a catalogue draft nests about 8 deep)


def _too_deep(data: Any, limit: int) -> bool:
    """Whether `data` nests lists and objects more than `limit` deep (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))
    return False


def _nul_path(data: Any) -> str | None:
    """The dotted path of the first key or string holding a NUL character (PostgreSQL stores none), else None."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return path or "non_field_errors"
        elif isinstance(value, dict):
            for key, sub in value.items():
                where = f"{path}.{key}" if path else str(key)
                if "\x00" in key:
                    return where.replace("\x00", "")
                stack.append((sub, where))
        elif isinstance(value, list):
            stack.extend((sub, f"{path}.{index}" if path else str(index)) for index, sub in enumerate(value))
    return None


class JSONParser(DRFJSONParser):
    """DRF's JSONParser through orjson: RFC 8259 JSON in UTF-8, no NaN or Infinity, no lone surrogates (which
    PostgreSQL could not store), at most `MAX_DEPTH` levels of nesting. Anything else is a 400 `invalid_json`
    instead of a RecursionError deep in the stack (a 500). A NUL character in any key or string is a 400 naming
    where it is (PostgreSQL stores it neither in text nor in jsonb)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        raw = stream.read()
        try:
            data = orjson.loads(raw)  # orjson's own limit: 1,024 levels, reported as a JSONDecodeError
        except orjson.JSONDecodeError as exc:
            raise ParseError(
                _("The request body is not valid JSON (at character %(position)d).") % {"position": exc.pos},
                code="invalid_json",
            ) from None
        if raw.count(b"[") + raw.count(b"{") > MAX_DEPTH and _too_deep(data, MAX_DEPTH):
            raise ParseError(
                _("The request body nests more than %(limit)d levels deep.") % {"limit": MAX_DEPTH}, code="invalid_json"
            )
        if b"\\u0000" in raw and (where := _nul_path(data)) is not None:
            problem = ErrorDetail(_("This value may not contain a NUL character."), code="null_character")
            raise ValidationError({where: [problem]})
        return data
