"""A county plan's figures against its targets (DOMAIN decision 7): the county's eligible teachers judged live, the
targets they make, and what the plan holds — with the warnings a county sees before it submits (a short plan is
warned of, never blocked), and what its reviewer reads."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tmis.orgs.models import Organisation

from .eligibility import summary
from .models import Assignment, AssignmentState, Plan
from .rules import Rules, rules_for


def county_figures(*, county: Organisation, year: int, rules: Rules, plan: Plan | None) -> dict[str, Any]:
    """Eligible (live), the targets, and the plan's assignments (not cancelled) with their backbone teachers."""
    eligible = summary(prefix=county.path, year=year, rules=rules)
    target, backbone_target = rules.targets(eligible["eligible"])
    counted = (
        Assignment.objects.filter(plan=plan)
        .exclude(state=AssignmentState.CANCELLED)
        .aggregate(planned=Count("id"), backbone=Count("id", filter=Q(backbone=True)))
        if plan
        else {"planned": 0, "backbone": 0}
    )
    planned, planned_backbone = counted["planned"], counted["backbone"]
    warnings = []
    if planned < target:
        warnings.append(
            _("Short of the target: %(planned)s of %(target)s teachers planned (%(share)s%% of %(eligible)s eligible).")
            % {
                "planned": planned,
                "target": target,
                "share": _percent(rules.target_share),
                "eligible": eligible["eligible"],
            }
        )
    if planned_backbone < backbone_target:
        warnings.append(
            _("Short of the backbone teachers: %(planned)s of %(target)s planned (%(share)s%% of the target).")
            % {"planned": planned_backbone, "target": backbone_target, "share": _percent(rules.backbone_share)}
        )
    return {
        "year": year,
        "teachers": eligible["teachers"],
        "eligible": eligible["eligible"],
        "eligible_backbone": eligible["eligible_backbone"],
        "reasons": eligible["reasons"],
        "target": target,
        "backbone_target": backbone_target,
        "planned": planned,
        "planned_backbone": planned_backbone,
        "target_share": rules.target_share,
        "backbone_share": rules.backbone_share,
        "warnings": warnings,
    }


def _percent(share: Any) -> str:
    return f"{float(share) * 100:g}"


def plan_review(plan: Plan) -> dict[str, Any]:
    """What the plan's reviewer reads: its figures and every assignment by name (stored with the review item when
    it is submitted; code names are added when it is read, in the reader's language)."""
    rules = rules_for(plan.county.province_code or "")
    figures = county_figures(county=plan.county, year=plan.year, rules=rules, plan=plan)
    rows = (
        Assignment.objects.filter(plan=plan)
        .exclude(state=AssignmentState.CANCELLED)
        .select_related("teacher", "from_school", "to_school")
        .order_by("from_school__code", "teacher__name")
    )
    return {
        "id": plan.pk,
        "year": plan.year,
        "county_name": plan.county.name,
        "note": plan.note,
        "figures": {key: value for key, value in figures.items() if key != "reasons"},
        "assignments": [
            {
                "id": row.pk,
                "teacher_name": row.teacher.name,
                "teacher_no": row.teacher.teacher_no,
                "from_school_name": row.from_school.name,
                "to_school_name": row.to_school.name,
                "rotation_type": row.rotation_type,
                "transfers_relation": row.transfers_relation,
                "flow_category": row.flow_category,
                "backbone": row.backbone,
                "start_date": row.start_date.isoformat(),
                "end_date": row.end_date.isoformat(),
            }
            for row in rows
        ],
    }
