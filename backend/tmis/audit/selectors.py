"""Reading the audit trail: what an auditor sees (its organisation's subtree; the Ministry's auditor, everything)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import IntegerField, QuerySet, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from .models import AccessLog

#: Actions that show full ID numbers: one view is one number; an export with full IDs counts its rows.
FULL_ID_VIEW = "teacher.id_number.view"
FULL_ID_EXPORT = "teachers.export"


def audit_events_visible_to(*, user: Any) -> QuerySet[AccessLog]:
    """The events an auditor may read: every event for the Ministry's auditor; otherwise those of actors inside the
    auditor's subtree (anonymous events, such as failed logins of unknown names, are the Ministry's)."""
    if not user.has_capability("audit.view"):
        return AccessLog.objects.none()
    organisation = getattr(user, "scope_organisation", user.organisation)
    events = AccessLog.objects.all()
    if organisation.parent_id is not None:  # below the root (the Ministry): its own subtree
        events = events.filter(organisation_path__startswith=organisation.path)
    return events.select_related("user")


EXPORT_FIELDS = ("id", "at", "username", "action", "subject_type", "subject_id", "address", "request_id", "detail")


def audit_events_for_export(*, events: QuerySet[AccessLog], limit: int) -> Iterator[dict[str, Any]]:
    """The filtered events newest first, as plain rows, read in chunks (at most `limit`)."""
    return events.order_by("-id").values(*EXPORT_FIELDS, "user__display_name")[:limit].iterator(chunk_size=2000)


def full_ids_seen(*, user_id: int, since: dt.datetime) -> int:
    """How many full ID numbers the user saw since `since`: single views plus the rows of full-ID exports."""
    recent = AccessLog.objects.filter(user_id=user_id, at__gte=since)
    views = recent.filter(action=FULL_ID_VIEW).count()
    exported = recent.filter(action=FULL_ID_EXPORT, detail__full_id=True).aggregate(
        rows=Sum(Cast(KT("detail__rows"), IntegerField()))
    )["rows"]
    return views + (exported or 0)
