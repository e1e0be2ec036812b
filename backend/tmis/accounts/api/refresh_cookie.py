"""The browser's refresh token lives in an HttpOnly cookie, not in the page (issue 14).

- A login step, password change or TOTP confirmation sent with `X-Refresh-Cookie: 1` (the SPA sends it on every
  /auth/ call) answers the access token in the body and the refresh token as the cookie `tmis_refresh`: HttpOnly,
  SameSite=Strict, Path=/api/v1/auth/, Secure whenever the request came over https. Without the header (integrators)
  both tokens are in the body, as before.
- POST /auth/token/refresh/ and /auth/logout/ with no `refresh` in the body use the cookie. Being sent automatically,
  it is guarded against cross-site requests twice over: SameSite=Strict, and the request must carry
  `X-Refresh-Cookie: 1` (a header no cross-site form or simple request can set) and an `Origin` naming this host;
  otherwise 403 `csrf_failed`. Logout clears the cookie.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.settings import api_settings

from tmis.core.errors import AppError

COOKIE = "tmis_refresh"
COOKIE_PATH = "/api/v1/auth/"
HEADER = "HTTP_X_REFRESH_COOKIE"


def wants_cookie(request: Request) -> bool:
    return request.META.get(HEADER) == "1"


def set_refresh_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(api_settings.REFRESH_TOKEN_LIFETIME.total_seconds()),
        path=COOKIE_PATH,
        httponly=True,
        secure=request.is_secure(),
        samesite="Strict",
    )


def clear_refresh_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Strict")


def tokens_answer(request: Request, data: dict, *, force_cookie: bool = False) -> Response:
    """The answer of a step that may issue tokens: the refresh token moved to the cookie when the client asks."""
    data = dict(data)
    refresh = data.get("refresh")
    if refresh and (force_cookie or wants_cookie(request)):
        del data["refresh"]
        response = Response(data)
        set_refresh_cookie(response, request, refresh)
        return response
    return Response(data)


def cookie_refresh(request: Request) -> str | None:
    """The refresh token of the cookie, after the cross-site checks (403 `csrf_failed`); None without a cookie."""
    token = request.COOKIES.get(COOKIE)
    if not token:
        return None
    origin = request.META.get("HTTP_ORIGIN", "")
    expected = f"{request.scheme}://{request.get_host()}"
    if not wants_cookie(request) or origin != expected:
        raise AppError(
            _("This request did not come from this site's pages."),
            code="csrf_failed",
            status_code=status.HTTP_403_FORBIDDEN,
        )
    return token
