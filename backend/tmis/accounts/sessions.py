"""Sessions: logins and their events, the short-lived challenges of a login's second step, and revocation."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from tmis.audit.services import audit_record
from tmis.core.errors import AppError

from .models import User
from .tokens import tokens_for

#: Purposes of a challenge: the TOTP step of a login, and the password change an expired password forces.
CHALLENGE_TOTP = "totp"
CHALLENGE_PASSWORD = "password"
CHALLENGE_MAX_AGE_SECONDS = 300
_SALT = "tmis.accounts.challenge"


def challenge_issue(*, user: User, purpose: str) -> str:
    """A signed token naming the user and what they still have to do; dies with the user's other tokens."""
    return signing.dumps({"u": user.pk, "tv": user.token_version, "p": purpose}, salt=_SALT)


def challenge_user(*, challenge: str, purpose: str) -> User:
    """The user a valid, unexpired challenge for this purpose names (401 `challenge_invalid` otherwise)."""
    try:
        data = signing.loads(challenge, salt=_SALT, max_age=CHALLENGE_MAX_AGE_SECONDS)
        user = User.objects.select_related("organisation").get(pk=data["u"], is_active=True)
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        user = None
        data = {}
    if user is None or data.get("p") != purpose or data.get("tv") != user.token_version:
        raise AppError(
            _("This login step has expired. Log in again."),
            code="challenge_invalid",
            status_code=status.HTTP_401_UNAUTHORIZED,
        )
    return user


def login_complete(*, user: User, method: str = "password") -> RefreshToken:
    """Every step passed: the session's tokens, the login recorded."""
    audit_record(action="auth.login", actor=user, subject_type="user", subject_id=user.pk, detail={"method": method})
    return tokens_for(user)


def login_failure_record(*, username: str, reason: str) -> None:
    """A refused login (`reason`: password, locked, totp): the username tried, never the password."""
    audit_record(action="auth.login_failed", username=username[:64], detail={"reason": reason})


def lockout_record(*, username: str, seconds: int) -> None:
    """A failure that makes the next attempt wait (tmis.accounts.lockout)."""
    audit_record(action="auth.lockout", username=username[:64], detail={"seconds": seconds})


def tokens_revoke(*, user: User, actor: Any, reason: str, save: bool = True) -> None:
    """End every session of the user: advance the token version (kills access and refresh tokens at their next use)
    and blacklist the outstanding refresh tokens. With `save=False` the caller saves the user (it has other changes
    under the same row lock)."""
    user.token_version += 1
    if save:
        User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    live = OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=t) for t in live], ignore_conflicts=True)
    audit_record(
        action="auth.tokens_revoked", actor=actor, subject_type="user", subject_id=user.pk, detail={"reason": reason}
    )


def logout(*, refresh: RefreshToken) -> None:
    """Revoke one refresh token (its session's access token expires within minutes)."""
    refresh.blacklist()
    user_id = refresh.get("user_id")
    user = User.objects.filter(pk=user_id).first() if user_id else None
    audit_record(action="auth.logout", actor=user, subject_type="user", subject_id=user_id or "", detail={})
