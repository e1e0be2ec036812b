"""Reads of training credits: programmes and claims in the caller's scope, compliance rolled up per child
organisation (from the school tallies: a few hundred indexed rows whatever the province's size), one teacher's
standing and transcript."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tmis.orgs.models import Organisation
from tmis.reports.selectors import archive_counts
from tmis.reviews.models import Submission
from tmis.teachers.models import Teacher

from .models import Claim, ClaimState, Correction, Programme, Standing
from .names import FORM_TABLE, LEVEL_TABLE, code_names, name_of
from .reviewing import SUBJECT
from .rules import Rules, rules_for


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    return (
        Programme.objects.visible_to(user)
        .select_related("organisation")
        .annotate(
            enrolled=Count("participants"),
            completed=Count("participants", filter=Q(participants__hours__isnull=False)),
            confirmed=Count("participants", filter=Q(participants__claim__isnull=False)),
        )
    )


def claims_visible_to(user: Any) -> QuerySet[Claim]:
    return Claim.objects.visible_to(user).select_related("teacher", "school", "programme")


def review_item_of(claim_id: int) -> int | None:
    """The id of a claim's latest review item (None for a confirmed completion, which is never reviewed)."""
    return (
        Submission.objects.filter(subject_type=SUBJECT, subject_id=claim_id)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )


STATUSES = ("compliant", "on_track", "behind")


def status_of(*, counted: int, required: int, compliant: bool, pace: Decimal) -> str:
    if compliant:
        return "compliant"
    return "on_track" if counted >= required * pace else "behind"


