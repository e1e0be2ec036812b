"""Reads of the monthly snapshots: the periods, an organisation's rows of a period (itself and its children, per
school kind) with their rates, and the 通报 ranking of the children with the change since the previous period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tmis.core.errors import AppError
from tmis.orgs.models import Organisation

from .contributions import ranking_notes
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
    "teachers_expected",
    "problems",
)
#: Figures that are null where not known: a school without a statistics headcount, a report taken before the
#: data-quality worklist existed.
NULLABLE = ("accounts", "teachers_expected", "problems")


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
    """The row's counts and rates: collection (collected ÷ the statistics headcount, where entered), submission
    and approval (submitted, approved ÷ collected)."""
    counts = {name: getattr(row, name) if row else 0 for name in FIGURES}
    if row is None:
        counts |= dict.fromkeys(NULLABLE)
    return counts | {
        "collection_rate": _rate(counts["collected"], counts["teachers_expected"]),
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
        return {
            "organisation": _organisation(org),
            "contact": total.contact if total else "",
            "total": figures(total),
            "by_type": _by_type(own),
        }

    return {
        "period": snapshot.period,
        "taken_at": snapshot.taken_at,
        **entry(organisation),
        "children": [entry(child) for child in children],
    }


def ranking(*, snapshot: MonthlySnapshot, organisation: Organisation, on: date | None = None) -> dict[str, Any]:
    """通报: the children ranked by collection rate, then approval rate (a child without a statistics headcount after
    those with one), with each rate's change since the latest snapshot of the previous period (null where there is
    none) and each child's overdue work-plan milestones on `on` (today by default)."""
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
    ids = {child.code: child.pk for child in Organisation.objects.filter(parent=organisation).only("id", "code")}
    overdue = ranking_notes("overdue_milestones", ids.values(), on or timezone.localdate())

    def change(code: str, key: str, now: float | None) -> float | None:
        then = before.get(code, {}).get(key)
        return round(now - then, 4) if now is not None and then is not None else None

    def rated(code: str, total: dict[str, Any]) -> dict[str, Any]:
        return {
            field: value
            for key in ("collection", "approval", "submission")
            for field, value in (
                (f"{key}_rate", total[f"{key}_rate"]),
                (f"{key}_change", change(code, f"{key}_rate", total[f"{key}_rate"])),
            )
        }

    entries = [
        {
            "organisation": e["organisation"],
            **rated(e["organisation"]["code"], e["total"]),
            "teachers_expected": e["total"]["teachers_expected"],
            "collected": e["total"]["collected"],
            "approved": e["total"]["approved"],
            "problems": e["total"]["problems"],
            "overdue_milestones": overdue.get(ids.get(e["organisation"]["code"], 0), []),
        }
        for e in current
    ]

    def missing_last(rate: float | None) -> float:
        return -rate if rate is not None else 1.0

    entries.sort(
        key=lambda e: (
            missing_last(e["collection_rate"]),
            missing_last(e["approval_rate"]),
            missing_last(e["submission_rate"]),
            e["organisation"]["code"],
        )
    )
    for rank, entry in enumerate(entries, start=1):
        entry["rank"] = rank
    return {
        "period": snapshot.period,
        "previous_period": previous.period if previous else None,
        "organisation": _organisation(organisation),
        "children": entries,
    }
