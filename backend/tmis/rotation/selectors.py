"""Reads of the exchange rotation: plans and assignments in the caller's scope, a county's eligibility list, and
the targets and flows rolled up per child organisation (the eligibility and assignment tallies: a few thousand
indexed rows whatever the province's size)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from tmis.orgs.models import Level, Organisation

from .eligibility import judged_page, reason_text, years_at_school
from .models import Assignment, AssignmentState, Plan
from .names import FLOW_TABLE, TYPE_TABLE, code_names, name_of
from .rules import Rules

#: Where a county's code sits in a school's path (/000000/620000/620100/620102/…/ → part 5).
COUNTY_PART = 5


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    live = ~Q(assignments__state=AssignmentState.CANCELLED)
    return (
        Plan.objects.visible_to(user)
        .select_related("county")
        .annotate(
            assignment_count=Count("assignments", filter=live),
            backbone_count=Count("assignments", filter=live & Q(assignments__backbone=True)),
        )
    )


def assignments_visible_to(user: Any) -> QuerySet[Assignment]:
    return Assignment.objects.visible_to(user).select_related("teacher", "from_school", "to_school", "plan__county")


def eligible_page(
    *, organisation: Organisation, year: int, rules: Rules, filters: dict[str, Any], offset: int, limit: int
) -> dict[str, Any]:
    """A page of the organisation's current teachers judged for `year` (each with the reason when not eligible and
    the assignment of that year's plan, if any), how many match, and the organisation's summary."""
    page = judged_page(prefix=organisation.path, year=year, rules=rules, filters=filters, offset=offset, limit=limit)
    rows = page.rows
    on = rules.reference_date(year)
    planned = {
        row["teacher_id"]: row
        for row in Assignment.objects.filter(teacher_id__in=[r["id"] for r in rows], plan__year=year)
        .exclude(state=AssignmentState.CANCELLED)
        .values("teacher_id", "id", "plan_id", "state", to_school_name=F("to_school__name"))
    }
    for row in rows:
        row["eligible"] = row["reason"] == ""
        row["reason_text"] = reason_text(row["reason"], row, year, rules)
        row["years_at_school"] = years_at_school(row["school_entry_month"], on)
        row["assignment"] = planned.get(row["id"])
    return {
        "count": page.count,
        "results": rows,
        "summary": page.summary,
        "year": year,
        "reference_date": on,
    }


def _unit_rows(organisation: Organisation, year: int) -> dict[tuple[str, str], dict[str, int]]:
    """(child code, county code) → eligibility and assignment counts of the year under the organisation."""
    child = len(organisation.path.strip("/").split("/")) + 2
    params = {"child": child, "county": COUNTY_PART, "year": year, "prefix": organisation.path + "%"}
    units: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(org_path, '/', %(child)s), split_part(org_path, '/', %(county)s),
                   sum(teachers), sum(eligible), sum(eligible_backbone), max(as_of)
            FROM rotation_eligibility_tally WHERE year = %(year)s AND org_path LIKE %(prefix)s GROUP BY 1, 2
            """,
            params,
        )
        for code, county, teachers, eligible, backbone, as_of in cursor.fetchall():
            unit = units[(code, county)]
            unit.update(teachers=int(teachers), eligible=int(eligible), eligible_backbone=int(backbone))
            unit["as_of"] = as_of  # type: ignore[assignment]
        cursor.execute(
            """
            SELECT split_part(t.org_path, '/', %(child)s), split_part(t.org_path, '/', %(county)s),
                   coalesce(sum(t.assignments) FILTER (WHERE p.state = 'approved'), 0),
                   coalesce(sum(t.backbone) FILTER (WHERE p.state = 'approved'), 0),
                   sum(t.started), sum(t.completed),
                   coalesce(sum(t.assignments) FILTER (WHERE p.state <> 'approved'), 0)
            FROM rotation_assignment_tally t JOIN rotation_plan p ON p.id = t.plan_id
            WHERE t.year = %(year)s AND t.org_path LIKE %(prefix)s
            GROUP BY 1, 2
            """,
            params,
        )
        for code, county, planned, backbone, started, completed, proposed in cursor.fetchall():
            units[(code, county)].update(
                planned=planned, planned_backbone=backbone, started=started, completed=completed, proposed=proposed
            )
    return units


FIGURES = (
    "teachers",
    "eligible",
    "eligible_backbone",
    "target",
    "backbone_target",
    "planned",
    "planned_backbone",
    "started",
    "completed",
    "proposed",
    "counties",
    "counties_met",
)
COUNTED = (
    "teachers",
    "eligible",
    "eligible_backbone",
    "planned",
    "planned_backbone",
    "started",
    "completed",
    "proposed",
)


