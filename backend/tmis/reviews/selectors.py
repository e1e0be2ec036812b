"""Reads of the review engine: queues, one submission's history, and counts for progress reports."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from .attendance import attended_condition, unattended_below, with_attendance
from .models import OPEN_STATES, Action, Decision, Submission, SubmissionQuerySet
from .registry import kinds, related_subjects
from .review_settings import overdue_condition


def kinds_visible_to(user: Any) -> list[str] | None:
    """The kinds whose items the user may see (each kind names its view capability); None when every kind."""
    visible = [kind.key for kind in kinds() if user.has_capability(kind.view_capability)]
    return None if len(visible) == len(kinds()) else visible


def review_queue(*, user: Any, unattended: bool | None = None) -> QuerySet[Submission]:
    """Items whose current step is at the caller's organisation (inside their subtree by construction), and the
    unattended items below it (无人审核: a step whose organisation has no active reviewer), which the caller may
    decide by proxy. `unattended`: True for those only, False for the caller's own steps only."""
    own = Q(current_org_id=user.organisation_id, state__in=OPEN_STATES)
    below = unattended_below(user=user) if user.organisation_id else Q(pk__in=[])
    condition = {None: own | below, True: below, False: own}[unattended]
    items = Submission.objects.filter(condition)
    if getattr(user, "token_organisation", None) is not None:  # an API token narrowed to a subtree sees only that
        items = items.visible_to(user)
    return with_attendance(items.select_related("school", "submitted_by", "current_org")).order_by("submitted_at", "id")


#: The queue's views: what waits at the caller's organisation, what the caller decided, everything in their scope.
QUEUE_VIEWS = ("waiting", "decided", "scope")


def decided_by(*, user: Any) -> QuerySet[Submission]:
    """Items in the caller's scope on which they approved or returned a step, with their latest decision on each
    (`my_action`, `my_decided_at`) — the reviewer's history."""
    mine = Decision.objects.filter(
        submission=OuterRef("pk"), actor=user, action__in=(Action.APPROVE, Action.RETURN)
    ).order_by("-at", "-id")
    return with_attendance(
        Submission.objects.visible_to(user)
        .filter(Exists(mine))
        .annotate(my_action=Subquery(mine.values("action")[:1]), my_decided_at=Subquery(mine.values("at")[:1]))
        .select_related("school", "submitted_by", "current_org")
    )


def in_scope(*, user: Any) -> QuerySet[Submission]:
    """Every item in the caller's scope, in any state."""
    return with_attendance(Submission.objects.visible_to(user).select_related("school", "submitted_by", "current_org"))


def queue_view(*, user: Any, view: str, unattended: bool | None = None) -> QuerySet[Submission]:
    """One of QUEUE_VIEWS (anything else is the waiting queue, where `unattended` applies: see review_queue)."""
    if view == "decided":
        return decided_by(user=user)
    if view == "scope":
        return in_scope(user=user)
    return review_queue(user=user, unattended=unattended)


def decisions_with_names() -> Prefetch:
    """A submission's decisions with who took them and for which organisation, in one query."""
    return Prefetch(
        "decisions", queryset=Decision.objects.select_related("actor", "organisation", "acting_organisation")
    )


def my_submissions(*, user: Any) -> QuerySet[Submission]:
    items = Submission.objects.filter(submitted_by=user).select_related("school", "submitted_by", "current_org")
    return with_attendance(items).order_by("-id")


def submission_history(*, subject_type: str, subject_id: int, user: Any = None) -> QuerySet[Submission]:
    """Every review of a subject and of the subjects registered as related to it (a teacher's changes), oldest
    first, with their decisions; only those in `user`'s scope when given. Without `user` the caller has checked
    that the reader may see the subject: its history comes with it, whichever organisation filled it (an archive
    that moved keeps the reviews made at its former school)."""
    condition = Q(subject_type=subject_type, subject_id=subject_id)
    for related_type, ids in related_subjects(subject_type, subject_id).items():
        if ids:
            condition |= Q(subject_type=related_type, subject_id__in=ids)
    items = Submission.objects.filter(condition) if user is None else Submission.objects.visible_to(user)
    return (
        items.filter(condition)
        .select_related("school", "submitted_by")
        .prefetch_related(decisions_with_names())
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
    return open_review_figures(path=path, kind=kind)["open"]


def open_review_figures(*, path: str, kind: str | None = None, overdue_days: int | None = None) -> dict[str, dict]:
    """Open items under an organisation path by the level deciding them now, in one aggregate query: `open` (all),
    `overdue` (waiting longer than `overdue_days`, 超期) and `unattended` (nobody at the step can decide, 无人审核)."""
    items = Submission.objects.filter(SubmissionQuerySet.scope_condition(path), state__in=OPEN_STATES)
    if kind:
        items = items.filter(kind=kind)
    overdue = overdue_condition(overdue_days) if overdue_days is not None else Q(pk__in=[])
    rows = items.values("step_levels", "current_step").annotate(
        n=Count("id"), overdue=Count("id", filter=overdue), unattended=Count("id", filter=~attended_condition())
    )
    figures: dict[str, dict] = {"open": {}, "overdue": {}, "unattended": {}}
    for row in rows:
        level = row["step_levels"][row["current_step"]]
        for name, value in (("open", row["n"]), ("overdue", row["overdue"]), ("unattended", row["unattended"])):
            if value:
                figures[name][level] = figures[name].get(level, 0) + value
    return figures
