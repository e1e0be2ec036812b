"""The optional second factor: time-based one-time passwords (RFC 6238, pyotp) — enrolment, checking a code (each
time step accepted once), disabling it and an admin's reset."""

from __future__ import annotations

import hmac
from typing import Any

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.audit.services import audit_record
from tmis.core.errors import AppError, field_error

from .models import User
from .sessions import tokens_revoke


def totp_required_for(user: User) -> bool:
    """Whether the policy (TMIS_TOTP_REQUIRED) demands a second factor of this user's roles."""
    return bool(settings.TMIS_TOTP_REQUIRED) and bool(set(user.roles) & set(settings.TMIS_TOTP_ROLES))


def totp_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=settings.TMIS_TOTP_ISSUER)


def totp_verify(*, user: User, code: str) -> bool:
    """Whether `code` is the user's current code (or the one just before or after, for clock drift) and that time
    step has not been used yet; the step is then spent."""
    code = (code or "").strip()
    if not user.totp_secret or len(code) != 6 or not code.isdigit():
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = totp.timecode(timezone.now())
    for step in (now - 1, now, now + 1):
        if step > user.totp_last_counter and hmac.compare_digest(totp.generate_otp(step), code):
            spent = User.objects.filter(pk=user.pk, totp_last_counter__lt=step).update(totp_last_counter=step)
            user.totp_last_counter = step
            return spent == 1
    return False


def _wrong_code() -> AppError:
    return field_error("code", "totp_invalid", _("The code is wrong or has been used. Enter the current code."))


@transaction.atomic
def totp_enrol_begin(*, user: User) -> str:
    """A new secret for the user (not yet in force: confirm it with a code). Returns it, shown once."""
    if user.totp_confirmed:
        raise AppError(
            _("Two-factor authentication is already on. Turn it off first."),
            code="totp_already_enabled",
            status_code=409,
        )
    user.totp_secret = pyotp.random_base32()
    user.totp_last_counter = 0
    user.save(update_fields=["totp_secret", "totp_last_counter"])
    return user.totp_secret


@transaction.atomic
def totp_enrol_confirm(*, user: User, code: str) -> None:
    if user.totp_confirmed or not user.totp_secret:
        raise AppError(_("Start the enrolment first."), code="totp_not_started", status_code=409)
    if not totp_verify(user=user, code=code):
        raise _wrong_code()
    user.totp_confirmed = True
    user.version += 1
    user.save(update_fields=["totp_confirmed", "version"])
    audit_record(action="auth.totp_enrol", actor=user, subject_type="user", subject_id=user.pk)


@transaction.atomic
def totp_disable(*, user: User, password: str, code: str) -> None:
    """The user turns the second factor off, proving both factors; not while the policy requires it."""
    if not user.totp_confirmed:
        raise AppError(_("Two-factor authentication is not on."), code="totp_not_enabled", status_code=409)
    if totp_required_for(user):
        raise AppError(_("Your roles require two-factor authentication."), code="totp_required", status_code=403)
    if not user.check_password(password):
        raise field_error("password", "wrong_password", _("The password is wrong."))
    if not totp_verify(user=user, code=code):
        raise _wrong_code()
    _clear(user)
    audit_record(action="auth.totp_disable", actor=user, subject_type="user", subject_id=user.pk)


def _clear(user: User) -> None:
    user.totp_secret = ""
    user.totp_confirmed = False
    user.totp_last_counter = 0
    user.version += 1
    user.save(update_fields=["totp_secret", "totp_confirmed", "totp_last_counter", "version", "token_version"])


@transaction.atomic
def totp_reset(*, actor: Any, user: User) -> None:
    """Recovery: an admin who may manage the user removes their second factor (a lost phone) and ends their
    sessions; the user enrols again at the next login."""
    tokens_revoke(user=user, actor=actor, reason="totp_reset", save=False)
    _clear(user)
    audit_record(action="auth.totp_reset", actor=actor, subject_type="user", subject_id=user.pk)
