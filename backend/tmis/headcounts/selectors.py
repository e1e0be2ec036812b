"""Reads of the statistics headcounts: a subtree's schools with their figure of a year (the entering list), the
figures rolled up per organisation (`expected_by_org`), each school's 教职工 for the monthly report
(`EXPECTED_PER_SCHOOL_SQL`, registered with `tmis.reports.contributions`), and the gap report against the archives
collected (`tmis.reports.selectors.archive_counts`: the summary tables, never the archive itself)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import F, FilteredRelation, Q, QuerySet
from django.utils import timezone

from tmis.orgs.models import Level, Organisation
from tmis.reports.selectors import archive_counts, refreshed_at

from .models import SchoolHeadcount

#: Per organisation: its subtree's schools, those with a figure of the year, and the sums of their figures. Each
#: organisation's schools are one range of the unique path index (collation "C": a descendant's path starts with
#: the organisation's, and '0' follows '/'), each school's figure one probe of the (school, year) unique index.
_EXPECTED_SQL = """
    SELECT o.id, count(s.id) AS schools, count(h.id) AS schools_with_figure,
           coalesce(sum(h.staff), 0) AS staff, coalesce(sum(h.fulltime), 0) AS fulltime
    FROM orgs_organisation o
    LEFT JOIN orgs_organisation s
           ON s.path >= o.path AND s.path < left(o.path, -1) || '0' AND s.level = 'school'
    LEFT JOIN headcounts_schoolheadcount h ON h.school_id = s.id AND h.year = %(year)s
    WHERE o.id = ANY(%(ids)s)
    GROUP BY o.id
"""


def current_year() -> int:
    return timezone.localdate().year


#: Each school's 教职工 of a year (`%(year)s`): the monthly report's 应采集教师数 (`tmis.reports.contributions`).
EXPECTED_PER_SCHOOL_SQL = "SELECT school_id, staff AS value FROM headcounts_schoolheadcount WHERE year = %(year)s"


def expected_by_org(org_ids: Iterable[int], year: int) -> dict[int, dict[str, int]]:
    """The statistics figures of `year` summed over each organisation's subtree (a school: its own figure), in one
    query whatever the number of organisations: {org id: {"staff", "fulltime", "schools_with_figure", "schools"}}.
    Every existing organisation asked for is in the answer (zeros when none of its schools has a figure); check
    `schools_with_figure` before reading a 0 as "no staff"."""
    ids = sorted({int(pk) for pk in org_ids})
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_EXPECTED_SQL, {"ids": ids, "year": year})
        return {
            org_id: {
                "staff": int(staff),
                "fulltime": int(fulltime),
                "schools_with_figure": int(with_figure),
                "schools": int(schools),
            }
            for org_id, schools, with_figure, staff, fulltime in cursor.fetchall()
        }


def headcount_list(*, organisation: Organisation, year: int, missing: bool = False) -> QuerySet[Organisation]:
    """The schools of the organisation's subtree, each annotated with its figure of `year` (`hc_*`, null when
    none): one query per page, ordered by code by the paginator. `missing`: only the schools without a figure."""
    schools = (
        Organisation.objects.filter(path__startswith=organisation.path, level=Level.SCHOOL)
        .annotate(hc=FilteredRelation("headcounts", condition=Q(headcounts__year=year)))
        .annotate(
            hc_id=F("hc__id"),
            hc_fulltime=F("hc__fulltime"),
            hc_staff=F("hc__staff"),
            hc_updated_at=F("hc__updated_at"),
            hc_entered_by=F("hc__entered_by__display_name"),
        )
    )
    return schools.filter(hc__id__isnull=True) if missing else schools


def headcount_of(*, school: Organisation, year: int) -> SchoolHeadcount | None:
    return SchoolHeadcount.objects.select_related("school", "entered_by").filter(school=school, year=year).first()


def _rate(part: int, whole: int | None) -> float | None:
    return round(part / whole, 4) if whole else None


def gap_figures(expected: dict[str, int], collected: int, collected_fulltime: int) -> dict[str, Any]:
    """One row of the gap report: the statistics against the archives. With no school's figure entered, the
    expected figures, gaps and rates are null (unknown, not zero)."""
    known = expected["schools_with_figure"] > 0
    staff = expected["staff"] if known else None
    fulltime = expected["fulltime"] if known else None
    return {
        "schools": expected["schools"],
        "schools_with_figure": expected["schools_with_figure"],
        "staff": staff,
        "fulltime": fulltime,
        "collected": collected,
        "collected_fulltime": collected_fulltime,
        "staff_gap": staff - collected if staff is not None else None,
        "fulltime_gap": fulltime - collected_fulltime if fulltime is not None else None,
        "collection_rate": _rate(collected, staff),
        "fulltime_rate": _rate(collected_fulltime, fulltime),
    }


def _collected(organisation: Organisation) -> tuple[dict[int, tuple[int, int]], Any]:
    return archive_counts(organisation), refreshed_at()


def _ref(organisation: Organisation) -> dict[str, str]:
    return {"code": organisation.code, "name": organisation.name, "level": organisation.level}


def gap_report(*, organisation: Organisation, year: int) -> dict[str, Any]:
    """统计人数 against the archives: the organisation's total and one row per child organisation (a county's
    children are its schools, each with its own figure), in code order.
    Five queries (six for a county) whatever the subtree's size."""
    children = list(Organisation.objects.filter(parent=organisation).order_by("code"))
    expected = expected_by_org([organisation.pk, *(child.pk for child in children)], year)
    collected, refreshed_at = _collected(organisation)
    school_ids = [child.pk for child in children if child.level == Level.SCHOOL]
    own = (
        {h.school_id: h for h in SchoolHeadcount.objects.filter(school_id__in=school_ids, year=year)}
        if school_ids
        else {}
    )

    def row(org: Organisation) -> dict[str, Any]:
        total, fulltime = collected.get(org.pk, (0, 0))
        return gap_figures(expected[org.pk], total, fulltime)

    rows = []
    for child in children:
        entry = {"organisation": _ref(child), **row(child), "headcount": None}
        figure = own.get(child.pk)
        if figure is not None:
            entry["headcount"] = {"fulltime": figure.fulltime, "staff": figure.staff, "updated_at": figure.updated_at}
        rows.append(entry)
    return {
        "organisation": _ref(organisation),
        "year": year,
        "refreshed_at": refreshed_at,
        "total": row(organisation),
        "children": rows,
    }
