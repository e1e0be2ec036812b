"""Work plans through the HTTP stack: filed by a province (or a 部属高校) administrator, visible upwards and downwards
in the tree but never sideways, changed only by the owning organisation, every write audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories.workplans import MilestoneFactory, WorkPlanFactory
from tmis.audit.models import AccessLog
from tmis.orgs.models import Organisation
from tmis.workplans.models import Milestone, WorkPlan

pytestmark = pytest.mark.django_db
PLANS = "/api/v1/work-plans/"


def _body(year: int = 2026, **extra):
    return {"year": year, "title": "甘肃省部署工作方案", "description": "分三阶段", **extra}


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_province_admin_files_the_plan_and_it_is_audited(client_for):
    response = client_for("demo-province").post(PLANS, _body(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organisation"]["code"] == "620000" and body["year"] == 2026 and body["editable"] is True
    assert body["milestones"] == [] and response["ETag"] == body["etag"]
    event = AccessLog.objects.get(action="workplan.create", subject_id=str(body["id"]))
    assert event.username == "demo-province" and event.detail["org"] == "620000"


def test_one_plan_per_organisation_and_year(client_for):
    client = client_for("demo-province")
    assert client.post(PLANS, _body(), format="json").status_code == 201
    again = client.post(PLANS, _body(), format="json")
    assert again.status_code == 409 and again.json()["code"] == "plan_exists"


@pytest.mark.parametrize(
    ("login", "status", "code"),
    [
        ("demo-county-a", 403, "level_not_allowed"),  # a county's administrator: plans are the province's
        ("demo-city", 403, "level_not_allowed"),
        ("demo-school-a", 403, "permission_denied"),  # a filler: no workplans.manage
        ("demo-central", 403, "level_not_allowed"),
    ],
)
def test_only_provinces_and_central_universities_file_plans(client_for, login, status, code):
    response = client_for(login).post(PLANS, _body(), format="json")
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not WorkPlan.objects.exists()


def test_a_central_university_files_its_own_plan_seen_by_the_ministry_only(client_for, university):
    _school, admin = university
    response = client_for(admin).post(PLANS, _body(), format="json")
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    assert plan_id in _ids(client_for("demo-central").get(PLANS))
    assert plan_id not in _ids(client_for("demo-province").get(PLANS))


def test_visible_upwards_and_downwards_never_sideways(client_for):
    gansu = WorkPlanFactory()
    beijing = WorkPlanFactory(organisation=Organisation.objects.get(code="110000"))
    assert _ids(client_for("demo-central").get(PLANS)) >= {gansu.pk, beijing.pk}
    assert _ids(client_for("demo-province").get(PLANS)) == {gansu.pk}
    assert _ids(client_for("demo-county-a").get(PLANS)) == {gansu.pk}  # its province's plan, read-only
    assert _ids(client_for("demo-school-a").get(PLANS)) == {gansu.pk}
    assert _ids(client_for("demo-province-bj").get(PLANS)) == {beijing.pk}
    city = client_for("demo-city").get(f"{PLANS}{gansu.pk}/")
    assert city.status_code == 200 and city.json()["editable"] is False
    other = client_for("demo-province-bj")
    assert other.get(f"{PLANS}{gansu.pk}/").status_code == 404
    assert other.get(f"{PLANS}{gansu.pk}/milestones/").status_code == 404
    assert other.patch(f"{PLANS}{gansu.pk}/", {"title": "越权"}, format="json", HTTP_IF_MATCH="*").status_code == 404
    assert other.delete(f"{PLANS}{gansu.pk}/", HTTP_IF_MATCH="*").status_code == 404
    probe = other.post(f"{PLANS}{gansu.pk}/milestones/", {"title": "x", "due_date": "2030-06-01"}, format="json")
    assert probe.status_code == 404
    assert not Milestone.objects.exists() and WorkPlan.objects.get(pk=gansu.pk).title == gansu.title


def test_the_levels_above_and_below_read_but_do_not_change(client_for):
    plan = WorkPlanFactory()
    milestone = MilestoneFactory(plan=plan)
    for login in ("demo-central", "demo-city", "demo-county-a"):
        client = client_for(login)
        patch = client.patch(f"{PLANS}{plan.pk}/", {"title": "改"}, format="json", HTTP_IF_MATCH="*")
        assert patch.status_code == 403 and patch.json()["code"] == "not_own_organisation", login
        done = client.patch(f"{PLANS}{plan.pk}/milestones/{milestone.pk}/", {"done_date": "2026-01-02"}, format="json")
        assert done.status_code == 403, login  # 403 before the If-Match check
        assert client.delete(f"{PLANS}{plan.pk}/", HTTP_IF_MATCH="*").status_code == 403
    assert client_for("demo-school-a").delete(f"{PLANS}{plan.pk}/", HTTP_IF_MATCH="*").status_code == 403
    plan.refresh_from_db()
    milestone.refresh_from_db()
    assert plan.title != "改" and milestone.done_date is None


def test_changes_need_the_current_etag(client_for):
    plan = WorkPlanFactory()
    client = client_for("demo-province")
    url = f"{PLANS}{plan.pk}/"
    assert client.patch(url, {"title": "新"}, format="json").status_code == 428
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "新"}, format="json", HTTP_IF_MATCH='"0-t0"').status_code == 412
    ok = client.patch(url, {"title": "新标题", "year": 2027}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200, ok.content
    assert ok.json()["title"] == "新标题" and ok.json()["year"] == 2027 and ok["ETag"] != etag
    event = AccessLog.objects.get(action="workplan.update")
    assert sorted(event.detail["fields"]) == ["title", "year"]


def test_deleting_a_plan_takes_its_milestones(client_for):
    plan = WorkPlanFactory()
    MilestoneFactory.create_batch(2, plan=plan)
    client = client_for("demo-province")
    response = client.delete(f"{PLANS}{plan.pk}/", HTTP_IF_MATCH=client.get(f"{PLANS}{plan.pk}/")["ETag"])
    assert response.status_code == 204
    assert not Milestone.objects.exists()
    assert AccessLog.objects.filter(action="workplan.delete", subject_id=str(plan.pk)).exists()


def test_milestones_added_marked_done_and_counted(client_for):
    today = timezone.localdate()
    plan = WorkPlanFactory(year=today.year)
    client = client_for("demo-province")
    url = f"{PLANS}{plan.pk}/milestones/"
    rows = [
        ("due yesterday", today - dt.timedelta(days=1)),
        ("due today", today),
        ("due tomorrow", today + dt.timedelta(days=1)),
    ]
    made = {}
    for order, (title, due) in enumerate(rows):
        response = client.post(
            url, {"title": title, "due_date": due.isoformat(), "owner": "信息中心", "sort_order": order}, format="json"
        )
        assert response.status_code == 201, response.content
        made[title] = response.json()
    assert made["due yesterday"]["overdue"] is True and made["due yesterday"]["days_overdue"] == 1
    assert made["due today"]["overdue"] is False  # the boundary: due today is not overdue
    assert made["due today"]["days_overdue"] is None
    assert made["due tomorrow"]["overdue"] is False
    detail = client.get(f"{PLANS}{plan.pk}/").json()
    assert [m["title"] for m in detail["milestones"]] == [r[0] for r in rows]
    assert (detail["milestones_total"], detail["milestones_done"], detail["milestones_overdue"]) == (3, 0, 1)

    late = made["due yesterday"]
    done = client.patch(
        f"{url}{late['id']}/", {"done_date": today.isoformat()}, format="json", HTTP_IF_MATCH=late["etag"]
    )
    assert done.status_code == 200, done.content
    assert done.json()["done_date"] == today.isoformat() and done.json()["overdue"] is False
    listed = client.get(PLANS).json()["results"][0]
    assert (listed["milestones_done"], listed["milestones_overdue"]) == (1, 0)
    event = AccessLog.objects.get(action="milestone.update", subject_id=str(late["id"]))
    assert event.detail["done_date"] == today.isoformat() and event.username == "demo-province"
    gone = client.delete(f"{url}{late['id']}/", HTTP_IF_MATCH=done.json()["etag"])
    assert gone.status_code == 204 and AccessLog.objects.filter(action="milestone.delete").exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"title": "x", "due_date": "2026-13-45"}, "due_date", "invalid"),
        ({"title": "x", "due_date": "next week"}, "due_date", "invalid"),
        ({"title": "x"}, "due_date", "required"),
        ({"title": "", "due_date": "2026-06-01"}, "title", "blank"),
        ({"title": "x", "due_date": "1999-06-01"}, "due_date", "out_of_range"),
        ({"title": "x", "due_date": "2026-06-01", "done_date": "2099-01-01"}, "done_date", "in_future"),
        ({"title": "x", "due_date": "2026-06-01", "done_date": "2024-12-31"}, "done_date", "before_plan"),
        ({"title": "x", "due_date": "2026-06-01", "done_date": "2026-02-30"}, "done_date", "invalid"),
        ({"title": "x", "due_date": "2026-06-01", "sort_order": -1}, "sort_order", "min_value"),
    ],
)
def test_bad_milestones_are_refused_naming_the_field(client_for, body, field, code):
    plan = WorkPlanFactory(year=2026)
    response = client_for("demo-province").post(f"{PLANS}{plan.pk}/milestones/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][field][0]["code"] == code
    assert not Milestone.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"year": 1999, "title": "x"}, "year", "min_value"),
        ({"year": "二〇二六", "title": "x"}, "year", "invalid"),
        ({"year": 2026, "title": ""}, "title", "blank"),
        ({"year": 2026, "title": "x" * 201}, "title", "max_length"),
    ],
)
def test_bad_plans_are_refused_naming_the_field(client_for, body, field, code):
    response = client_for("demo-province").post(PLANS, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][field][0]["code"] == code


def test_filters_and_bad_ids(client_for):
    plan = WorkPlanFactory(year=2031)
    WorkPlanFactory(year=2032)
    client = client_for("demo-central")
    assert _ids(client.get(PLANS, {"year": 2031})) == {plan.pk}
    assert _ids(client.get(PLANS, {"org": "110000"})) == set()
    assert client.get(f"{PLANS}abc/").status_code == 400
    assert client.get(f"{PLANS}99999999/").status_code == 404
    assert client.get(f"{PLANS}{plan.pk}/milestones/99999999/").status_code == 404
