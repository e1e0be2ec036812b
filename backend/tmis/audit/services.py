"""The one audit trail (ARCHITECTURE §10, docs/SECURITY-audit.md). Every security-relevant event goes through
`audit_record`: logins and failures, token revocations, role and permission changes, full-ID views, exports, imports,
review decisions and configuration changes. Address and request id come from the request being served
(`tmis.core.request_context`) unless given. The table is append-only (a trigger, see models); `audit_purge` is the
one path that removes rows, those older than the retention, and records that it did."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from tmis.core.request_context import current

from .models import AccessLog


def audit_record(
    *,
    action: str,
    actor: Any = None,
    username: str | None = None,
    subject_type: str = "",
    subject_id: object = "",
    address: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLog:
    """Append one event. `actor` is the user acting (None for anonymous events such as a failed login, where
    `username` names the account tried)."""
    context = current()
    if address is None and context is not None:
        address = context.address
    entry = AccessLog.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        username=(username if username is not None else getattr(actor, "username", "")) or "",
        organisation_path=(getattr(actor, "scope_path", None) or "") if getattr(actor, "pk", None) else "",
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        address=address,
        request_id=context.request_id if context is not None else "",
        detail=detail or {},
    )
    return entry


#: The name the first modules used; kept so that their calls read the same.
access_log_record = audit_record


def audit_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the events older than TMIS_AUDIT_RETENTION_DAYS (never fewer than 180 days: the trigger refuses
    younger rows whatever this asks) and record how many went. Returns that number."""
    now = now or timezone.now()
    days = settings.TMIS_AUDIT_RETENTION_DAYS
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('tmis.audit_purge', 'on', true), set_config('tmis.audit_retention_days', %s, true)",
                [str(days)],
            )
            cursor.execute(f"DELETE FROM {AccessLog._meta.db_table} WHERE at < %s", [cutoff])
            removed = cursor.rowcount
            cursor.execute("SELECT set_config('tmis.audit_purge', 'off', true)")
        audit_record(
            action="audit.purge",
            subject_type="audit",
            detail={"removed": removed, "before": cutoff.isoformat(), "retention_days": days},
        )
    return removed
