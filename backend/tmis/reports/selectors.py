"""Reads of the summary tables: an organisation's figures by one dimension or a kept pair, and the same per child
organisation (the drill-down). Indexed lookups of a few hundred rows whatever the archive's size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from tmis.core.errors import field_error
from tmis.orgs.models import Organisation

from .dimensions import DIMENSIONS, PAIRS, SCHOOL_TYPES, pair_key
from .models import RefreshState, SummaryCount
from .names import value_names


@dataclass(frozen=True)
class Breakdown:
    """What a report counts by: '' (the headcount only), one dimension, or a kept pair."""

    dimensions: tuple[str, ...]
    school_type: str = ""
    fulltime_only: bool = False

    @property
    def stored(self) -> str:
        if not self.dimensions:
            return "total"
        return self.dimensions[0] if len(self.dimensions) == 1 else pair_key(*self.dimensions)


def breakdown(*, by: str, school_type: str = "", staff: str = "all") -> Breakdown:
    """The request's `by`, `school_type` and `staff`, checked (400 naming the parameter)."""
    dimensions = tuple(part.strip() for part in by.split(",") if part.strip())
    unknown = [part for part in dimensions if part not in DIMENSIONS]
    if unknown:
        raise field_error("by", "invalid_choice", _("Unknown dimension: %(names)s.") % {"names": ", ".join(unknown)})
    if len(dimensions) == 2 and dimensions not in PAIRS and dimensions[::-1] in PAIRS:
        dimensions = dimensions[::-1]
    if len(dimensions) > 2 or (len(dimensions) == 2 and dimensions not in PAIRS):
        kept = "; ".join(f"{a},{b}" for a, b in PAIRS)
        raise field_error(
            "by", "invalid", _("Give one dimension, or one of the kept pairs: %(pairs)s.") % {"pairs": kept}
        )
    if school_type and school_type not in SCHOOL_TYPES:
        raise field_error("school_type", "invalid_choice", _("Unknown school type."))
    if staff not in ("all", "fulltime"):
        raise field_error("staff", "invalid_choice", _("Give staff=all or staff=fulltime."))
    return Breakdown(dimensions=dimensions, school_type=school_type, fulltime_only=staff == "fulltime")


def _cells(breakdown: Breakdown, **where: Any):  # noqa: ANN202 - a values() queryset
    rows = SummaryCount.objects.filter(dimension=breakdown.stored, **where)
    if breakdown.school_type:
        rows = rows.filter(school_type=breakdown.school_type)
    if breakdown.fulltime_only:
        rows = rows.filter(fulltime=True)
    return rows


def _names(breakdown: Breakdown, keys: set[tuple[str, str]]) -> list[dict[str, tuple[int, str]]]:
    """Per dimension of the breakdown: code → (sort key, name), one query per dimension."""
    return [value_names(dim, {key[i] for key in keys}) for i, dim in enumerate(breakdown.dimensions)]


def _named_rows(breakdown: Breakdown, counts: dict[tuple[str, str], int], names: list) -> list[dict[str, Any]]:
    """Rows with codes and names, in the code tables' order."""
    rows = []
    for key, count in counts.items():
        codes = list(key[: len(breakdown.dimensions)])
        rows.append(
            {
                "codes": codes,
                "names": [names[i][code][1] for i, code in enumerate(codes)],
                "count": count,
                "_sort": [names[i][code][0] for i, code in enumerate(codes)] + codes,
            }
        )
    rows.sort(key=lambda row: row.pop("_sort"))
    return rows


def by_dimension(breakdown: Breakdown) -> list[dict[str, str]]:
    return [{"key": key, "name": str(DIMENSIONS[key].label)} for key in breakdown.dimensions]


def _organisation(organisation: Organisation) -> dict[str, str]:
    return {"code": organisation.code, "name": organisation.name, "level": organisation.level}


def refreshed_at() -> Any:
    return RefreshState.objects.filter(pk=1).values_list("refreshed_at", flat=True).first()


def org_summary(*, organisation: Organisation, breakdown: Breakdown) -> dict[str, Any]:
    """One organisation's subtree: the headcount and the counts per value (or pair of values)."""
    counts: dict[tuple[str, str], int] = {}
    for value, value2, count in (
        _cells(breakdown, organisation_id=organisation.pk)
        .values_list("value", "value2")
        .annotate(total=Sum("count"))
        .values_list("value", "value2", "total")
    ):
        counts[(value, value2)] = int(count)
    total = sum(counts.values()) if breakdown.dimensions else counts.get(("", ""), 0)
    return {
        "organisation": _organisation(organisation),
        "by": by_dimension(breakdown),
        "total": total,
        "rows": _named_rows(breakdown, counts, _names(breakdown, set(counts))) if breakdown.dimensions else [],
        "refreshed_at": refreshed_at(),
    }


def children_summary(*, organisation: Organisation, breakdown: Breakdown) -> dict[str, Any]:
    """The same per child organisation (every child, those without teachers at 0), largest first."""
    children = list(Organisation.objects.filter(parent=organisation).order_by("code"))
    per_child: dict[int, dict[tuple[str, str], int]] = {child.pk: {} for child in children}
    for organisation_id, value, value2, count in (
        _cells(breakdown, parent_id=organisation.pk)
        .values_list("organisation_id", "value", "value2")
        .annotate(total=Sum("count"))
        .values_list("organisation_id", "value", "value2", "total")
    ):
        per_child.setdefault(organisation_id, {})[(value, value2)] = int(count)
    names = _names(breakdown, {key for counts in per_child.values() for key in counts})
    entries = []
    for child in children:
        counts = per_child[child.pk]
        total = sum(counts.values()) if breakdown.dimensions else counts.get(("", ""), 0)
        entries.append(
            {
                "organisation": _organisation(child),
                "total": total,
                "rows": _named_rows(breakdown, counts, names) if breakdown.dimensions else [],
            }
        )
    entries.sort(key=lambda entry: (-entry["total"], entry["organisation"]["code"]))
    return {
        "organisation": _organisation(organisation),
        "by": by_dimension(breakdown),
        "children": entries,
        "refreshed_at": refreshed_at(),
    }


def archive_counts(organisation: Organisation) -> dict[int, tuple[int, int]]:
    """Current archives — all, and 专任教师 — of the organisation's subtree and of each child's, by organisation id
    (a child without archives is absent). One indexed query over the record-state cells (every archive once)."""
    rows = (
        SummaryCount.objects.filter(dimension="record_state")
        .filter(Q(organisation_id=organisation.pk) | Q(parent_id=organisation.pk))
        .values("organisation_id")
        .annotate(total=Sum("count"), fulltime=Sum("count", filter=Q(fulltime=True)))
    )
    return {row["organisation_id"]: (int(row["total"]), int(row["fulltime"] or 0)) for row in rows}
