"""Free text the API accepts: no control characters.

A name, a code or a search term never holds a control character (C0, DEL, C1: BEL, backspace, ESC …); they garble
exports and logs and are a classic way to spoof what a reader sees. Multi-line text (a return reason, an extension's
help) may hold line breaks and tabs and nothing else of them. Markup (`<img onerror=…>`) is stored as the text it is:
the SPA renders every value as text, never as HTML.

One mechanism for every write API: `install()` (run once at start-up, `CoreConfig.ready`) gives every DRF
`CharField` — declared or built by a ModelSerializer, nested, or the child of a ListField — a `NoControlCharacters`
validator, the way DRF itself gives each one its NUL and surrogate validators. A field is multi-line when it is
styled as a text area (`style={"base_template": "textarea.html"}`, DRF's own mark for it); password fields are left
alone (their characters are the owner's business and are never shown). Values that do not pass through a
serializer field — catalogue-driven archive values from imports, extension indicators in `extra` — are checked with
`control_character_problems` by their own checks (tmis.teachers.checks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # \t \n \r allowed
CODE = "control_characters"
MULTILINE_STYLE = {"base_template": "textarea.html"}


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    return (_MULTI_LINE if multiline else _SINGLE_LINE).search(value) is not None


def control_character_message(field: str, *, multiline: bool = False) -> str:
    if multiline:
        return _("%(field)s may not contain control characters other than line breaks and tabs.") % {"field": field}
    return _("%(field)s may not contain control characters (line breaks, tabs and the like).") % {"field": field}


def control_character_problems(values: dict[str, Any], *, prefix: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """(field, problem) for each value of `values` (strings, or lists and dicts of them) holding a control character;
    a key of a nested dict is joined to its parent's with '.'."""
    for key, value in values.items():
        field = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from control_character_problems(value, prefix=f"{field}.")
        elif _holds_control(value):
            yield field, {"code": CODE, "message": control_character_message(field)}


def _holds_control(value: Any) -> bool:
    if isinstance(value, str):
        return has_control_characters(value)
    if isinstance(value, list | tuple):
        return any(_holds_control(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_control(v) for v in value.values())
    return False


class NoControlCharacters:
    """A DRF validator: the value holds no control character (line breaks and tabs allowed when `multiline`); the
    error names the field."""

    requires_context = True

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any, serializer_field: serializers.Field) -> None:
        if isinstance(value, str) and has_control_characters(value, multiline=self.multiline):
            name = serializer_field.field_name or serializer_field.source or ""
            if not name and serializer_field.parent is not None:  # a ListField's child: the list's name
                name = serializer_field.parent.field_name or ""
            raise serializers.ValidationError(control_character_message(name, multiline=self.multiline), code=CODE)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((NoControlCharacters, self.multiline))

    def __repr__(self) -> str:
        return f"NoControlCharacters(multiline={self.multiline})"


def install() -> None:
    """Give every DRF CharField (and subclass: email, regex, slug, URL …) its `NoControlCharacters` validator."""
    char_field = serializers.CharField
    if getattr(char_field, "_tmis_text_checked", False):
        return
    original = char_field.__init__

    def __init__(self: serializers.CharField, **kwargs: Any) -> None:
        original(self, **kwargs)
        if self.style.get("input_type") != "password":
            multiline = self.style.get("base_template") == MULTILINE_STYLE["base_template"]
            self.validators.append(NoControlCharacters(multiline=multiline))

    char_field.__init__ = __init__  # type: ignore[method-assign]
    char_field._tmis_text_checked = True  # type: ignore[attr-defined]
