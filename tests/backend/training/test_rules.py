"""A province's rules (DOMAIN decision 6) as the standings count them: cycle boundaries, the new teacher's
requirement, quotas by 培训类别, yearly caps per kind, the 学时↔学分 ratio per 培训方式, returned claims; and the
rules endpoint: versions, recount, who may set them, what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories.teachers import TeacherRowFactory
from tmis.training.models import Claim, Standing, TrainingRules
from tmis.training.rules import Rules, rules_for

from .support import (
    COMPLIANCE,
    approve,
    approved_rows,
    decide,
    file_claim,
    rules_url,
    set_rules,
    transcript_url,
)

pytestmark = pytest.mark.django_db


def _standing(teacher, cycle_start: int) -> Standing:
    return Standing.objects.get(teacher_id=teacher.pk, cycle_start=cycle_start)


def _cycle(client_for, teacher, cycle: str) -> dict:
    body = client_for("demo-school-a").get(transcript_url(teacher)).json()
    return next(c for c in body["cycles"] if c["cycle"] == cycle)


def test_cycle_boundaries():
    assert Rules().cycle_of(2025) == (2021, 2025) and Rules().cycle_of(2026) == (2026, 2030)
    assert Rules(cycle_start_year=2021, cycle_years=5).cycle_of(2020) == (2016, 2020)
    teacher = TeacherRowFactory(work_start_month="2005-09")
    approved_rows(
        teacher,
        [("research", "9", "9", 30, "2025-12-31"), ("research", "9", "9", 50, "2026-01-01")],
    )
    assert (_standing(teacher, 2021).hours, _standing(teacher, 2021).cycle_end) == (30, 2025)
    assert (_standing(teacher, 2026).hours, _standing(teacher, 2026).cycle_end) == (50, 2030)


def test_cycle_boundaries_over_http(client_for):
    teacher = TeacherRowFactory(work_start_month="2005-09")
    for date, hours in (("2025-12-31", 30), ("2026-01-01", 50)):
        approve(client_for, file_claim(client_for, teacher, date=date, hours=hours)["id"])
    body = client_for("demo-school-a").get(transcript_url(teacher)).json()
    assert [(c["date"], c["cycle"]) for c in body["claims"]] == [
        ("2025-12-31", "2021-2025"),
        ("2026-01-01", "2026-2030"),
    ]
    assert {c["cycle"]: c["counted"] for c in body["cycles"]} == {"2021-2025": 30, "2026-2030": 50}
    old = client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102&cycle=2021-2025").json()["organisation"]
    new = client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102&cycle=2026-2030").json()["organisation"]
    assert (old["hours"], new["hours"]) == (30, 50)


@pytest.mark.parametrize(
    ("work_start", "required"),
    [("2030-09", 120), ("2028-03", 264), ("2026-09", 360), ("2019-09", 360), ("", 360)],
)
def test_new_teacher_requirement(client_for, work_start, required):
    year = int(work_start[:4]) if work_start else None
    assert Rules().required_for(cycle_start=2026, work_start_year=year) == required
    teacher = TeacherRowFactory(work_start_month=work_start)
    assert _cycle(client_for, teacher, "2026-2030")["required"] == required  # no standing yet: the rules' figure
    approved_rows(teacher, [("research", "9", "9", 10, "2026-05-01")])
    assert _standing(teacher, 2026).required == required  # the standings' SQL says the same
    current = _cycle(client_for, teacher, "2026-2030")
    assert (current["required"], current["missing"], current["new_teacher"]) == (
        required,
        required - 10,
        year is not None and year >= 2026,
    )


def test_the_requirement_rounds_alike_in_python_and_in_sql(client_for):
    """362 h over 4 years, starting in 2028 (cycle 2026–2029): 120 + 362 × 1/4 = 210.5 → 211 in both."""
    assert set_rules(client_for, cycle_start_year=2026, cycle_years=4, required_hours=362).status_code == 200
    rules = rules_for("620000")
    assert rules.required_for(cycle_start=2026, work_start_year=2028) == 211
    teacher = TeacherRowFactory(work_start_month="2028-09")
    approved_rows(teacher, [("research", "9", "9", 10, "2026-05-01")])
    assert _standing(teacher, 2026).required == 211 and _standing(teacher, 2026).cycle_end == 2029


QUOTA = [{"levels": ["1", "2", "3", "4"], "min_share": 0.5}]


def test_quota_of_county_level_or_above(client_for):
    assert set_rules(client_for, quotas=QUOTA).status_code == 200
    school_only, mixed, short = (TeacherRowFactory(work_start_month="2005-09") for _ in range(3))
    approved_rows(
        school_only, [("school_based", "5", "4", 180, "2026-03-01"), ("school_based", "5", "4", 180, "2026-06-01")]
    )
    approved_rows(mixed, [("other", "4", "1", 180, "2026-03-01"), ("school_based", "5", "4", 180, "2026-06-01")])
    approved_rows(short, [("other", "4", "1", 179, "2026-03-01"), ("school_based", "5", "4", 200, "2026-06-01")])
    verdicts = {
        t.pk: (_standing(t, 2026).quotas_met, _standing(t, 2026).compliant) for t in (school_only, mixed, short)
    }
    assert verdicts == {school_only.pk: (False, False), mixed.pk: (True, True), short.pk: (False, False)}
    for teacher, met in ((school_only, False), (mixed, True), (short, False)):
        current = _cycle(client_for, teacher, "2026-2030")
        assert current["quotas"] == [
            {
                "levels": ["国家级", "省级", "地市级", "县级"],
                "required": 180,
                "earned": {school_only.pk: 0, mixed.pk: 180, short.pk: 179}[teacher.pk],
                "met": met,
            }
        ]
        assert (current["status"] == "compliant") is met


def test_transcript_and_standing_agree_on_a_fractional_quota(client_for):
    """0.3 × 264 (a teacher who started in 2028) = 79.2: 79 h of county training fall short in the standing, so the
    transcript must not call that quota met (nor ask for 79)."""
    assert set_rules(client_for, quotas=[{"levels": ["4"], "min_share": "0.3"}]).status_code == 200
    teacher = TeacherRowFactory(work_start_month="2028-09")
    approved_rows(teacher, [("other", "4", "1", 79, "2026-03-01"), ("school_based", "5", "4", 185, "2026-06-01")])
    standing = _standing(teacher, 2026)
    assert (standing.counted, standing.required, standing.quotas_met, standing.compliant) == (264, 264, False, False)
    quota = _cycle(client_for, teacher, "2026-2030")["quotas"][0]
    assert (quota["required"], quota["earned"], quota["met"]) == (80, 79, False)


def test_yearly_cap_per_kind(client_for):
    assert set_rules(client_for, yearly_caps={"self_study": 24}).status_code == 200
    one_year, two_years = TeacherRowFactory(), TeacherRowFactory()
    approved_rows(
        one_year,
        [
            ("self_study", "9", "9", 20, "2024-03-01"),
            ("self_study", "9", "9", 20, "2024-09-01"),
            ("research", "9", "9", 30, "2024-10-01"),  # another kind: uncapped
        ],
    )
    approved_rows(two_years, [("self_study", "9", "9", 40, "2024-03-01"), ("self_study", "9", "9", 40, "2025-03-01")])
    assert (_standing(one_year, 2021).hours, _standing(one_year, 2021).counted) == (70, 54)
    assert (_standing(two_years, 2021).hours, _standing(two_years, 2021).counted) == (80, 48)
    old = _cycle(client_for, two_years, "2021-2025")
    assert (old["hours"], old["counted"], old["missing"]) == (80, 48, 312)
    county = client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102&cycle=2021-2025").json()["organisation"]
    assert (county["hours"], county["counted"]) == (150, 102)


def test_credit_ratio_per_form(client_for):
    assert set_rules(client_for, credit_ratios={"2": 20}).status_code == 200
    rules = rules_for("620000")
    assert (rules.credits(40, "2"), rules.credits(40, "1"), rules.credits(15, "1")) == (
        Decimal("2.00"),
        Decimal("4.00"),
        Decimal("1.50"),
    )
    teacher = TeacherRowFactory()
    online = file_claim(client_for, teacher, kind="other", form="2", hours=40)
    face = file_claim(client_for, teacher, kind="other", form="1", hours=40)
    for claim in (online, face):
        approve(client_for, claim["id"])
    credits = {
        row["id"]: row["credits"] for row in client_for("demo-school-a").get(transcript_url(teacher)).json()["claims"]
    }
    assert credits == {online["id"]: "2.00", face["id"]: "4.00"}
    assert _cycle(client_for, teacher, "2026-2030")["credits"] == "6.00"
    assert Claim.objects.get(pk=online["id"]).record.training_credits == 2


def test_a_returned_claim_counts_nothing(client_for):
    teacher = TeacherRowFactory()
    kept = file_claim(client_for, teacher, hours=40)
    refused = file_claim(client_for, teacher, hours=100, title="另一课题")
    approve(client_for, kept["id"])
    decide(client_for, refused["id"], ["demo-school-a-reviewer"], action="return", reason="证明材料不全")
    assert Claim.objects.get(pk=refused["id"]).state == "returned"
    assert (_standing(teacher, 2026).hours, _standing(teacher, 2026).counted) == (40, 40)
    body = client_for("demo-school-a").get(transcript_url(teacher)).json()
    assert [c["id"] for c in body["claims"]] == [kept["id"]]
    # Rows of every state but approved are left out by the SQL too.
    other = TeacherRowFactory()
    approved_rows(other, [("research", "9", "9", 50, "2026-02-01")], state="returned")
    approved_rows(other, [("research", "9", "9", 50, "2026-02-01")], state="submitted")
    assert not Standing.objects.filter(teacher_id=other.pk).exists()


def test_each_change_is_a_new_version_and_recounts(client_for):
    teacher = TeacherRowFactory(work_start_month="2005-09")
    approved_rows(teacher, [("research", "9", "9", 300, "2026-02-01")])
    assert (_standing(teacher, 2026).required, _standing(teacher, 2026).compliant) == (360, False)
    assert client_for("demo-school-a").get(rules_url()).json()["version"] == 0

    first = set_rules(client_for, required_hours=240, note="本省选择240学时")
    assert first.status_code == 200, first.json()
    assert (first.json()["version"], first.json()["required_hours"], first.json()["province"]) == (1, 240, "620000")
    assert (_standing(teacher, 2026).required, _standing(teacher, 2026).compliant) == (240, True)
    county = client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102").json()
    assert (county["required_hours"], county["organisation"]["compliant"]) == (240, 1)

    second = set_rules(client_for, required_hours=360)
    assert second.json()["version"] == 2
    assert (_standing(teacher, 2026).required, _standing(teacher, 2026).compliant) == (360, False)
    assert client_for("demo-county-a").get(f"{COMPLIANCE}?org=620102").json()["organisation"]["compliant"] == 0
    history = client_for("demo-city").get(f"{rules_url()}history/").json()
    assert [(v["version"], v["required_hours"]) for v in history] == [(2, 360), (1, 240)]
    assert client_for("demo-school-a").get(rules_url()).json()["version"] == 2
    assert list(
        TrainingRules.objects.filter(province__code="620000").values_list("version", flat=True).order_by("version")
    ) == [1, 2]


def test_only_the_province_itself_sets_its_rules(client_for):
    refused = set_rules(client_for, login="demo-county-a", required_hours=240)
    assert refused.status_code == 403 and refused.json()["code"] == "not_own_organisation"
    assert set_rules(client_for, login="demo-province-bj", required_hours=240).status_code == 404
    assert client_for("demo-province-bj").get(rules_url()).status_code == 404
    assert set_rules(client_for, login="demo-school-a", required_hours=240).status_code == 403  # no training.manage
    assert not TrainingRules.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quotas": [{"levels": ["4"], "min_share": "1.5"}]}, "quotas.0.min_share"),
        ({"quotas": [{"levels": ["4"], "min_share": "0"}]}, "quotas.0.min_share"),
        ({"quotas": [{"levels": ["7"], "min_share": "0.5"}]}, "quotas.0.levels"),
        ({"quotas": [{"levels": [], "min_share": "0.5"}]}, "quotas.0.levels"),
        ({"yearly_caps": {"gardening": 10}}, "yearly_caps"),
        ({"yearly_caps": {"self_study": -1}}, "yearly_caps.self_study"),
        ({"credit_ratios": {"8": 10}}, "credit_ratios"),
        ({"credit_ratios": {"2": 0}}, "credit_ratios"),
        ({"hours_per_credit": "0"}, "hours_per_credit"),
    ],
)
def test_invalid_rules_are_refused_naming_the_field(client_for, change, field):
    refused = set_rules(client_for, **change)
    assert refused.status_code == 400, refused.json()
    assert field in refused.json()["errors"], refused.json()
    assert not TrainingRules.objects.exists()
