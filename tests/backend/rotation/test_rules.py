"""A province's rules (DOMAIN decision 7: the defaults are province-configurable): PUT /api/v1/rotation/rules/{code}/
by the province's own administrators makes the next version, which eligibility, the plans' checks and the tallies use
at once; nobody else sets them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories.orgs import SchoolFactory
from tmis.rotation.models import EligibilityTally, RotationRules
from tmis.rotation.rules import Rules

from .support import ELIGIBLE, rules_url, teacher_at, teaching

pytestmark = pytest.mark.django_db

DEFAULT_BODY = {
    "min_years": 6,
    "retirement_window_years": 5,
    "retirement_age_male": 60,
    "retirement_age_female": 55,
    "target_share": "0.100",
    "backbone_share": "0.200",
    "stages": ["2", "3", "5"],
    "note": "",
}


def put_rules(client_for, login: str = "demo-province", province: str = "620000", **overrides):
    return client_for(login).put(rules_url(province), DEFAULT_BODY | overrides, format="json")


def reasons(client_for, school, year: int = 2026) -> dict[str, str]:
    body = client_for("demo-county-a").get(f"{ELIGIBLE}?org={school.code}&year={year}").json()
    return {row["name"]: row["reason"] for row in body["results"]}


def test_the_defaults_are_the_national_ones():
    assert Rules().latest_entry_month(2026) == "2020-09"
    assert Rules().born_before_is_near_retirement(2026, "1") == dt.date(1971, 9, 1)
    assert Rules().born_before_is_near_retirement(2026, "2") == dt.date(1976, 9, 1)


def test_the_province_changes_its_rules_and_eligibility_follows(client_for):
    school = SchoolFactory()
    teacher_at(school, name="五年", school_entry_month="2021-09")
    teacher_at(school, name="五年差一月", school_entry_month="2021-10")
    teacher_at(school, name="男六十二", birth_date=dt.date(1969, 9, 1))  # retires 2029-09-01
    teacher_at(school, name="男六十二差一天", birth_date=dt.date(1969, 8, 31))
    senior = teacher_at(school, name="教高中")
    teaching(senior, ["4"])
    before = reasons(client_for, school)
    assert before == {
        "五年": "too_few_years",
        "五年差一月": "too_few_years",
        "男六十二": "near_retirement",
        "男六十二差一天": "near_retirement",
        "教高中": "not_compulsory",
    }
    assert client_for("demo-province").get(rules_url()).json()["version"] == 0

    changed = put_rules(
        client_for, min_years=5, retirement_window_years=3, target_share="0.150", stages=["2", "3", "4", "5"]
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["version"] == 1 and changed.json()["min_years"] == 5
    assert reasons(client_for, school) == {
        "五年": "",
        "五年差一月": "too_few_years",
        "男六十二": "",
        "男六十二差一天": "near_retirement",
        "教高中": "",
    }
    read = client_for("demo-county-a").get(rules_url()).json()
    assert (read["version"], read["min_years"], Decimal(read["target_share"])) == (1, 5, Decimal("0.15"))
    # The tallies the targets read were counted again by the new rules (the job runs inline in tests).
    tally = EligibilityTally.objects.get(school_id=school.pk, year=2026)
    assert (tally.teachers, tally.eligible) == (5, 3)

    assert put_rules(client_for, min_years=8).json()["version"] == 2
    assert reasons(client_for, school)["五年"] == "too_few_years"
    assert list(RotationRules.objects.filter(province__code="620000").values_list("version", flat=True)) == [1, 2]
    # Another province keeps the national defaults.
    assert client_for("demo-province-bj").get(rules_url("110000")).json() | {"province_name": ""} == DEFAULT_BODY | {
        "version": 0,
        "province": "110000",
        "province_name": "",
    }


@pytest.mark.parametrize(
    ("login", "status"),
    [
        ("demo-province-bj", 404),  # another province: not in its scope
        ("demo-county-bj", 404),
        ("demo-city", 403),  # a level below the province
        ("demo-county-a-admin", 403),
        ("demo-school-a", 403),  # no rotation.manage at all
        ("demo-central", 403),  # the ministry does not set a province's rules
    ],
)
def test_only_the_province_itself_sets_its_rules(client_for, login, status):
    refused = put_rules(client_for, login=login, min_years=3)
    assert refused.status_code == status, refused.json()
    assert not RotationRules.objects.filter(province__code="620000").exists()
    assert client_for("demo-province").get(rules_url()).json()["min_years"] == 6


def test_rules_are_checked(client_for):
    assert put_rules(client_for, stages=["9"]).status_code == 400  # not a 任教学段 code
    assert put_rules(client_for, stages=[]).status_code == 400
    assert put_rules(client_for, min_years=0).status_code == 400
    assert put_rules(client_for, target_share="1.5").status_code == 400
    assert client_for("demo-province").put(rules_url("620100"), DEFAULT_BODY, format="json").status_code == 404
    assert not RotationRules.objects.exists()
