"""The compliance roll-up equals a brute-force recount: a few hundred teachers across the demo schools, random claims
(approved, and others that must count nothing), a province's rules with caps, quotas and ratios; the standings kept
by incremental recounts (and a refresh after some teachers left) give, per organisation and child, the figures this
file counts in plain Python from the Claim table — and `standings.rebuild()` gives the same again."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest

from tests.factories.teachers import TeacherRowFactory
from tmis.accounts.models import User
from tmis.orgs.models import Organisation
from tmis.reports.refresh import refresh as refresh_reports
from tmis.teachers.models import Teacher
from tmis.teachers.writes import stamp_change
from tmis.training import standings
from tmis.training.models import Claim, ClaimState
from tmis.training.rules import Rules, rules_for

from .support import COMPLIANCE, set_rules

pytestmark = pytest.mark.django_db
SCHOOLS = ["2162010201", "3162010202", "1162010203", "3462010204", "2162010301", "3162010302", "5162010304"]
KINDS = ["programme", "school_based", "self_study", "research", "exchange", "other"]
LEVELS = ["1", "2", "3", "4", "5", "9"]
FORMS = ["1", "2", "3", "4", "9"]
WORK_STARTS = ["", "1995-09", "2008-09", "2019-07", "2022-09", "2026-08", "2028-09"]
RULES = {
    "quotas": [{"levels": ["1", "2", "3", "4"], "min_share": "0.3"}, {"levels": ["5"], "min_share": "0.1"}],
    "yearly_caps": {"self_study": 24, "exchange": 30},
    "credit_ratios": {"2": "20", "4": "15"},
}
FIELDS = ("with_hours", "compliant", "on_track", "hours", "counted", "credits", "teachers", "behind")


def _standing(rules: Rules, teacher: Teacher, claims: list[Claim], cycle_start: int, today: dt.date) -> dict:
    """One teacher in one cycle, counted from the rules' definitions: each kind's hours of a calendar year capped,
    the requirement of `required_for`, a quota met when min(counted, hours of its levels) ≥ share × required."""
    per_kind_year: dict[tuple[str, int], int] = defaultdict(int)
    by_level: dict[str, int] = defaultdict(int)
    for claim in claims:
        per_kind_year[(claim.kind, claim.date.year)] += claim.hours
        by_level[claim.level] += claim.hours
    counted = sum(min(hours, rules.yearly_caps.get(kind, hours)) for (kind, _y), hours in per_kind_year.items())
    work = int(teacher.work_start_month[:4]) if teacher.work_start_month[:4].isdigit() else None
    required = rules.required_for(cycle_start=cycle_start, work_start_year=work)
    quotas_met = all(
        min(counted, sum(by_level[code] for code in quota["levels"])) >= Decimal(str(quota["min_share"])) * required
        for quota in rules.quotas
    )
    compliant = quotas_met and counted >= required
    return {
        "hours": sum(c.hours for c in claims),
        "counted": counted,
        "credits": sum(c.credits for c in claims),
        "compliant": compliant,
        "on_track": not compliant and counted >= required * rules.pace(cycle_start, today),
    }


def _expected(organisation: Organisation, cycle_start: int, today: dt.date) -> dict[str, dict]:
    """code → figures of the organisation (under its own code) and of each child, brute force."""
    rules = rules_for("620000")
    depth = len(organisation.path.strip("/").split("/"))
    codes = [organisation.code, *Organisation.objects.filter(parent=organisation).values_list("code", flat=True)]
    rows = {code: dict.fromkeys(FIELDS, 0) for code in codes}
    claims: dict[int, list[Claim]] = defaultdict(list)
    for claim in Claim.objects.filter(state=ClaimState.APPROVED):
        if rules.cycle_of(claim.date.year)[0] == cycle_start:
            claims[claim.teacher_id].append(claim)
    for teacher in Teacher.objects.filter(org_path__startswith=organisation.path, active=True):
        child = teacher.org_path.strip("/").split("/")[depth]
        targets = [rows[organisation.code], rows[child]]
        for row in targets:
            row["teachers"] += 1
        if not claims[teacher.pk]:
            continue
        one = _standing(rules, teacher, claims[teacher.pk], cycle_start, today)
        for row in targets:
            row["with_hours"] += 1
            row["compliant"] += one["compliant"]
            row["on_track"] += one["on_track"]
            for name in ("hours", "counted", "credits"):
                row[name] += one[name]
    for row in rows.values():
        row["behind"] = row["teachers"] - row["compliant"] - row["on_track"]
        row["credits"] = f"{Decimal(row['credits']):.2f}"
    return rows


def _answered(client, organisation: Organisation, cycle: str) -> dict[str, dict]:
    response = client.get(f"{COMPLIANCE}?org={organisation.code}&cycle={cycle}")
    assert response.status_code == 200, response.json()
    body = response.json()
    rows = {body["organisation"]["organisation"]["code"]: body["organisation"]}
    rows |= {row["organisation"]["code"]: row for row in body["children"]}
    return {code: {name: row[name] for name in FIELDS} for code, row in rows.items()}


def _random_claims(rng: random.Random, teachers: list[Teacher], today: dt.date) -> list[Claim]:
    rules = rules_for("620000")
    start, span = dt.date(2021, 1, 1), (today - dt.date(2021, 1, 1)).days
    claims = []
    for teacher in teachers:
        for _n in range(rng.choice([0, 1, 2, 4, 6, 9])):
            kind, level, form = rng.choice(KINDS), rng.choice(LEVELS), rng.choice(FORMS)
            hours = rng.choice([6, 12, 16, 24, 30, 40, 60, 90])
            state = rng.choice([ClaimState.APPROVED] * 6 + [ClaimState.RETURNED, ClaimState.SUBMITTED])
            claims.append(
                Claim(
                    teacher=teacher,
                    school_id=teacher.school_id,
                    kind=kind,
                    title="随机",
                    level=level,
                    form=form,
                    hours=hours,
                    date=start + dt.timedelta(days=rng.randrange(span)),
                    state=state,
                    credits=rules.credits(hours, form) if state == ClaimState.APPROVED else None,
                    created_by_id=teacher.created_by_id,
                )
            )
    return claims


def test_the_roll_up_equals_a_brute_force_recount(client_for):
    rng = random.Random(17)
    today = dt.date.today()
    assert set_rules(client_for, **RULES).status_code == 200
    schools = {code: Organisation.objects.get(code=code) for code in SCHOOLS}
    actor = client_for("demo-province")
    creator = User.objects.get(username="demo-school-a").pk
    teachers = [
        TeacherRowFactory(
            school=schools[rng.choice(SCHOOLS)], work_start_month=rng.choice(WORK_STARTS), created_by_id=creator
        )
        for _n in range(300)
    ]
    claims = _random_claims(rng, teachers, today)
    assert sum(c.state == ClaimState.APPROVED for c in claims) > 500
    # Incremental: three batches of teachers, each recounted on its own.
    for batch in (teachers[:100], teachers[100:200], teachers[200:]):
        ids = {t.pk for t in batch}
        Claim.objects.bulk_create([c for c in claims if c.teacher_id in ids])
        standings.recount(ids, today=today)
    # Some claims approved earlier are returned after all; some teachers leave (a refresh picks those up).
    withdrawn = rng.sample(list(Claim.objects.filter(state=ClaimState.APPROVED).values_list("pk", flat=True)), 40)
    Claim.objects.filter(pk__in=withdrawn).update(state=ClaimState.RETURNED)
    standings.recount(Claim.objects.filter(pk__in=withdrawn).values_list("teacher_id", flat=True), today=today)
    for teacher in rng.sample(teachers, 15):
        Teacher.objects.filter(pk=teacher.pk).update(active=False)
        stamp_change(teacher)
    assert standings.refresh(today=today) >= 1
    refresh_reports(today=today)

    levels = [Organisation.objects.get(code=code) for code in ("620000", "620100", "620102", "620103")]
    incremental = {}
    for organisation in levels:
        for cycle, start in (("2026-2030", 2026), ("2021-2025", 2021)):
            answered = _answered(actor, organisation, cycle)
            expected = _expected(organisation, start, today)
            assert answered == expected, (organisation.code, cycle)
            incremental[(organisation.code, cycle)] = answered
    county = incremental[("620102", "2026-2030")]["620102"]
    assert county["with_hours"] > 20 and county["compliant"] + county["on_track"] > 0 and county["behind"] > 0

    standings.rebuild(today=today)
    for organisation in levels:
        for cycle in ("2026-2030", "2021-2025"):
            assert _answered(actor, organisation, cycle) == incremental[(organisation.code, cycle)]
