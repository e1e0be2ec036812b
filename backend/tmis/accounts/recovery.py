"""Accounts people can recover: an administrator sees the accounts login delays hold back and clears them, and
issues a temporary password (shown once, valid TMIS_TEMPORARY_PASSWORD_HOURS, to be changed at the next login)."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tmis.audit.services import audit_record

from .lockout import ACCOUNT, delays_current, login_unlock
from .models import User
from .passwords import temporary_password
from .selectors import user_list_visible_to
from .services import ensure_manageable, self_change_forbidden, set_password
from .sessions import tokens_revoke


def user_lockouts(*, actor: Any) -> list[dict[str, Any]]:
    """Accounts in the actor's scope whose failed logins delay them (account-wide or from some addresses), the most
    recent failure first."""
    rows = list(delays_current().order_by("-last_failure_at")[:1000])
    users = {
        user.username: user
        for user in user_list_visible_to(actor=actor).filter(username__in={row.username for row in rows})
    }
    now = timezone.now()
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        user = users.get(row.username)
        if user is None:
            continue
        entry = found.setdefault(
            user.pk,
            {
                "user": user,
                "failures": 0,
                "locked_until": None,
                "retry_after": 0,
                "account_wide": False,
                "addresses": [],
                "last_failure_at": row.last_failure_at,
            },
        )
        entry["failures"] = max(entry["failures"], row.failures)
        if entry["locked_until"] is None or row.locked_until > entry["locked_until"]:
            entry["locked_until"] = row.locked_until
            entry["retry_after"] = max(0, math.ceil((row.locked_until - now).total_seconds()))
        if row.kind == ACCOUNT:
            entry["account_wide"] = True
        elif row.address and row.address not in entry["addresses"]:
            entry["addresses"].append(row.address)
    return list(found.values())


def user_unlock(*, actor: Any, user: User) -> None:
    """Clear the account's login delays (account-wide and from every address); audited."""
    ensure_manageable(actor, user)
    cleared = login_unlock(username=user.username)
    audit_record(
        action="user.unlock",
        actor=actor,
        subject_type="user",
        subject_id=user.pk,
        detail={"username": user.username, "counters": cleared},
    )


@transaction.atomic
def user_password_reset(*, actor: Any, user: User) -> tuple[User, str]:
    """A temporary password for the user (returned once, never stored in clear): their sessions end, their login
    delays are cleared, and the next login must choose a new password; after TMIS_TEMPORARY_PASSWORD_HOURS the
    temporary one is refused."""
    ensure_manageable(actor, user)
    if user.pk == actor.pk:
        raise self_change_forbidden()
    user = User.objects.select_for_update().select_related("organisation").get(pk=user.pk)
    password = temporary_password()
    set_password(user, password)
    user.password_must_change = True
    user.password_temporary_until = timezone.now() + timedelta(hours=settings.TMIS_TEMPORARY_PASSWORD_HOURS)
    tokens_revoke(user=user, actor=actor, reason="password_reset", save=False)
    user.version += 1
    user.save()
    login_unlock(username=user.username)
    audit_record(
        action="auth.password_reset",
        actor=actor,
        subject_type="user",
        subject_id=user.pk,
        detail={"username": user.username, "temporary": True},
    )
    return user, password
