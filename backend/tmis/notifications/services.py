from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from tmis.accounts.models import User
from tmis.accounts.roles import Role

from .models import Notification


def notify_users(*, user_ids: Iterable[int], kind: str, message: str, link: str = "") -> int:
    rows = [Notification(user_id=uid, kind=kind, message=message[:500], link=link) for uid in set(user_ids)]
    Notification.objects.bulk_create(rows)
    return len(rows)


def notify_reviewers(*, organisation_id: int, kind: str, message: str, link: str = "") -> int:
    """Every active reviewer of the organisation."""
    reviewers = User.objects.filter(organisation_id=organisation_id, is_active=True, roles__contains=[Role.REVIEWER])
    return notify_users(user_ids=reviewers.values_list("id", flat=True), kind=kind, message=message, link=link)


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Marks the given notifications (all, without ids) of the user as read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(id__in=ids)
    return unread.update(read_at=timezone.now())
