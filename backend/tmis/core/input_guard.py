"""Input no API endpoint can use, refused once for all of them before any view runs.

A NUL character cannot be stored or compared by PostgreSQL (a text value with one is an error, a 500), and no code,
name or search ever holds one, so a NUL anywhere in an API request's path or query parameters is a 400 naming the
parameter. (NULs in bodies are refused by the serializers' text check, `tmis.core.text`.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from tmis.core.errors import error_response

NUL = "\x00"


def _nul_problem() -> list[dict[str, str]]:
    return [{"code": "null_character", "message": _("This value may not contain a NUL character.")}]


class InputGuardMiddleware:
    """Refuses API requests whose path or query parameters hold a NUL character (after LocaleMiddleware, so the
    message is in the caller's language)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            errors: dict[str, list[dict[str, str]]] = {}
            if NUL in request.path_info:
                errors["path"] = _nul_problem()
            for name, values in request.GET.lists():
                if NUL in name or any(NUL in value for value in values):
                    errors[name.replace(NUL, "")] = _nul_problem()
            if errors:
                return error_response(400, "invalid", _("The submitted data is invalid."), errors)
        return self.get_response(request)
