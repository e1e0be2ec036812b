"""Reads of the review engine: queues, one submission's history, and counts for progress reports."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from .models import OPEN_STATES, Submission
from .registry import kinds


def kinds_visible_to(user: Any) -> list[str] | None:
    """The kinds whose items the user may see (each kind names its view capability); None when every kind."""
    visible = [kind.key for kind in kinds() if user.has_capability(kind.view_capability)]
    return None if len(visible) == len(kinds()) else visible


def review_queue(*, user: Any) -> QuerySet[Submission]:
    """Items whose current step is at the caller's organisation (inside their subtree by construction)."""
    return (
        Submission.objects.filter(current_org_id=user.organisation_id, state__in=OPEN_STATES)
        .select_related("school", "submitted_by")
        .order_by("submitted_at", "id")
    )


def my_submissions(*, user: Any) -> QuerySet[Submission]:
    return Submission.objects.filter(submitted_by=user).select_related("school", "submitted_by").order_by("-id")


def submission_history(*, user: Any, subject_type: str, subject_id: int) -> QuerySet[Submission]:
    return (
        Submission.objects.visible_to(user)
        .filter(subject_type=subject_type, subject_id=subject_id)
        .select_related("school", "submitted_by")
        .prefetch_related("decisions__actor", "decisions__organisation")
        .order_by("id")
    )


def latest_submission(*, subject_type: str, subject_id: int, open_only: bool = False) -> Submission | None:
    """The newest submission of a subject (of any kind), or its open one with `open_only`; None if there is none.
    One indexed query (`submission_subject_idx`)."""
    items = Submission.objects.filter(subject_type=subject_type, subject_id=subject_id)
    if open_only:
        items = items.filter(state__in=OPEN_STATES)
    return items.order_by("-id").first()


def open_review_counts(*, path: str, kind: str | None = None) -> dict[str, int]:
    """Open items under an organisation path by level (`school`, `county` …) — one indexed aggregate query."""
    items = Submission.objects.filter(org_path__startswith=path, state__in=OPEN_STATES)
    if kind:
        items = items.filter(kind=kind)
    rows = items.values("step_levels", "current_step").annotate(n=Count("id"))
    counts: dict[str, int] = {}
    for row in rows:
        level = row["step_levels"][row["current_step"]]
        counts[level] = counts.get(level, 0) + row["n"]
    return counts
