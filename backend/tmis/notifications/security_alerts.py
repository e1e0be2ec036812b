"""Alerts to the security administrators (docs/SECURITY-audit.md): someone who sees more than
TMIS_FULL_ID_ALERT_PER_HOUR full ID numbers within an hour. Called after each full-ID event (the single view, a
full-ID export); the alert goes out once per user per hour and is itself an audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.accounts.models import User
from tmis.accounts.roles import Role
from tmis.audit.models import AccessLog
from tmis.audit.selectors import full_ids_seen
from tmis.audit.services import audit_record

from .services import notify_users

FULL_ID_ALERT = "audit.full_id_alert"


def security_admins_over(*, user: Any) -> list[int]:
    """The active security administrators whose organisation is the user's or one of its ancestors."""
    path = user.scope_path or ""
    ancestors = [path[: index + 1] for index, char in enumerate(path) if char == "/" and index > 0]
    return list(
        User.objects.filter(is_active=True, roles__contains=[Role.SECADMIN], organisation__path__in=ancestors)
        .order_by("id")
        .values_list("id", flat=True)
    )


def full_id_alert_check(*, user: Any, now: dt.datetime | None = None) -> bool:
    """When the user has seen more than TMIS_FULL_ID_ALERT_PER_HOUR full ID numbers within the last hour, tell the
    security administrators whose scope covers the user — once per user per hour — and record the alert. Returns
    whether an alert went out."""
    if getattr(user, "pk", None) is None:
        return False
    now = now or timezone.now()
    since = now - dt.timedelta(hours=1)
    limit = settings.TMIS_FULL_ID_ALERT_PER_HOUR
    with transaction.atomic():
        with connection.cursor() as cursor:  # one check at a time per user: two requests cannot both alert
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('tmis.full_id_alert'), %s)", [user.pk])
        seen = full_ids_seen(user_id=user.pk, since=since)
        if seen <= limit:
            return False
        if AccessLog.objects.filter(
            action=FULL_ID_ALERT, subject_type="user", subject_id=str(user.pk), at__gte=since
        ).exists():
            return False
        recipients = security_admins_over(user=user)
        message = _("%(user)s viewed %(count)d full ID numbers within an hour (alert threshold %(limit)d).") % {
            "user": user.display_name or user.username,
            "count": seen,
            "limit": limit,
        }
        notify_users(user_ids=recipients, kind="security_alert", message=message, link="")
        audit_record(
            action=FULL_ID_ALERT,
            username=user.username,
            subject_type="user",
            subject_id=user.pk,
            detail={"count": seen, "limit": limit, "notified": len(recipients)},
        )
    return True
