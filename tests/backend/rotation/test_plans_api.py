"""The plan API's refusals: scope (another county sees nothing), who makes a plan, which teachers and schools an
assignment may name, the plan's state, one plan a county a year — and the archive's 交流轮岗 group is the module's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tmis.rotation.models import Assignment, Plan
from tmis.teachers.models.groups import RotationRecord

from .support import (
    ASSIGNMENTS,
    JUNIOR_A,
    KINDERGARTEN_A,
    MAKER,
    PLANS,
    SCHOOL_A,
    SCHOOL_B,
    add,
    error_code,
    make_plan,
    plan_year,
    submit_and_approve,
    teacher_at,
)

pytestmark = pytest.mark.django_db


def test_a_county_makes_its_plan_and_lists_it(client_for):
    plan = make_plan(client_for)
    assert (plan["county"]["code"], plan["year"], plan["state"], plan["assignment_count"]) == (
        "620102",
        plan_year(),
        "draft",
        0,
    )
    teacher = teacher_at(JUNIOR_A, backbone_teacher=True)
    assert add(client_for, plan["id"], teacher).status_code == 201
    for login in (MAKER, "demo-county-a", "demo-city", "demo-province"):
        listed = client_for(login).get(PLANS).json()["results"]
        assert [(p["id"], p["assignment_count"], p["backbone_count"]) for p in listed] == [(plan["id"], 1, 1)], login
    rows = client_for("demo-city").get(f"{PLANS}{plan['id']}/assignments/").json()
    assert [(r["teacher"], r["backbone"], r["to_school"]["code"]) for r in rows] == [(teacher.pk, True, SCHOOL_A)]


def test_another_county_neither_sees_nor_changes_the_plan(client_for):
    plan = make_plan(client_for)
    teacher = teacher_at(JUNIOR_A)
    added = add(client_for, plan["id"], teacher).json()
    other = client_for("demo-county-b")
    url = f"{PLANS}{plan['id']}/"
    assert other.get(url).status_code == 404
    assert other.get(f"{url}assignments/").status_code == 404
    assert other.patch(url, {"note": "x"}, format="json").status_code == 404
    assert other.delete(url).status_code == 404
    assert other.post(f"{url}submit/").status_code == 404
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A), login="demo-county-b").status_code == 404
    assert other.get(f"{ASSIGNMENTS}{added['id']}/").status_code == 404
    assert other.patch(f"{ASSIGNMENTS}{added['id']}/", {"end_date": "2028-07-01"}, format="json").status_code == 404
    assert other.delete(f"{ASSIGNMENTS}{added['id']}/").status_code == 404
    assert other.get(PLANS).json()["results"] == [] and other.get(ASSIGNMENTS).json()["results"] == []
    # A school outside both of the assignment's schools sees nothing either.
    assert client_for("demo-school-b").get(f"{ASSIGNMENTS}{added['id']}/").status_code == 404
    assert (
        Plan.objects.get(pk=plan["id"]).state == "draft" and Assignment.objects.filter(plan_id=plan["id"]).count() == 1
    )


@pytest.mark.parametrize("login", ["demo-school-a", "demo-school-a-reviewer", "demo-county-a-admin"])
def test_who_makes_a_plan(client_for, login):
    made = client_for(login).post(PLANS, {"year": plan_year()}, format="json")
    if login == "demo-county-a-admin":
        assert made.status_code == 201
    else:
        assert made.status_code == 403, made.json()
        assert not Plan.objects.exists()


@pytest.mark.parametrize("login", ["demo-city", "demo-province"])
def test_a_level_above_the_county_makes_no_plan(client_for, login):
    made = client_for(login).post(PLANS, {"year": plan_year()}, format="json")
    assert made.status_code == 403 and made.json()["code"] == "not_a_county"


def test_a_teacher_not_eligible_is_refused_with_the_reason(client_for):
    plan = make_plan(client_for)
    newcomer = teacher_at(JUNIOR_A, name="新来的", school_entry_month=f"{plan_year() - 2}-09")
    refused = add(client_for, plan["id"], newcomer)
    assert refused.status_code == 400
    assert error_code(refused, "teacher") == "not_eligible"
    message = refused.json()["errors"]["teacher"][0]["message"]
    assert "新来的" in message and f"{plan_year() - 2}-09" in message  # names who and why
    in_kindergarten = teacher_at(KINDERGARTEN_A, name="幼儿园老师")
    refused = add(client_for, plan["id"], in_kindergarten)
    assert (
        error_code(refused, "teacher") == "not_eligible"
        and "幼儿园老师" in refused.json()["errors"]["teacher"][0]["message"]
    )
    on_leave = teacher_at(JUNIOR_A, personnel_status="203")
    assert error_code(add(client_for, plan["id"], on_leave), "teacher") == "not_eligible"
    elsewhere = teacher_at(SCHOOL_B)  # 七里河区
    assert error_code(add(client_for, plan["id"], elsewhere), "teacher") == "not_found"
    assert not Assignment.objects.exists()


def test_the_assignment_is_checked(client_for):
    plan = make_plan(client_for)
    teacher = teacher_at(JUNIOR_A)
    year = plan_year()
    cases = [
        ({"to_school": SCHOOL_B}, "to_school"),  # 七里河区: outside the county
        ({"to_school": "620102"}, "to_school"),  # the county itself is no school
        ({"to_school": JUNIOR_A}, "to_school"),  # the teacher's own school
        ({"end_date": f"{year}-08-31"}, "end_date"),  # before the start
        ({"end_date": f"{year}-09-01"}, "end_date"),  # the same day
        ({"start_date": f"{year + 2}-09-01", "end_date": f"{year + 3}-07-01"}, "start_date"),  # not this plan's
        ({"start_date": f"{year - 1}-09-01"}, "start_date"),
        ({"rotation_type": "0"}, "rotation_type"),  # 无
        ({"rotation_type": "77"}, "rotation_type"),
    ]
    for body, field in cases:
        refused = add(client_for, plan["id"], teacher, **body)
        assert refused.status_code == 400, (body, refused.json())
        assert field in refused.json()["errors"], (body, refused.json())
    assert not Assignment.objects.exists()
    assert add(client_for, plan["id"], teacher).status_code == 201
    again = add(client_for, plan["id"], teacher, to_school="2162010201")
    assert again.status_code == 409 and again.json()["code"] == "already_in_plan"
    assert Assignment.objects.count() == 1


def test_a_teacher_on_another_approved_plan_is_refused(client_for):
    teacher = teacher_at(JUNIOR_A)
    this_year = timezone.localdate().year
    first = make_plan(client_for, year=this_year)
    assert (
        add(
            client_for, first["id"], teacher, start_date=f"{this_year + 1}-02-01", end_date=f"{this_year + 1}-07-01"
        ).status_code
        == 201
    )
    submit_and_approve(client_for, first["id"])
    second = make_plan(client_for)
    refused = add(client_for, second["id"], teacher)
    assert refused.status_code == 409 and refused.json()["code"] == "already_assigned"


def test_an_approved_plan_is_not_edited(client_for):
    plan = make_plan(client_for)
    added = add(client_for, plan["id"], teacher_at(JUNIOR_A)).json()
    submit_and_approve(client_for, plan["id"])
    admin = client_for(MAKER)
    refusals = [
        add(client_for, plan["id"], teacher_at(JUNIOR_A)),
        admin.patch(f"{PLANS}{plan['id']}/", {"note": "改"}, format="json"),
        admin.patch(f"{ASSIGNMENTS}{added['id']}/", {"end_date": f"{plan_year() + 1}-06-30"}, format="json"),
        admin.delete(f"{ASSIGNMENTS}{added['id']}/"),
        admin.delete(f"{PLANS}{plan['id']}/"),
        admin.post(f"{PLANS}{plan['id']}/submit/"),
    ]
    for refused in refusals:
        assert refused.status_code == 409 and refused.json()["code"] == "plan_not_editable", refused.json()
    assert Assignment.objects.get(pk=added["id"]).end_date == dt.date(plan_year() + 1, 7, 10)
    assert Assignment.objects.filter(plan_id=plan["id"]).count() == 1


def test_a_draft_is_edited_and_deleted(client_for):
    plan = make_plan(client_for)
    added = add(client_for, plan["id"], teacher_at(JUNIOR_A)).json()
    admin = client_for(MAKER)
    changed = admin.patch(f"{ASSIGNMENTS}{added['id']}/", {"end_date": f"{plan_year() + 1}-06-30"}, format="json")
    assert changed.status_code == 200 and changed.json()["end_date"] == f"{plan_year() + 1}-06-30"
    bad = admin.patch(f"{ASSIGNMENTS}{added['id']}/", {"end_date": f"{plan_year()}-01-01"}, format="json")
    assert bad.status_code == 400 and "end_date" in bad.json()["errors"]
    assert admin.delete(f"{ASSIGNMENTS}{added['id']}/").status_code == 204
    assert admin.delete(f"{PLANS}{plan['id']}/").status_code == 204
    assert not Plan.objects.exists()


def test_an_empty_plan_is_not_submitted(client_for):
    plan = make_plan(client_for)
    refused = client_for(MAKER).post(f"{PLANS}{plan['id']}/submit/")
    assert refused.status_code == 400 and refused.json()["code"] == "plan_empty"
    assert Plan.objects.get(pk=plan["id"]).state == "draft"


def test_the_plan_year_is_in_range_and_one_a_year(client_for):
    this_year = timezone.localdate().year
    admin = client_for(MAKER)
    for year in (this_year - 2, this_year + 3, 1999):
        refused = admin.post(PLANS, {"year": year}, format="json")
        assert refused.status_code == 400 and "year" in refused.json()["errors"], year
    first = make_plan(client_for, year=this_year)
    again = admin.post(PLANS, {"year": this_year}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "plan_exists"
    assert str(first["id"]) in again.json()["message"]
    assert make_plan(client_for, year=this_year + 1)["year"] == this_year + 1  # another year is another plan
    assert make_plan(client_for, year=this_year, login="demo-county-b")["county"]["code"] == "620103"
    assert Plan.objects.count() == 3


def test_nobody_writes_the_rotation_group_through_the_archive(client_for):
    teacher = teacher_at(SCHOOL_A, record_state="draft", ever_approved=False)
    filler = client_for("demo-school-a")
    body = {"rotation_type": "1", "rotation_start_month": "2025-09", "rotation_unit": "某校"}
    refused = filler.post(f"/api/v1/teachers/{teacher.pk}/rotation/", body, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "group_owned"
    record = RotationRecord.objects.create(
        teacher=teacher, province_code=teacher.province_code, rotation_type="1", rotation_start_month="2025-09"
    )
    url = f"/api/v1/teachers/{teacher.pk}/rotation/{record.pk}/"
    etag = filler.get(url)["ETag"]
    changed = filler.patch(url, {"rotation_unit": "别校"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 409 and changed.json()["code"] == "group_owned"
    removed = filler.delete(url, HTTP_IF_MATCH=etag)
    assert removed.status_code == 409 and removed.json()["code"] == "group_owned"
    assert RotationRecord.objects.filter(teacher=teacher).count() == 1
