from __future__ import annotations

import secrets
import string
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with our own message (Django 5.2's Chinese catalogue misses its reworded string)."""

    def get_error_message(self) -> str:
        return _("The password is too short: it needs at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("At least %(min_length)d characters.") % {"min_length": self.min_length}


class CharacterClassValidator:
    """Passwords combine at least three of: upper case, lower case, digits, other characters."""

    def validate(self, password: str, user: Any = None) -> None:
        classes = [
            any(c in string.ascii_uppercase for c in password),
            any(c in string.ascii_lowercase for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                _("The password must combine at least three of: upper case, lower case, digits, symbols."),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("Combine at least three of: upper case, lower case, digits, symbols.")


class PasswordHistoryValidator:
    """Not the current password nor one of the last TMIS_PASSWORD_HISTORY (tmis.accounts.models.PasswordHistory)."""

    def _count(self) -> int:
        return int(getattr(settings, "TMIS_PASSWORD_HISTORY", 5))

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None) or self._count() <= 0:
            return
        from .models import PasswordHistory  # the validator is loaded with the settings, before the models

        earlier = [user.password] if user.password else []
        earlier += list(
            PasswordHistory.objects.filter(user=user)
            .order_by("-created_at")
            .values_list("password", flat=True)[: self._count()]
        )
        if any(check_password(password, encoded) for encoded in dict.fromkeys(earlier)):
            raise ValidationError(
                _("Choose a password you have not used recently (not one of your last %(count)d).")
                % {"count": self._count()},
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return _("Not one of your last %(count)d passwords.") % {"count": self._count()}


def password_expires_at(user: Any) -> datetime | None:
    """When the user's password stops being accepted without a change (None: no expiry configured)."""
    days = int(getattr(settings, "TMIS_PASSWORD_MAX_AGE_DAYS", 0) or 0)
    if days <= 0:
        return None
    return (user.password_changed_at or user.date_joined) + timedelta(days=days)


def password_expired(user: Any) -> bool:
    expires = password_expires_at(user)
    return expires is not None and expires <= timezone.now()


def password_change_forced(user: Any) -> bool:
    """Whether the password was set by someone else (an administrator opening or resetting the account)."""
    return bool(getattr(user, "password_must_change", False))


def password_temporary_expired(user: Any) -> bool:
    until = getattr(user, "password_temporary_until", None)
    return until is not None and until <= timezone.now()


def temporary_password() -> str:
    """A random password that passes the policy: 14 characters of all four classes, none easily confused."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    symbols = "@#%+=!?"
    while True:
        chars = [secrets.choice(alphabet) for _ in range(12)] + [secrets.choice(symbols), secrets.choice("23456789")]
        secrets.SystemRandom().shuffle(chars)
        candidate = "".join(chars)
        if any(c.isupper() for c in candidate) and any(c.islower() for c in candidate):
            return candidate


def password_policy() -> dict[str, Any]:
    """The rules as the server applies them, for the login and change-password screens."""
    min_length = 8
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            min_length = validator.min_length
    return {
        "min_length": min_length,
        "history": int(getattr(settings, "TMIS_PASSWORD_HISTORY", 5)),
        "max_age_days": int(getattr(settings, "TMIS_PASSWORD_MAX_AGE_DAYS", 0) or 0),
        "rules": list(password_validation.password_validators_help_texts()),
    }
