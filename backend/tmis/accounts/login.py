"""A login, step by step. The password (POST /auth/token/) is the first step; what follows depends on the account:

1. TOTP enrolled → 200 `{totp_required: true, challenge}`; the code goes with the challenge to /auth/token/totp/.
2. The password has expired (TMIS_PASSWORD_MAX_AGE_DAYS) → 403 `password_expired` with a `challenge` that
   POST /auth/password/ accepts in place of a session, with the old and a new password.
3. The policy requires a second factor of the user's roles and none is enrolled → 403 `totp_enrolment_required`
   with a `challenge` that /auth/totp/ and /auth/totp/confirm/ accept in place of a session.
4. Otherwise the tokens `{access, refresh}`.

No step weakens another: a challenge is signed, names its purpose, lives five minutes and dies with the user's
tokens (token version).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext as _
from rest_framework import status

from tmis.core.errors import AppError

from .lockout import locked_message, lockout_seconds
from .models import User
from .passwords import password_expired
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


def login_locked_error(*, request: Any, username: str) -> AppError:
    seconds = lockout_seconds(username=username, address=getattr(request, "axes_ip_address", None))
    return AppError(
        locked_message(seconds),
        code="login_locked",
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after": seconds},
    )


def login_refused(*, request: Any, username: str, reason: str = "password") -> AppError | None:
    """After a failed password: the lockout error if the username+address is (now) locked, else None (a plain 401).
    Records the failure and, when this failure starts a lockout, the lockout."""
    locked = bool(getattr(request, "axes_locked_out", False))
    login_failure_record(username=username, reason="locked" if locked else reason)
    if not locked:
        return None
    if getattr(request, "axes_failures_since_start", None) is not None:  # counted now: this failure locked it
        lockout_record(username=username)
    return login_locked_error(request=request, username=username)


def login_proceed(*, request: Any, user: User, totp_passed: bool = False) -> dict[str, Any]:
    """The next step of a login whose earlier steps passed: a challenge, a 403 with one, or the tokens."""
    if user.totp_confirmed and not totp_passed:
        return {"totp_required": True, "challenge": challenge_issue(user=user, purpose=CHALLENGE_TOTP)}
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
    # Updates last_login; axes forgets this username+address's failures.
    user_logged_in.send(sender=User, request=request, user=user)
    refresh = login_complete(user=user, method="totp" if totp_passed else "password")
    return {"totp_required": False, "access": str(refresh.access_token), "refresh": str(refresh)}


def login_second_factor(*, request: Any, user: User, code: str) -> dict[str, Any]:
    """Step 1's code. A wrong code counts as a failed login for the username and address (the same lockout)."""
    credentials = {"username": user.username}
    if not AxesProxyHandler.is_allowed(request, credentials):
        login_failure_record(username=user.username, reason="locked")
        raise login_locked_error(request=request, username=user.username)
    if not totp_verify(user=user, code=code):
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        refused = login_refused(request=request, username=user.username, reason="totp")
        if refused is not None:
            raise refused
        raise AppError(
            _("The code is wrong or has been used. Enter the current code."),
            code="totp_invalid",
            status_code=status.HTTP_401_UNAUTHORIZED,
        )
    return login_proceed(request=request, user=user, totp_passed=True)
