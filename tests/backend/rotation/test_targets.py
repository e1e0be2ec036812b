"""Targets (DOMAIN decision 7): a county's yearly target is ≥ 10 % of its eligible teachers rounded up, of whom ≥ 20 %
(rounded up) backbone teachers; GET /api/v1/rotation/targets/ rolls them up per child organisation from the nightly
eligibility tallies and the assignment tallies every write keeps — checked against a brute-force recount of generated
archives."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

import pytest

from tests.factories.orgs import SchoolFactory
from tmis.accounts.models import User
from tmis.orgs.models import Organisation
from tmis.rotation.jobs import rebuild_all_tallies, rebuild_province_tallies
from tmis.rotation.lifecycle import advance
from tmis.rotation.models import Assignment, AssignmentTally, Plan
from tmis.rotation.rules import Rules
from tmis.rotation.tallies import rebuild as rebuild_tallies
from tmis.teachers.models import Teacher

from .support import (
    ASSIGNMENTS,
    JUNIOR_A,
    MAKER,
    PLANS,
    TARGETS,
    add,
    judge,
    latest_stages_of,
    make_plan,
    org,
    plan_year,
    submit_and_approve,
    targets_of,
    teacher_at,
    teaching,
)

pytestmark = pytest.mark.django_db


#: (eligible, (target, backbone target)).
TARGET_CASES = {0: (0, 0), 1: (1, 1), 9: (1, 1), 10: (1, 1), 11: (2, 1), 50: (5, 1), 51: (6, 2), 100: (10, 2)} | {
    105: (11, 3),
    1000: (100, 20),
    1001: (101, 21),
}


@pytest.mark.parametrize(("eligible", "expected"), list(TARGET_CASES.items()))
def test_ten_percent_rounded_up_and_twenty_percent_of_those(eligible, expected):
    assert Rules().targets(eligible) == expected == targets_of(eligible)


def test_a_provinces_shares_make_the_targets():
    assert Rules(target_share=Decimal("0.15"), backbone_share=Decimal("0.5")).targets(40) == (6, 3)
    assert Rules(target_share=Decimal("0.125"), backbone_share=Decimal("0")).targets(8) == (1, 0)


#: Generated schools: (county, 办学类型, 城乡分类, teachers).
SCHOOLS = [
    ("620102", "211", "111", 23),
    ("620102", "311", "111", 17),
    ("620102", "342", "111", 9),
    ("620103", "211", "220", 31),
    ("620103", "312", "210", 12),
    ("620103", "111", "111", 6),
    ("620104", "211", "121", 14),
    ("620201", "311", "111", 19),
    ("620201", "211", "220", 8),
    ("110101", "211", "111", 11),  # 北京: never counted in 甘肃
]


def _generate(rng: random.Random) -> list[Teacher]:
    teachers = []
    for county, school_type, urban_rural, size in SCHOOLS:
        school = SchoolFactory(
            parent=Organisation.objects.get(code=county), school_type=school_type, urban_rural=urban_rural
        )
        for _ in range(size):
            gender = rng.choice("12")
            entry = "" if rng.random() < 0.05 else f"{rng.randint(2012, 2025)}-{rng.randint(1, 12):02d}"
            teacher = teacher_at(
                school,
                gender=gender,
                birth_date=dt.date(rng.randint(1964, 1998), rng.randint(1, 12), rng.randint(1, 28)),
                school_entry_month=entry,
                personnel_status=rng.choice(["100"] * 8 + ["205", "203", "209"]),
                backbone_teacher=rng.choice([None, None, False, True]),
                active=rng.random() > 0.05,
            )
            for year in rng.sample(range(2019, 2026), rng.choice([0, 0, 1, 2])):
                teaching(teacher, rng.sample(["1", "2", "3", "4", "5", "6"], rng.choice([1, 1, 2])), year)
            teachers.append(teacher)
    return teachers


def _recount(year: int) -> dict[str, dict[str, int]]:
    """Per county of 甘肃: teachers, eligible, eligible backbone, judged one by one in Python."""
    teachers = list(
        Teacher.objects.filter(org_path__startswith="/000000/620000/", active=True).select_related("school")
    )
    stages = latest_stages_of(t.pk for t in teachers)
    counties: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for teacher in teachers:
        county = teacher.school.path.split("/")[4]
        row = counties[county]
        row["teachers"] += 1
        if judge(teacher, stages.get(teacher.pk), year) == "":
            row["eligible"] += 1
            row["eligible_backbone"] += bool(teacher.backbone_teacher)
    return counties


def _city_of(county: str) -> str:
    return county[:4] + "00"


@pytest.fixture
def generated():
    teachers = _generate(random.Random(18))
    assert rebuild_province_tallies("620000") > 0
    return teachers


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_province_and_city_roll_ups_equal_a_brute_force_recount(client_for, generated, year):
    counties = _recount(year)
    assert sum(row["eligible"] for row in counties.values()) > 20  # the data is varied enough to mean something
    expected_cities: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for county, row in counties.items():
        target, backbone = targets_of(row["eligible"])
        city = expected_cities[_city_of(county)]
        for key in ("teachers", "eligible", "eligible_backbone"):
            city[key] += row[key]
        city["target"] += target
        city["backbone_target"] += backbone
        city["counties"] += 1

    body = client_for("demo-province").get(f"{TARGETS}?org=620000&year={year}").json()
    keys = ("teachers", "eligible", "eligible_backbone", "target", "backbone_target", "counties")
    children = {row["organisation"]["code"]: {k: row[k] for k in keys} for row in body["children"]}
    for code, figures in children.items():
        want = expected_cities.get(code, {})
        assert figures == {k: want.get(k, 0) for k in keys}, code
    assert set(expected_cities) <= set(children)
    total = {k: sum(c[k] for c in expected_cities.values()) for k in keys}
    assert {k: body["organisation"][k] for k in keys} == total

    city = client_for("demo-city").get(f"{TARGETS}?org=620100&year={year}").json()
    by_county = {row["organisation"]["code"]: row for row in city["children"]}
    for county in ("620102", "620103", "620104"):
        target, backbone = targets_of(counties[county]["eligible"])
        got = by_county[county]
        assert (got["eligible"], got["eligible_backbone"], got["target"], got["backbone_target"]) == (
            counties[county]["eligible"],
            counties[county]["eligible_backbone"],
            target,
            backbone,
        ), county
    assert by_county["620105"]["eligible"] == 0 and by_county["620105"]["target"] == 0


def test_a_countys_own_target_is_ten_percent_of_all_its_eligible(client_for, generated):
    """At the county level the organisation row is the county: its target is 10 % of the county's eligible, rounded
    up once — not the sum of each school's rounding."""
    counties = _recount(2026)
    body = client_for("demo-county-a").get(f"{TARGETS}?org=620102&year=2026").json()
    own = body["organisation"]
    target, backbone = targets_of(counties["620102"]["eligible"])
    assert (own["teachers"], own["eligible"], own["eligible_backbone"]) == (
        counties["620102"]["teachers"],
        counties["620102"]["eligible"],
        counties["620102"]["eligible_backbone"],
    )
    assert sum(row["eligible"] for row in body["children"]) == own["eligible"]  # per school
    assert (own["target"], own["backbone_target"], own["counties"]) == (target, backbone, 1)


