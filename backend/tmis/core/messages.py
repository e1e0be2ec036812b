"""Messages that can be read again in another language: a `Message` is the text rendered in the active language
and remembers its English msgid and parameters, so what is stored (an import's problems) is rendered at read time
in the reader's language. A parameter that is a name (an indicator's, a code's) is kept in both languages
(`names(zh, en)`) and picked when rendered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

ZH, EN = "zh-hans", "en"


def names(zh: str, en: str | None = None) -> dict[str, str]:
    """A name in both languages, as a message parameter."""
    return {ZH: zh, EN: en or zh}


def _pick(value: Any, english: bool) -> Any:
    if isinstance(value, dict) and ZH in value:
        return value.get(EN) if english else value[ZH]
    if isinstance(value, list):
        return "、".join(str(_pick(item, english)) for item in value)
    return value


def render(template: str, params: Mapping[str, Any] | None = None) -> str:
    """The msgid translated into the active language, with its parameters (names in that language)."""
    english = (get_language() or "").startswith("en")
    text = _(template)
    if not params:
        return text
    return text % {key: _pick(value, english) for key, value in params.items()}


class Message(str):
    """Text in the active language that remembers how it was made (`template`, the msgid; `params`)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        kept = dict(params or {})
        made = super().__new__(cls, render(template, kept))
        made.template = template
        made.params = kept
        return made

    def stored(self) -> dict[str, Any]:
        """What to store to render it again: {"template", "params"} (JSON)."""
        return {"template": self.template, "params": self.params}


def stored_of(message: object) -> dict[str, Any]:
    """The stored form of a message ({} for plain text, which can only be shown as it was written)."""
    return message.stored() if isinstance(message, Message) else {}


def render_stored(stored: Mapping[str, Any] | None, fallback: str) -> str:
    """A stored message in the active language; the text as written when it was not stored with its msgid."""
    if not stored or "template" not in stored:
        return fallback
    try:
        return render(str(stored["template"]), stored.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return fallback
