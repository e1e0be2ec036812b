"""A login, step by step. The password (POST /auth/token/) is the first step; what follows depends on the account:

1. TOTP enrolled → 200 `{totp_required: true, challenge}`; the code goes with the challenge to /auth/token/totp/.
2. An administrator chose the password (opening the account, a reset, a temporary password) → 403
   `password_change_required`; the password has expired (TMIS_PASSWORD_MAX_AGE_DAYS) → 403 `password_expired`. Both
   carry a `challenge` that POST /auth/password/ accepts in place of a session, with the old and a new password.
   A temporary password older than TMIS_TEMPORARY_PASSWORD_HOURS is refused (401 `temporary_password_expired`).
3. The policy requires a second factor of the user's roles and none is enrolled → 403 `totp_enrolment_required`
   with a `challenge` that /auth/totp/ and /auth/totp/confirm/ accept in place of a session.
4. Otherwise the tokens `{access, refresh}`.

No step weakens another: a challenge is signed, names its purpose, lives five minutes and dies with the user's
tokens (token version).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.core.errors import AppError
from tmis.core.request_context import client_address

from .lockout import locked_message, login_failed, login_succeeded, login_wait
from .models import User
from .passwords import password_change_forced, password_expired, password_temporary_expired
from .sessions import (
    CHALLENGE_PASSWORD,
    CHALLENGE_TOTP,
    challenge_issue,
    lockout_record,
    login_complete,
    login_failure_record,
)
from .totp import totp_required_for, totp_verify

CHALLENGE_ENROL = "enrol"


def request_address(request: Any) -> str | None:
    """The real client address (tmis.core.request_context) of a Django or DRF request."""
    if request is None:
        return None
    return getattr(request, "client_address", None) or client_address(request)


def login_locked_error(seconds: int) -> AppError:
    return AppError(
        locked_message(seconds),
        code="login_locked",
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after": seconds},
    )


def login_allowed(*, request: Any, username: str) -> None:
    """Before the password or code is even checked: a 429 while a delay of this account/address is running (the
    attempt is recorded, not counted)."""
    seconds = login_wait(username=username, address=request_address(request))
    if seconds:
        login_failure_record(username=username, reason="locked")
        raise login_locked_error(seconds)


def login_refused(*, request: Any, username: str, reason: str = "password") -> int:
    """After a failed password or code: records and counts the failure; the delay the next attempt waits (0: none).
    A failure that starts a delay is recorded as a lockout too."""
    login_failure_record(username=username, reason=reason)
    seconds = login_failed(username=username, address=request_address(request))
    if seconds:
        lockout_record(username=username, seconds=seconds)
    return seconds


def wrong_credentials_error(message: str, code: str, seconds: int) -> AppError:
    """The 401 of a wrong password or code; when it started a delay, the message says how long to wait."""
    if seconds:
        message = f"{message} {locked_message(seconds)}"
    return AppError(
        message,
        code=code,
        status_code=status.HTTP_401_UNAUTHORIZED,
        extra={"retry_after": seconds} if seconds else None,
    )


def login_proceed(*, request: Any, user: User, totp_passed: bool = False) -> dict[str, Any]:
    """The next step of a login whose earlier steps passed: a challenge, a 403 with one, or the tokens."""
    if password_temporary_expired(user):
        raise AppError(
            _("This temporary password has expired. Ask your administrator for a new one."),
            code="temporary_password_expired",
            status_code=status.HTTP_401_UNAUTHORIZED,
        )
    if user.totp_confirmed and not totp_passed:
        return {"totp_required": True, "challenge": challenge_issue(user=user, purpose=CHALLENGE_TOTP)}
    if password_change_forced(user):
        raise AppError(
            _("Your password was set by an administrator. Choose a new one to continue."),
            code="password_change_required",
            status_code=status.HTTP_403_FORBIDDEN,
            extra={"challenge": challenge_issue(user=user, purpose=CHALLENGE_PASSWORD)},
        )
    if password_expired(user):
        raise AppError(
            _("Your password has expired. Choose a new one."),
            code="password_expired",
            status_code=status.HTTP_403_FORBIDDEN,
            extra={"challenge": challenge_issue(user=user, purpose=CHALLENGE_PASSWORD)},
        )
    if totp_required_for(user) and not user.totp_confirmed:
        raise AppError(
            _("Your roles require two-factor authentication. Set it up to continue."),
            code="totp_enrolment_required",
            status_code=status.HTTP_403_FORBIDDEN,
            extra={"challenge": challenge_issue(user=user, purpose=CHALLENGE_ENROL)},
        )
    user_logged_in.send(sender=User, request=request, user=user)  # updates last_login
    login_succeeded(username=user.username, address=request_address(request))
    refresh = login_complete(user=user, method="totp" if totp_passed else "password")
    return {"totp_required": False, "access": str(refresh.access_token), "refresh": str(refresh)}


def login_second_factor(*, request: Any, user: User, code: str) -> dict[str, Any]:
    """Step 1's code. A wrong code counts as a failed login (the same delays)."""
    login_allowed(request=request, username=user.username)
    if not totp_verify(user=user, code=code):
        seconds = login_refused(request=request, username=user.username, reason="totp")
        raise wrong_credentials_error(
            _("The code is wrong or has been used. Enter the current code."), "totp_invalid", seconds
        )
    return login_proceed(request=request, user=user, totp_passed=True)