def compliance(*, organisation: Organisation, cycle_start: int, rules: Rules) -> dict[str, Any]:
    """The organisation and each child: current teachers (the report summary's count of archives), those with
    hours, compliant, on track, behind (the rest, hours or not), hours and credits. Two indexed queries."""
    depth = len(organisation.path.strip("/").split("/"))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT split_part(org_path, '/', %(child)s) AS code, sum(teachers), sum(compliant), sum(on_track),
                   sum(hours), sum(counted), sum(credits), max(as_of)
            FROM training_school_tally
            WHERE cycle_start = %(cycle)s AND org_path LIKE %(prefix)s
            GROUP BY 1
            """,
            {"child": depth + 2, "cycle": cycle_start, "prefix": organisation.path + "%"},
        )
        tallies = {row[0]: row[1:] for row in cursor.fetchall()}
    counts = archive_counts(organisation)
    children = list(
        Organisation.objects.filter(parent=organisation).order_by("code").values("id", "code", "name", "level")
    )
    as_of = max((t[6] for t in tallies.values() if t[6] is not None), default=None)

    def row(org: dict[str, Any], tally: tuple | None) -> dict[str, Any]:
        teachers = counts.get(org["id"], (0, 0))[0]
        with_hours, compliant, on_track, hours, counted, credits, _as_of = tally or (0, 0, 0, 0, 0, 0, None)
        return {
            "organisation": {k: org[k] for k in ("code", "name", "level")},
            "teachers": teachers,
            "with_hours": int(with_hours),
            "compliant": int(compliant),
            "on_track": int(on_track),
            "behind": max(teachers - int(compliant) - int(on_track), 0),
            "hours": int(hours),
            "counted": int(counted),
            "credits": Decimal(credits or 0),
        }

    total = (*(sum(t[i] or 0 for t in tallies.values()) for i in range(6)), as_of) if tallies else None
    own = {"id": organisation.pk, "code": organisation.code, "name": organisation.name, "level": organisation.level}
    return {
        "organisation": row(own, total),
        "children": [row(child, tallies.get(child["code"])) for child in children],
        "cycle": f"{cycle_start}-{cycle_start + rules.cycle_years - 1}",
        "required_hours": rules.required_hours,
        "pace": rules.pace(cycle_start, timezone.localdate()),
        "as_of": as_of,
    }


def standing_of(*, teacher: Teacher, cycle_start: int, rules: Rules, on: dt.date | None = None) -> dict[str, Any]:
    """One teacher in one cycle: required, earned (approved, counted after caps), missing, by category, the quotas,
    the status — from the standing row (no row: nothing approved yet)."""
    on = on or timezone.localdate()
    row = Standing.objects.filter(teacher_id=teacher.pk, cycle_start=cycle_start).first()
    work_year = int(teacher.work_start_month[:4]) if teacher.work_start_month[:4].isdigit() else None
    required = row.required if row else rules.required_for(cycle_start=cycle_start, work_start_year=work_year)
    counted = row.counted if row else 0
    by_level = row.by_level if row else {}
    levels = code_names(LEVEL_TABLE)
    pace = rules.pace(cycle_start, on)
    quotas = []
    for quota in rules.quotas:
        # Whole hours, rounded up as the standings compare them (79.2 h → 80 h: 79 h fall short).
        needed = (Decimal(str(quota["min_share"])) * required).to_integral_value(rounding=ROUND_CEILING)
        earned = min(counted, sum(int(by_level.get(code, 0)) for code in quota["levels"]))
        quotas.append(
            {
                "levels": [name_of(levels, code) for code in quota["levels"]],
                "required": int(needed),
                "earned": earned,
                "met": earned >= needed,
            }
        )
    return {
        "cycle": f"{cycle_start}-{cycle_start + rules.cycle_years - 1}",
        "required": required,
        "hours": row.hours if row else 0,
        "counted": counted,
        "credits": row.credits if row else Decimal(0),
        "missing": max(required - counted, 0),
        "by_level": [
            {"code": code, "name": name_of(levels, code), "hours": int(hours)}
            for code, hours in sorted(by_level.items())
        ],
        "quotas": quotas,
        "new_teacher": work_year is not None and cycle_start <= work_year <= cycle_start + rules.cycle_years - 1,
        "status": status_of(counted=counted, required=required, compliant=bool(row and row.compliant), pace=pace),
    }


def transcript(*, teacher: Teacher, on: dt.date | None = None) -> dict[str, Any]:
    """The teacher's 学分银行 record: every approved claim (oldest first) with names, and the standing of each cycle
    the claims fall in and of the current one."""
    on = on or timezone.localdate()
    rules = rules_for(teacher.province_code)
    claims = list(
        Claim.objects.filter(teacher=teacher, state=ClaimState.APPROVED)
        .order_by("date", "id")
        .select_related("programme")
    )
    corrected = set(Correction.objects.filter(claim__in=claims).values_list("claim_id", flat=True))
    levels, forms = code_names(LEVEL_TABLE), code_names(FORM_TABLE)
    cycles = sorted({rules.cycle_of(claim.date.year)[0] for claim in claims} | {rules.cycle_of(on.year)[0]})
    return {
        "teacher": {
            "id": teacher.pk,
            "teacher_no": teacher.teacher_no,
            "name": teacher.name,
            "school": teacher.school.name,
        },
        "rules_version": rules.version,
        "cycles": [standing_of(teacher=teacher, cycle_start=start, rules=rules, on=on) for start in reversed(cycles)],
        "claims": [
            {
                "id": claim.pk,
                "date": claim.date,
                "kind": claim.kind,
                "kind_name": str(claim.get_kind_display()),
                "title": claim.title,
                "provider": claim.provider,
                "level_name": name_of(levels, claim.level),
                "form_name": name_of(forms, claim.form),
                "hours": claim.hours,
                "credits": claim.credits,
                "source": claim.source,
                "corrected": claim.pk in corrected,
                "cycle": "{}-{}".format(*rules.cycle_of(claim.date.year)),
            }
            for claim in claims
        ],
        "generated_at": timezone.now(),
    }


def school_compliance(*, school: Organisation, cycle_start: int, rules: Rules) -> list[dict[str, Any]]:
    """Every current teacher of a school in one cycle (no hours yet included), by name: for the XLSX list."""
    standings = {s.teacher_id: s for s in Standing.objects.filter(school_id=school.pk, cycle_start=cycle_start)}
    pace = rules.pace(cycle_start, timezone.localdate())
    rows = []
    for teacher in (
        Teacher.objects.filter(school=school, active=True)
        .order_by("name_pinyin", "id")
        .only("id", "teacher_no", "name", "work_start_month")
    ):
        standing = standings.get(teacher.pk)
        work_year = int(teacher.work_start_month[:4]) if teacher.work_start_month[:4].isdigit() else None
        required = (
            standing.required if standing else rules.required_for(cycle_start=cycle_start, work_start_year=work_year)
        )
        counted = standing.counted if standing else 0
        compliant = bool(standing and standing.compliant)
        rows.append(
            {
                "teacher_no": teacher.teacher_no,
                "name": teacher.name,
                "hours": standing.hours if standing else 0,
                "counted": counted,
                "credits": standing.credits if standing else Decimal(0),
                "required": required,
                "missing": max(required - counted, 0),
                "status": status_of(counted=counted, required=required, compliant=compliant, pace=pace),
            }
        )
    return rows
