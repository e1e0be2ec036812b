"""A plan as a subject of the review engine (kind `rotation_plan`, county → city): what its reviewers read, a returned
or withdrawn plan edited and submitted again, and what the plan's assignments show in the eligibility list and the
flows once approved."""

from __future__ import annotations

import pytest

from tests.factories.orgs import SchoolFactory

from .support import (
    CITY_REVIEWER,
    COUNTY_REVIEWER,
    ELIGIBLE,
    JUNIOR_A,
    MAKER,
    PLANS,
    REVIEWS,
    SCHOOL_A,
    add,
    make_plan,
    org,
    plan_year,
    submit_and_approve,
    teacher_at,
)

pytestmark = pytest.mark.django_db


def test_the_reviewers_read_the_plan_with_its_figures_and_names(client_for):
    plan = make_plan(client_for)
    teacher = teacher_at(JUNIOR_A, name="审阅钱老师", backbone_teacher=True)
    assert add(client_for, plan["id"], teacher, rotation_type="3").status_code == 201
    submitted = client_for(MAKER).post(f"{PLANS}{plan['id']}/submit/").json()
    assert submitted["kind"] == "rotation_plan" and submitted["step_levels"] == ["county", "city"]
    for login in (COUNTY_REVIEWER, CITY_REVIEWER):
        item = client_for(login).get(f"{REVIEWS}{submitted['id']}/")
        assert item.status_code == 200, login
        shown = item.json()["diff"]["plan"]
        assert shown["year"] == plan_year() and shown["figures"]["planned"] == 1
        assert shown["figures"]["eligible"] >= 1 and shown["figures"]["target"] >= 1
        [row] = shown["assignments"]
        assert (row["teacher_name"], row["teacher_no"], row["backbone"]) == ("审阅钱老师", teacher.teacher_no, True)
        assert (row["from_school_name"], row["to_school_name"]) == (org(JUNIOR_A).name, org(SCHOOL_A).name)
        assert row["rotation_type"] == "3" and row["rotation_type_name"] == "支教"
        assert row["flow_category_name"]
    queue = client_for(COUNTY_REVIEWER).get(f"{REVIEWS}?kind=rotation_plan").json()["results"]
    assert submitted["id"] in {item["id"] for item in queue}
    assert client_for("demo-county-b").get(f"{REVIEWS}{submitted['id']}/").status_code == 404


def test_a_returned_plan_is_edited_and_submitted_again(client_for):
    plan = make_plan(client_for)
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A)).status_code == 201
    submission = client_for(MAKER).post(f"{PLANS}{plan['id']}/submit/").json()["id"]
    returned = client_for(COUNTY_REVIEWER).post(
        f"{REVIEWS}{submission}/return/", {"reason": "骨干教师人数不足，请补充"}
    )
    assert returned.status_code == 200, returned.json()
    assert client_for(MAKER).get(f"{PLANS}{plan['id']}/").json()["state"] == "returned"
    # Returned: the county changes it again.
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A, backbone_teacher=True)).status_code == 201
    again = submit_and_approve(client_for, plan["id"])
    assert again == submission  # the same review item, its next round
    detail = client_for(MAKER).get(f"{PLANS}{plan['id']}/").json()
    assert (detail["state"], detail["assignment_count"], detail["backbone_count"]) == ("approved", 2, 1)
    assert len(client_for(COUNTY_REVIEWER).get(f"{REVIEWS}{submission}/").json()["diff"]["plan"]["assignments"]) == 2


def test_a_withdrawn_plan_is_edited_and_submitted_again(client_for):
    """The county's administrator who submitted the plan takes it back before the first decision (a plan has the
    state `withdrawn`, in which it is edited again)."""
    plan = make_plan(client_for)
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A)).status_code == 201
    submission = client_for(MAKER).post(f"{PLANS}{plan['id']}/submit/").json()["id"]
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A)).json()["code"] == "plan_not_editable"  # in review
    assert client_for("demo-county-b").post(f"{PLANS}{plan['id']}/withdraw/").status_code == 404  # another county
    withdrawn = client_for(MAKER).post(f"{PLANS}{plan['id']}/withdraw/")
    assert withdrawn.status_code == 200, withdrawn.json()
    assert withdrawn.json()["id"] == submission and withdrawn.json()["state"] == "withdrawn"
    again = client_for(MAKER).post(f"{PLANS}{plan['id']}/withdraw/")
    assert again.status_code == 409 and again.json()["code"] == "not_withdrawable"
    assert client_for(MAKER).get(f"{PLANS}{plan['id']}/").json()["state"] == "withdrawn"
    assert add(client_for, plan["id"], teacher_at(JUNIOR_A)).status_code == 201
    submit_and_approve(client_for, plan["id"])
    assert client_for(MAKER).get(f"{PLANS}{plan['id']}/").json()["state"] == "approved"


def test_the_eligibility_list_and_the_flows_show_the_assignments(client_for):
    plan = make_plan(client_for)
    teacher = teacher_at(JUNIOR_A, name="名单孙老师")
    rural = teacher_at(JUNIOR_A, name="下乡周老师")
    village = SchoolFactory(urban_rural="220", name="某村小学")
    assert add(client_for, plan["id"], teacher).status_code == 201
    assert add(client_for, plan["id"], rural, to_school=village.code, rotation_type="3").json()["flow_category"] == "3"
    listed = client_for("demo-county-a").get(f"{ELIGIBLE}?org=620102&year={plan_year()}&q=名单").json()["results"]
    [row] = listed
    assert row["assignment"]["plan_id"] == plan["id"] and row["assignment"]["to_school_name"] == org(SCHOOL_A).name
    flows = f"/api/v1/rotation/flows/?org=620102&year={plan_year()}"
    assert client_for("demo-county-a").get(flows).json()["by_flow"] == []  # only approved plans count
    submit_and_approve(client_for, plan["id"])
    body = client_for("demo-city").get(flows.replace("620102", "620100")).json()
    assert [(r["code"], r["count"]) for r in body["by_flow"]] == [("2", 1), ("3", 1)]
    assert [(r["code"], r["name"], r["count"]) for r in body["by_type"]] == [("1", "交流", 1), ("3", "支教", 1)]