def test_the_plans_figures_count_live_and_warn_without_blocking(client_for, generated):
    """A plan's own figures judge the county live (no tally needed) and warn when the plan is short of its targets;
    the short plan is submitted all the same."""
    plan = make_plan(client_for)
    year = plan["year"]
    counties = _recount(year)
    eligible = Teacher.objects.filter(pk__in=[t.pk for t in generated if t.school.path.split("/")[4] == "620102"])
    stages = latest_stages_of(t.pk for t in eligible)
    pick = next(t for t in eligible.select_related("school") if t.active and judge(t, stages.get(t.pk), year) == "")
    assert add(client_for, plan["id"], pick, to_school=_other_school(pick)).status_code == 201
    detail = client_for("demo-county-a-admin").get(f"{PLANS}{plan['id']}/").json()
    target, backbone = targets_of(counties["620102"]["eligible"])
    figures = detail["figures"]
    assert (figures["eligible"], figures["target"], figures["backbone_target"]) == (
        counties["620102"]["eligible"],
        target,
        backbone,
    )
    assert figures["planned"] == 1 and figures["planned_backbone"] == int(bool(pick.backbone_teacher))
    assert target > 1 and len(figures["warnings"]) >= 1
    submitted = client_for("demo-county-a-admin").post(f"{PLANS}{plan['id']}/submit/")
    assert submitted.status_code == 201, submitted.json()


def _other_school(teacher: Teacher) -> str:
    return next(
        s.code
        for s in Organisation.objects.filter(parent__code="620102", level="school", school_type__in=["211", "311"])
        if s.pk != teacher.school_id
    )


