"""Reads of the monthly snapshots: the periods, an organisation's rows of a period (itself and its children, per
school kind) with their rates, and the 通报 ranking of the children with the change since the previous period."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tmis.core.errors import AppError
from tmis.orgs.models import Organisation

from .dimensions import SCHOOL_TYPES
from .models import MonthlySnapshot, SnapshotRow

FIGURES = (
    "schools_expected",
    "schools_submitted",
    "schools_approved",
    "collected",
    "submitted",
    "approved",
    "returned",
    "accounts",
)


def snapshots() -> QuerySet[MonthlySnapshot]:
    """Every snapshot, newest first (a period may hold several: the job's and on-demand ones)."""
    return MonthlySnapshot.objects.select_related("taken_by").order_by("-period", "-taken_at")


def latest_of(period: str) -> MonthlySnapshot:
    snapshot = MonthlySnapshot.objects.filter(period=period).order_by("-taken_at").first()
    if snapshot is None:
        raise AppError(
            _("No monthly report was taken for %(period)s.") % {"period": period}, code="not_found", status_code=404
        )
    return snapshot


def _rate(part: int | None, whole: int | None) -> float | None:
    return round(part / whole, 4) if part is not None and whole else None


def figures(row: SnapshotRow | None) -> dict[str, Any]:
    """The row's counts and rates (approval: approved ÷ collected; submission: submitted ÷ collected). The
    statistics headcount (应采集教师数) is not entered yet, so the collection rate is null."""
    counts = {name: getattr(row, name) if row else 0 for name in FIGURES}
    if row is None:
        counts["accounts"] = None
    return counts | {
        "teachers_expected": None,
        "collection_rate": None,
        "submission_rate": _rate(counts["submitted"], counts["collected"]),
        "approval_rate": _rate(counts["approved"], counts["collected"]),
    }


def _by_type(rows: list[SnapshotRow]) -> list[dict[str, Any]]:
    return [
        {"school_type": row.school_type, "school_type_name": str(SCHOOL_TYPES.get(row.school_type, row.school_type))}
        | figures(row)
        for row in sorted(
            rows, key=lambda r: list(SCHOOL_TYPES).index(r.school_type) if r.school_type in SCHOOL_TYPES else 99
        )
        if row.school_type
    ]


def _organisation(organisation: Organisation) -> dict[str, str]:
    return {"code": organisation.code, "name": organisation.name, "level": organisation.level}


def monthly_report(*, snapshot: MonthlySnapshot, organisation: Organisation) -> dict[str, Any]:
    """The organisation's own figures and one entry per child organisation, in code order, each per school kind."""
    children = list(Organisation.objects.filter(parent=organisation).order_by("code"))
    rows = list(
        SnapshotRow.objects.filter(snapshot=snapshot, parent_id=organisation.pk)
        | SnapshotRow.objects.filter(snapshot=snapshot, organisation_id=organisation.pk)
    )
    by_org: dict[int, list[SnapshotRow]] = {}
    for row in rows:
        by_org.setdefault(row.organisation_id, []).append(row)

    def entry(org: Organisation) -> dict[str, Any]:
        own = by_org.get(org.pk, [])
        total = next((row for row in own if not row.school_type), None)
        return {"organisation": _organisation(org), "total": figures(total), "by_type": _by_type(own)}

    return {
        "period": snapshot.period,
        "taken_at": snapshot.taken_at,
        **entry(organisation),
        "children": [entry(child) for child in children],
    }


def ranking(*, snapshot: MonthlySnapshot, organisation: Organisation) -> dict[str, Any]:
    """通报: the children ranked by approval rate (then submission rate), with each rate's change since the latest
    snapshot of the previous period (null where there is none)."""
    previous = MonthlySnapshot.objects.filter(period__lt=snapshot.period).order_by("-period", "-taken_at").first()
    current = monthly_report(snapshot=snapshot, organisation=organisation)["children"]
    before = (
        {
            e["organisation"]["code"]: e["total"]
            for e in monthly_report(snapshot=previous, organisation=organisation)["children"]
        }
        if previous
        else {}
    )

    def change(code: str, key: str, now: float | None) -> float | None:
        then = before.get(code, {}).get(key)
        return round(now - then, 4) if now is not None and then is not None else None

    entries = [
        {
            "organisation": e["organisation"],
            "approval_rate": e["total"]["approval_rate"],
            "approval_change": change(e["organisation"]["code"], "approval_rate", e["total"]["approval_rate"]),
            "submission_rate": e["total"]["submission_rate"],
            "submission_change": change(e["organisation"]["code"], "submission_rate", e["total"]["submission_rate"]),
            "collected": e["total"]["collected"],
            "approved": e["total"]["approved"],
        }
        for e in current
    ]

    def missing_last(rate: float | None) -> float:
        return -rate if rate is not None else 1.0

    entries.sort(
        key=lambda e: (missing_last(e["approval_rate"]), missing_last(e["submission_rate"]), e["organisation"]["code"])
    )
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
    return {
        "period": snapshot.period,
        "previous_period": previous.period if previous else None,
        "organisation": _organisation(organisation),
        "children": entries,
    }
