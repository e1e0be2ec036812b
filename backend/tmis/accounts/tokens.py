"""Session tokens: what they carry beyond simplejwt's claims, and how they are checked.

- `tv` (token version): the user's `token_version` when the token was issued. A password change or reset,
  deactivation, a role change, a TOTP reset and "log out everywhere" advance it, so every access and refresh token
  issued before dies at once; the check costs nothing (the user row is loaded for every request anyway). A token
  without the claim (issued before it existed) counts as version 1.
- `auth_time`: when the user logged in (seconds since the epoch). Refresh tokens keep it through rotations and never
  live past `auth_time + REFRESH_TOKEN_LIFETIME`: refreshing does not extend a session.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken

from .models import User

TOKEN_VERSION_CLAIM = "tv"
AUTH_TIME_CLAIM = "auth_time"


def token_version_of(token: Any) -> int:
    try:
        return int(token.get(TOKEN_VERSION_CLAIM, 1))
    except (TypeError, ValueError):
        return 0


def token_is_current(token: Any, user: User) -> bool:
    """Whether nothing has revoked this token since it was issued."""
    return token_version_of(token) == user.token_version


def tokens_for(user: User) -> RefreshToken:
    """A new session: refresh token (and its access token) with the version, login time and display claims."""
    refresh = RefreshToken.for_user(user)
    refresh[TOKEN_VERSION_CLAIM] = user.token_version
    refresh[AUTH_TIME_CLAIM] = refresh["iat"]
    refresh["org_code"] = user.organisation.code
    refresh["org_level"] = user.organisation.level
    refresh["roles"] = list(user.roles)
    return refresh


def rotate(refresh: RefreshToken) -> RefreshToken:
    """The rotated refresh token: new id, issued now, expiring when the session does (absolute lifetime)."""
    auth_time = int(refresh.get(AUTH_TIME_CLAIM) or refresh["iat"])
    refresh[AUTH_TIME_CLAIM] = auth_time
    refresh.set_jti()
    refresh.set_iat()
    login = datetime.fromtimestamp(auth_time, tz=UTC)
    refresh.set_exp(from_time=login, lifetime=api_settings.REFRESH_TOKEN_LIFETIME)
    refresh.outstand()
    return refresh