def test_planned_started_completed_and_proposed_roll_up(client_for, generated):
    """The assignments of approved plans count as planned (and as started or completed by their state), those of plans
    not yet approved as proposed; a county meets its targets when its approved plan holds enough of both."""
    maker = User.objects.get(username="demo-county-a-admin")
    counties = _recount(2026)
    need, need_backbone = targets_of(counties["620102"]["eligible"])
    approved, proposed = (
        Plan.objects.create(county=county, org_path=county.path, year=2026, state=state, created_by=maker)
        for county, state in ((org("620102"), "approved"), (org("620103"), "in_review"))
    )
    states = ["planned", "started", "completed", "cancelled"]
    made = {"620102": [], "620103": []}
    for plan, county in ((approved, "620102"), (proposed, "620103")):
        mine = [t for t in generated if t.school.path.split("/")[4] == county][: need + need_backbone + 2]
        for index, teacher in enumerate(mine):
            to = next(
                s for s in Organisation.objects.filter(parent__code=county, level="school") if s != teacher.school
            )
            made[county].append(
                Assignment.objects.create(
                    plan=plan,
                    teacher=teacher,
                    from_school=teacher.school,
                    from_path=teacher.school.path,
                    to_school=to,
                    to_path=to.path,
                    rotation_type="1",
                    transfers_relation=False,
                    flow_category="2",
                    backbone=index < need_backbone + 1,
                    start_date=dt.date(2026, 9, 1),
                    end_date=dt.date(2027, 7, 1),
                    state=states[index % 4],
                    created_by=maker,
                )
            )
    rebuild_all_tallies()
    city = {
        row["organisation"]["code"]: row
        for row in client_for("demo-city").get(f"{TARGETS}?org=620100&year=2026").json()["children"]
    }
    live_a = [a for a in made["620102"] if a.state != "cancelled"]
    got = city["620102"]
    assert (got["planned"], got["planned_backbone"], got["started"], got["completed"], got["proposed"]) == (
        len(live_a),
        sum(a.backbone for a in live_a),
        sum(a.state == "started" for a in live_a),
        sum(a.state == "completed" for a in live_a),
        0,
    )
    assert got["met"] is (len(live_a) >= need and sum(a.backbone for a in live_a) >= need_backbone)
    assert got["counties_met"] == int(got["met"])
    other = city["620103"]
    assert (other["planned"], other["proposed"], other["met"]) == (
        0,
        sum(a.state != "cancelled" for a in made["620103"]),
        targets_of(counties["620103"]["eligible"])[0] == 0,
    )


def _county_figures(client_for, county: str = "620102") -> tuple[int, int, int, int]:
    """(planned, proposed, started, completed) of a county in its city's targets."""
    year = plan_year()
    rows = client_for("demo-city").get(f"{TARGETS}?org=620100&year={year}").json()["children"]
    row = next(r for r in rows if r["organisation"]["code"] == county)
    return row["planned"], row["proposed"], row["started"], row["completed"]


def _tallies() -> list[tuple]:
    return sorted(
        AssignmentTally.objects.values_list(
            "plan_id", "school_id", "org_path", "year", "assignments", "backbone", "started", "completed"
        )
    )


def _assert_tallies_equal_a_recount() -> None:
    kept = _tallies()
    rebuild_tallies(prefix="/000000/", year=plan_year())
    assert _tallies() == kept


def test_the_targets_follow_every_write_at_once_and_the_tallies_equal_a_recount(client_for):
    """No nightly job between the writes: an assignment added or removed, the plan approved, the rotation started and
    ended each move the county's figures in the targets at once, and the kept tallies equal a full recount."""
    before = _county_figures(client_for)
    first, second = teacher_at(JUNIOR_A, name="轮岗甲老师"), teacher_at(JUNIOR_A, name="轮岗乙老师")
    plan = make_plan(client_for)
    assert add(client_for, plan["id"], first).status_code == 201
    added = add(client_for, plan["id"], second)
    assert added.status_code == 201, added.json()
    assert _county_figures(client_for) == (before[0], before[1] + 2, before[2], before[3])
    _assert_tallies_equal_a_recount()

    assert client_for(MAKER).delete(f"{ASSIGNMENTS}{added.json()['id']}/").status_code == 204
    assert _county_figures(client_for) == (before[0], before[1] + 1, before[2], before[3])
    _assert_tallies_equal_a_recount()

    submit_and_approve(client_for, plan["id"])
    assert _county_figures(client_for) == (before[0] + 1, before[1], before[2], before[3])

    start, end = dt.date(plan_year(), 9, 1), dt.date(plan_year() + 1, 7, 10)
    assert advance(today=start, plan_id=plan["id"]) == {"started": 1, "ended": 0}
    assert _county_figures(client_for) == (before[0] + 1, before[1], before[2] + 1, before[3])
    _assert_tallies_equal_a_recount()
    assert advance(today=end, plan_id=plan["id"]) == {"started": 0, "ended": 1}
    assert _county_figures(client_for) == (before[0] + 1, before[1], before[2], before[3] + 1)
    _assert_tallies_equal_a_recount()
