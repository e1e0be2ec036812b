"""Reads of jobs of every kind: the caller's own, newest first, a page at a time in ONE query — a UNION ALL of one
branch per registered kind, each the owner's rows (by the `(owner, -created_at, -id)` index) after the cursor,
limited to the page; no query per job and none per kind.

Order: created_at descending, then kind, then id descending (ids of two kinds may be equal). A cursor is the last
row's (created_at, kind, id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, JSONField, Q, QuerySet, Value
from django.db.models.functions import JSONObject

from tmis.core.job_kinds import JobKind, job_kinds
from tmis.core.models import Job

#: The columns of every branch, in order (each an annotation, so the branches line up).
COLUMNS = (
    "j_kind",
    "j_id",
    "j_state",
    "j_title",
    "j_done",
    "j_total",
    "j_counts",
    "j_error_code",
    "j_error_message",
    "j_cancel",
    "j_created",
    "j_started",
    "j_finished",
)


@dataclass(frozen=True)
class JobPosition:
    """Where a page ends: the last row's sort key."""

    created_at: dt.datetime
    kind: str
    id: int


def job_row(kind: JobKind, job: Job) -> dict[str, Any]:
    """One job as a row of the list (for answers about one job, e.g. after a cancel)."""
    return {
        "j_kind": kind.key,
        "j_id": job.pk,
        "j_state": job.state,
        "j_title": job.title,
        "j_done": job.progress_done,
        "j_total": job.progress_total,
        "j_counts": {name: getattr(job, column) for name, column in type(job).count_fields.items()},
        "j_error_code": job.error_code,
        "j_error_message": job.error_message,
        "j_cancel": job.cancel_requested_at,
        "j_created": job.created_at,
        "j_started": job.started_at,
        "j_finished": job.finished_at,
    }


def _branch(kind: JobKind, *, user: Any, states: Collection[str], after: JobPosition | None, limit: int) -> QuerySet:
    model = kind.model
    rows = model.objects.owned_by(user)
    if states:
        rows = rows.filter(state__in=states)
    if after is not None:
        older = Q(created_at__lt=after.created_at)
        if kind.key == after.kind:
            rows = rows.filter(older | Q(created_at=after.created_at, id__lt=after.id))
        elif kind.key > after.kind:  # sorts after the cursor's kind among rows of the same time
            rows = rows.filter(created_at__lte=after.created_at)
        else:
            rows = rows.filter(older)
    counts = (
        JSONObject(**{name: F(column) for name, column in model.count_fields.items()})
        if model.count_fields
        else Value({}, output_field=JSONField())
    )
    return (
        rows.annotate(
            j_kind=Value(kind.key, output_field=CharField()),
            j_id=F("id"),
            j_state=F("state"),
            j_title=F("title"),
            j_done=F("progress_done"),
            j_total=F("progress_total"),
            j_counts=counts,
            j_error_code=F("error_code"),
            j_error_message=F("error_message"),
            j_cancel=F("cancel_requested_at"),
            j_created=F("created_at"),
            j_started=F("started_at"),
            j_finished=F("finished_at"),
        )
        .values(*COLUMNS)
        .order_by("-j_created", "-j_id")[:limit]
    )


def jobs_of(
    *,
    user: Any,
    kinds: Collection[str] = (),
    states: Collection[str] = (),
    after: JobPosition | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """The user's own jobs (of the given kinds and states; all when empty), newest first, at most `limit`, after
    the position (exclusive). Rows are dicts of `COLUMNS`."""
    branches = [
        _branch(kind, user=user, states=states, after=after, limit=limit)
        for key, kind in job_kinds().items()
        if not kinds or key in kinds
    ]
    if not branches:
        return []
    if len(branches) == 1:
        return list(branches[0])
    union = branches[0].union(*branches[1:], all=True).order_by("-j_created", "j_kind", "-j_id")
    return list(union[:limit])
