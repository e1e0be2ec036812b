"""The home page's to-dos for the caller's scope (issue 14): returned archives with their reasons, drafts not yet
submitted, items waiting for others (and at which organisation), imports that failed, and for a reviewer the age
profile of their queue. A fixed number of queries whatever the scope holds (a test counts them)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from tmis.core.models import JobState
from tmis.imports.selectors import import_jobs_of
from tmis.reviews.attendance import unattended_below, with_attendance
from tmis.reviews.models import OPEN_STATES, State, Submission
from tmis.reviews.review_settings import overdue_days_for
from tmis.reviews.selectors import kinds_visible_to, review_queue
from tmis.teachers.models import RecordState, Teacher

#: Items listed per to-do (the count says how many there are in all).
HOME_LIMIT = 5
#: Imports older than this no longer call for attention at home.
IMPORT_DAYS = 30


def _section(items: Any, count: int) -> dict[str, Any]:
    return {"count": count, "items": list(items)}


def _submissions(user: Any) -> Any:
    items = Submission.objects.visible_to(user)
    visible = kinds_visible_to(user)
    return items if visible is None else items.filter(kind__in=visible)


def returned(user: Any) -> dict[str, Any]:
    """Returned items in scope, newest return first, with the reason."""
    items = _submissions(user).filter(state=State.RETURNED)
    rows = items.select_related("school").order_by("-closed_at", "-id")[:HOME_LIMIT]
    return _section(rows, items.count())


def drafts(user: Any) -> dict[str, Any]:
    """Archives not yet submitted (draft), newest first."""
    items = Teacher.objects.visible_to(user).filter(record_state=RecordState.DRAFT)
    rows = items.select_related("school").only("id", "name", "updated_at", "school__name").order_by("-id")
    return _section(rows[:HOME_LIMIT], items.count())


def waiting(user: Any) -> dict[str, Any]:
    """Open items in scope that wait for someone else (not in the caller's own queue), oldest first, with the
    organisation deciding them now and whether it has a reviewer."""
    items = _submissions(user).filter(state__in=OPEN_STATES)
    if user.has_capability("reviews.decide"):  # the caller's queue: their steps and the unattended ones below
        items = items.exclude(Q(current_org_id=user.organisation_id) | unattended_below(user=user))
    rows = with_attendance(items.select_related("school", "current_org")).order_by("submitted_at", "id")
    return _section(rows[:HOME_LIMIT], items.count())


def failed_imports(user: Any) -> dict[str, Any]:
    """The caller's imports of the last 30 days that failed or left rows unwritten."""
    since = timezone.now() - timedelta(days=IMPORT_DAYS)
    items = import_jobs_of(user=user).filter(created_at__gte=since, dry_run=False)
    items = items.filter(Q(state=JobState.FAILED) | Q(state=JobState.DONE, rows_failed__gt=0))
    return _section(items.order_by("-id")[:HOME_LIMIT], items.count())


def queue_age(user: Any, overdue_days: int) -> dict[str, int]:
    """The reviewer's queue by age: < 1 day, 1–3, 3–7, over 7 days, overdue (the province's days), unattended."""
    now = timezone.now()

    def older(days: int) -> Q:
        return Q(submitted_at__lt=now - timedelta(days=days))

    queue = review_queue(user=user).order_by()
    visible = kinds_visible_to(user)
    if visible is not None:
        queue = queue.filter(kind__in=visible)
    return queue.aggregate(
        total=Count("id"),
        under_1d=Count("id", filter=~older(1)),
        d1_3=Count("id", filter=older(1) & ~older(3)),
        d3_7=Count("id", filter=older(3) & ~older(7)),
        over_7d=Count("id", filter=older(7)),
        overdue=Count("id", filter=older(overdue_days)),
        unattended=Count("id", filter=~Q(current_org_id=user.organisation_id)),
    )


def home_todos(*, user: Any) -> dict[str, Any]:
    """Every section the caller's capabilities reach; the others are null."""
    overdue_days = overdue_days_for(user.organisation)
    sees_teachers = user.has_capability("teachers.view")
    sees_reviews = user.has_capability("reviews.view") and sees_teachers
    return {
        "overdue_days": overdue_days,
        "returned": returned(user) if sees_reviews else None,
        "drafts": drafts(user) if sees_teachers else None,
        "waiting": waiting(user) if sees_reviews else None,
        "failed_imports": failed_imports(user) if user.has_capability("teachers.change") else None,
        "queue_age": queue_age(user, overdue_days) if user.has_capability("reviews.decide") else None,
    }
