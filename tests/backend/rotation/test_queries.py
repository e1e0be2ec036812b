"""The lists cost a fixed number of queries whatever their length: one more plan or assignment adds no query (an N+1
in a serializer fails here)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tmis.accounts.models import User
from tmis.orgs.models import Level, Organisation
from tmis.rotation.models import Assignment, Plan

from .support import ASSIGNMENTS, PLANS, teacher_at

pytestmark = pytest.mark.django_db

#: Authentication and scope (about 4) and the page itself; a list of 30 rows with a query per row would be ≥ 30.
MOST = 10


def _plans(counties: list[Organisation], years: range) -> list[Plan]:
    maker = User.objects.get(username="demo-county-a-admin")
    return [
        Plan.objects.create(county=county, org_path=county.path, year=year, created_by=maker)
        for county in counties
        for year in years
    ]


def _assignments(plan: Plan, count: int) -> None:
    schools = list(Organisation.objects.filter(parent=plan.county, level=Level.SCHOOL).order_by("code")[:2])
    for index in range(count):
        source, target = schools[index % 2], schools[(index + 1) % 2]
        teacher = teacher_at(source, backbone_teacher=index % 3 == 0)
        Assignment.objects.create(
            plan=plan, teacher=teacher, from_school=source, from_path=source.path, to_school=target,
            to_path=target.path, rotation_type=str(1 + index % 4), transfers_relation=index % 5 == 0,
            flow_category="2", backbone=index % 3 == 0, start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2027, 7, 1), state=["planned", "started", "completed"][index % 3],
            created_by=plan.created_by,
        )  # fmt: skip


def _count(client, url: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200, answer.json()
    return len(queries), answer.json()


def test_the_plans_list_costs_the_same_for_2_or_30_plans(client_for, django_assert_max_num_queries):
    counties = list(Organisation.objects.filter(level=Level.COUNTY, code__startswith="62").order_by("code")[:10])
    client = client_for("demo-province")
    client.get(PLANS)  # the login's first request reads its user once
    first = _plans(counties[:2], range(2025, 2026))
    _assignments(first[0], 3)
    few, body = _count(client, f"{PLANS}?page_size=50")
    assert len(body["results"]) == 2
    _plans(counties[2:], range(2025, 2026))
    _plans(counties, range(2026, 2028))
    with django_assert_max_num_queries(MOST):
        many, body = _count(client, f"{PLANS}?page_size=50")
    assert len(body["results"]) == 30 and many == few
    assert {(p["county"]["code"], p["assignment_count"]) for p in body["results"] if p["assignment_count"]} == {
        (counties[0].code, 3)
    }


def test_the_assignment_lists_cost_the_same_for_2_or_30_assignments(client_for, django_assert_max_num_queries):
    county = Organisation.objects.get(code="620102")
    [plan] = _plans([county], range(2026, 2027))
    _assignments(plan, 2)
    client = client_for("demo-county-a")
    client.get(PLANS)
    client.get(f"{PLANS}{plan.pk}/assignments/")  # the code tables' names are read once, then cached
    few_nested, rows = _count(client, f"{PLANS}{plan.pk}/assignments/")
    few_flat, page = _count(client, f"{ASSIGNMENTS}?page_size=50")
    assert len(rows) == 2 and len(page["results"]) == 2
    _assignments(plan, 28)
    with django_assert_max_num_queries(MOST):
        many_nested, rows = _count(client, f"{PLANS}{plan.pk}/assignments/")
    with django_assert_max_num_queries(MOST):
        many_flat, page = _count(client, f"{ASSIGNMENTS}?page_size=50")
    assert len(rows) == 30 and len(page["results"]) == 30
    assert (many_nested, many_flat) == (few_nested, few_flat)
    assert all(row["rotation_type_name"] and row["teacher_name"] and row["county_name"] for row in rows)
