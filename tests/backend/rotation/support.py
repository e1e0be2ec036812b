"""Helpers of the exchange-rotation tests: archives written as rows with the indicators eligibility reads, plans made,
filled, submitted and decided over HTTP, and an independent (Python) judge of eligibility for brute-force recounts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tests.factories.teachers import TeacherRowFactory
from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher
from tmis.teachers.models.groups import TeachingRecord

PLANS = "/api/v1/rotation/plans/"
ASSIGNMENTS = "/api/v1/rotation/assignments/"
ELIGIBLE = "/api/v1/rotation/eligible/"
TARGETS = "/api/v1/rotation/targets/"
REVIEWS = "/api/v1/reviews/"

COUNTY_A, COUNTY_B = "620102", "620103"
#: 城关区: 第一实验小学 (demo-school-a's), 育才初级中学 (no login), 阳光幼儿园, 第二高级中学.
SCHOOL_A, JUNIOR_A, KINDERGARTEN_A, SENIOR_A = "2162010201", "3162010202", "1162010203", "3462010204"
#: 七里河区: 建兰路小学 (demo-school-b's).
SCHOOL_B = "2162010301"
MAKER, COUNTY_REVIEWER, CITY_REVIEWER = "demo-county-a-admin", "demo-county-a", "demo-city-reviewer"


def plan_year() -> int:
    """A plan year whose 1 September is always ahead of today (so nothing starts on approval) and that a county may
    plan (this year - 1 … this year + 2)."""
    return timezone.localdate().year + 1


def rules_url(province: str = "620000") -> str:
    return f"/api/v1/rotation/rules/{province}/"


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


def teacher_at(school: str | Organisation = JUNIOR_A, **fields: Any) -> Teacher:
    """A current archive, eligible under the national defaults for any year up to 2035 unless `fields` say
    otherwise: 进本校年月 2012-09, a man born 1982, serving (100), approved."""
    school = org(school) if isinstance(school, str) else school
    values: dict[str, Any] = {
        "school": school,
        "gender": "1",
        "birth_date": dt.date(1982, 5, 1),
        "school_entry_month": "2012-09",
        "personnel_status": "100",
        "record_state": "approved",
        "ever_approved": True,
    }
    return TeacherRowFactory(**(values | fields))


def teaching(teacher: Teacher, stages: list[str], year: int | None = 2025) -> TeachingRecord:
    """A 教育教学 record with its 任教学段."""
    return TeachingRecord.objects.create(
        teacher=teacher, province_code=teacher.province_code, teaching_year=year, teaching_stages=stages
    )


def make_plan(client_for, year: int | None = None, login: str = MAKER) -> dict:
    made = client_for(login).post(PLANS, {"year": year or plan_year(), "note": "县域交流轮岗"}, format="json")
    assert made.status_code == 201, made.json()
    return made.json()


def assignment_body(teacher: Teacher, **more: Any) -> dict[str, Any]:
    year = plan_year()
    return {
        "teacher": teacher.pk,
        "to_school": SCHOOL_A,
        "rotation_type": "1",
        "transfers_relation": False,
        "start_date": f"{year}-09-01",
        "end_date": f"{year + 1}-07-10",
    } | more


def add(client_for, plan_id: int, teacher: Teacher, login: str = MAKER, **more: Any):
    return client_for(login).post(f"{PLANS}{plan_id}/assignments/", assignment_body(teacher, **more), format="json")


def submit_and_approve(client_for, plan_id: int, reviewers: Iterable[str] = (COUNTY_REVIEWER, CITY_REVIEWER)) -> int:
    submitted = client_for(MAKER).post(f"{PLANS}{plan_id}/submit/")
    assert submitted.status_code == 201, submitted.json()
    submission = submitted.json()["id"]
    for login in reviewers:
        decided = client_for(login).post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200, (login, decided.json())
    return submission


def error_code(response, field: str) -> str:
    body = response.json()
    assert field in body.get("errors", {}), body
    return body["errors"][field][0]["code"]


# --- An independent judge (DOMAIN decision 7), for brute-force recounts -------------------------------------------

COMPULSORY_STAGES = {"2", "3", "5"}
COMPULSORY_SCHOOL_TYPES = {"211", "218", "219", "311", "312", "319", "321", "329", "341", "345"}


def _minus_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)


def judge(teacher: Teacher, latest_stages: list[str] | None, year: int, **rules: Any) -> str:
    """'' when eligible, else the first reason, written from the decision's words (not from the SQL)."""
    min_years = rules.get("min_years", 6)
    window = rules.get("retirement_window_years", 5)
    ages = {"1": rules.get("retirement_age_male", 60), "2": rules.get("retirement_age_female", 55)}
    reference = dt.date(year, 9, 1)
    if latest_stages:
        compulsory = bool(set(latest_stages) & set(rules.get("stages", COMPULSORY_STAGES)))
    else:
        compulsory = teacher.school.school_type in COMPULSORY_SCHOOL_TYPES
    if not compulsory:
        return "not_compulsory"
    if teacher.personnel_status not in ("100", "205"):
        return "away"
    if not teacher.school_entry_month:
        return "no_entry_month"
    entry_year, entry_month = map(int, teacher.school_entry_month.split("-"))
    if (reference.year - entry_year) * 12 + (reference.month - entry_month) < 12 * min_years:
        return "too_few_years"
    retires = teacher.birth_date.replace(year=teacher.birth_date.year + ages.get(teacher.gender, ages["1"]))
    if retires < _minus_years(reference, -window):
        return "near_retirement"
    return ""


def latest_stages_of(teacher_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each teacher's 任教学段 of the latest 教育教学 record (by 年度)."""
    latest: dict[int, tuple[int, list[str]]] = {}
    for row in TeachingRecord.objects.filter(teacher_id__in=list(teacher_ids)).order_by("teacher_id", "id"):
        year = row.teaching_year or 0
        if row.teacher_id not in latest or year >= latest[row.teacher_id][0]:
            latest[row.teacher_id] = (year, list(row.teaching_stages))
    return {teacher_id: stages for teacher_id, (_year, stages) in latest.items()}


def targets_of(eligible: int, share: Decimal = Decimal("0.10"), backbone: Decimal = Decimal("0.20")) -> tuple[int, int]:
    """≥ 10 % of the eligible and ≥ 20 % of those, as whole teachers (rounded up), with exact decimals."""
    total = math.ceil(Decimal(eligible) * share)
    return total, math.ceil(Decimal(total) * backbone)