def _figures(units: list[dict[str, Any]], rules: Rules, *, per_county: bool) -> dict[str, int]:
    """Counts summed over units; the targets are a county's (its eligible × the share, rounded up once), so with
    `per_county` every unit is one county and its targets are summed upwards; otherwise (a county's schools) the
    units are parts of one county and the targets are those of their sum."""
    row = dict.fromkeys(FIGURES, 0)
    for unit in units:
        for key in COUNTED:
            row[key] += unit.get(key, 0)
    if per_county:
        for unit in units:
            target, backbone_target = rules.targets(unit.get("eligible", 0))
            row["target"] += target
            row["backbone_target"] += backbone_target
            met = unit.get("planned", 0) >= target and unit.get("planned_backbone", 0) >= backbone_target
            row["counties"] += 1
            row["counties_met"] += int(met)
    else:
        row["target"], row["backbone_target"] = rules.targets(row["eligible"])
    return row


def targets(*, organisation: Organisation, year: int, rules: Rules) -> dict[str, Any]:
    """The organisation and each child for one year: eligible teachers (the nightly tallies), the targets — per
    county, 10 % of its eligible and 20 % of those backbone teachers by default, summed upwards — and the plans'
    assignments: planned (approved plans), started, completed, proposed (plans not yet approved). Below a county
    (its schools) a child's targets are its share of the county's rule, for reading only."""
    units = _unit_rows(organisation, year)
    by_county: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_child: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for (code, county), unit in units.items():
        by_county[county].append(unit)
        by_child[code][county].append(unit)
    counties = [_figures(parts, rules, per_county=False) for parts in by_county.values()]
    above_counties = organisation.level in (Level.CENTRAL, Level.PROVINCE, Level.CITY)
    total = (
        _figures(counties, rules, per_county=True) if above_counties else _figures(counties, rules, per_county=False)
    )
    if not above_counties:
        total["counties"] = len(counties)
        total["counties_met"] = int(bool(counties)) and int(
            total["planned"] >= total["target"] and total["planned_backbone"] >= total["backbone_target"]
        )

    def child_figures(code: str) -> dict[str, int]:
        per_county = by_child.get(code, {})
        if not above_counties:  # a school of the county: one county's part
            return _figures([unit for parts in per_county.values() for unit in parts], rules, per_county=False)
        # a child holding whole counties (a province's city, the Ministry's province), or a county itself
        return _figures([_figures(p, rules, per_county=False) for p in per_county.values()], rules, per_county=True)

    as_of = max((unit["as_of"] for unit in units.values() if unit.get("as_of")), default=None)
    children = list(Organisation.objects.filter(parent=organisation).order_by("code").values("code", "name", "level"))

    def shaped(org: dict[str, Any], figures: dict[str, int]) -> dict[str, Any]:
        met = figures["planned"] >= figures["target"] and figures["planned_backbone"] >= figures["backbone_target"]
        return {"organisation": org, **figures, "met": met}

    own = {"code": organisation.code, "name": organisation.name, "level": organisation.level}
    return {
        "year": year,
        "target_share": rules.target_share,
        "backbone_share": rules.backbone_share,
        "organisation": shaped(own, total),
        "children": [shaped(child, child_figures(child["code"])) for child in children],
        "as_of": as_of,
    }


def flows(*, organisation: Organisation, year: int) -> dict[str, Any]:
    """Assignments of the year's approved plans under the organisation by 教师流动类别 and by 交流轮岗类型."""
    approved = Assignment.objects.filter(
        plan__year=year, plan__state="approved", from_path__startswith=organisation.path
    ).exclude(state=AssignmentState.CANCELLED)
    flow_names, type_names = code_names(FLOW_TABLE), code_names(TYPE_TABLE)
    by_flow = approved.values("flow_category").annotate(count=Count("id")).order_by("flow_category")
    by_type = approved.values("rotation_type").annotate(count=Count("id")).order_by("rotation_type")
    return {
        "year": year,
        "by_flow": [
            {"code": r["flow_category"], "name": name_of(flow_names, r["flow_category"]), "count": r["count"]}
            for r in by_flow
        ],
        "by_type": [
            {"code": r["rotation_type"], "name": name_of(type_names, r["rotation_type"]), "count": r["count"]}
            for r in by_type
        ],
    }


def default_year(today: dt.date) -> int:
    """The plan year a page opens on: the school year that starts this September (from March on) or the current one."""
    return today.year if today.month >= 3 else today.year - 1
