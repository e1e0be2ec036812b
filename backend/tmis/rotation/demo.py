"""Demo exchange rotation for `make run` (run after load_demo_training): 甘肃's rules, 城关区's approved plan of the
year with its assignments in progress, and 七里河区's draft plan. Idempotent: each part is skipped once it is there.

- **Rules.** 甘肃 (620000) sets the national defaults as its version 1 (`rules_set` by demo-province): six years at
  the school, not within five years of retirement (men 60, women 55), 10 % of the eligible a year, 20 % of those
  backbone teachers.
- **Backbone teachers.** The demo archives have no 骨干教师, so every fourth eligible teacher of the two counties'
  compulsory schools is marked one (a column write, as an approved archive change would leave it) — the plans and the
  targets then have backbone teachers to count.
- **城关区 (620102)**: demo-county-a-admin makes the plan of the year with two assignments between 第一实验小学 and
  育才初级中学 that started on 1 September, submits it, and demo-county-a and demo-city-reviewer approve it — the
  approval starts them (人员状态 205, a 交流轮岗 record, the receiving school reads the archive).
- **七里河区 (620103)**: demo-county-b's draft plan of the year with two assignments.

The teachers are the last eligible ones of each school in id order (the lists and the other demos use the first),
approved (or drafts, where the school has no approved archive) and with no open change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from tmis.accounts.models import User
from tmis.orgs.models import Organisation
from tmis.reviews import services as engine
from tmis.reviews.models import Action
from tmis.teachers.models import RecordState, Teacher

from .eligibility import judged_page
from .jobs import rebuild_all_tallies
from .models import Plan, RotationRules
from .rules import DEFAULTS, rules_for
from .selectors import default_year
from .services import AssignmentInput, assignment_add, plan_create, plan_submit, rules_set

PROVINCE = "620000"
#: (county, the plan's maker, approved?, [(from school, to school, 交流轮岗类型, 是否调动人事关系, years)])
PLANS = [
    (
        "620102",
        "demo-county-a-admin",
        True,
        [("2162010201", "3162010202", "1", False, 1), ("3162010202", "2162010201", "2", False, 2)],
    ),
    (
        "620103",
        "demo-county-b",
        False,
        [("2162010301", "3162010302", "1", False, 1), ("3162010302", "2162010301", "3", True, 3)],
    ),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__startswith="demo-").select_related("organisation")}


def _rules(users: dict[str, User]) -> int:
    province = Organisation.objects.get(code=PROVINCE)
    if RotationRules.objects.filter(province=province).exists():
        return 0
    data = {k: v for k, v in DEFAULTS.as_dict().items() if k != "version"}
    data["note"] = (
        "采用国家默认规则：在同一学校连续任教满6年的义务教育教师，每年交流比例不低于10%，其中骨干教师不低于20%。"
    )
    rules_set(actor=users["demo-province"], province=province, data=data)
    return 1


def _eligible(county: Organisation, year: int, school: str) -> list[dict[str, Any]]:
    rules = rules_for(PROVINCE)
    rows = judged_page(
        prefix=county.path, year=year, rules=rules, filters={"eligible": True, "school": school}, offset=0, limit=500
    ).rows
    approved = set(
        Teacher.objects.filter(
            pk__in=[row["id"] for row in rows],
            record_state__in=[RecordState.APPROVED, RecordState.DRAFT],
            open_change__isnull=True,
        ).values_list("pk", flat=True)
    )
    return sorted((row for row in rows if row["id"] in approved), key=lambda row: row["id"])


def _backbone(year: int) -> int:
    marked = 0
    for county_code, *_rest in PLANS:
        county = Organisation.objects.get(code=county_code)
        rules = rules_for(PROVINCE)
        rows = judged_page(
            prefix=county.path, year=year, rules=rules, filters={"eligible": True}, offset=0, limit=5000
        ).rows
        ids = sorted(row["id"] for row in rows)[::4]
        marked += Teacher.objects.filter(pk__in=ids).exclude(backbone_teacher=True).update(backbone_teacher=True)
    return marked


def _start(year: int, today: dt.date) -> dt.date:
    """1 September of the plan's year, or a week ago when that is still ahead (the demo shows rotations running)."""
    first = dt.date(year, 9, 1)
    return first if first <= today else today - dt.timedelta(days=7)


def _plan(spec: tuple[Any, ...], users: dict[str, User], year: int, today: dt.date) -> int:
    county_code, maker, approve, moves = spec
    county = Organisation.objects.get(code=county_code)
    if Plan.objects.filter(county=county, year=year).exists():
        return 0
    actor = users[maker]
    plan = plan_create(actor=actor, year=year, note="按照县域义务教育学校教师交流轮岗工作方案编制。")
    start = _start(year, today)
    for from_school, to_school, kind, relation, years in moves:
        teacher = _eligible(county, year, from_school)[-1]
        assignment_add(
            actor=actor,
            plan_id=plan.pk,
            data=AssignmentInput(
                teacher=teacher["id"],
                to_school=to_school,
                rotation_type=kind,
                transfers_relation=relation,
                start_date=start,
                end_date=dt.date(start.year + years, 7, 15),
            ),
        )
    if approve:
        submission = plan_submit(actor=actor, plan_id=plan.pk)
        for reviewer in ("demo-county-a", "demo-city-reviewer"):
            engine.decide(actor=users[reviewer], submission_id=submission.pk, action=Action.APPROVE)
    return 1


@transaction.atomic
def load_demo_rotation() -> dict[str, int]:
    users = _users()
    today = timezone.localdate()
    year = default_year(today)
    added = {"rules": _rules(users), "backbone": _backbone(year), "plans": 0}
    for spec in PLANS:
        added["plans"] += _plan(spec, users, year, today)
    rebuild_all_tallies()
    return added
