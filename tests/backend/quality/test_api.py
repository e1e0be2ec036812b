"""`GET /api/v1/quality/rules/`, `/issues/` and `/summary/` through the real HTTP stack: names in the reader's
language (never codes), the caller's scope only, bad filters as 400s naming the parameter, a fixed number of
queries whatever the page or the tree."""

from __future__ import annotations

import datetime as dt

import pytest

from tmis.quality.refresh import rebuild
from tmis.reports.refresh import refresh as refresh_reports

from .helpers import OTHER_COUNTY_SCHOOL, OTHER_SCHOOL, SCHOOL, TODAY, archive

pytestmark = pytest.mark.django_db
RULES, ISSUES, SUMMARY = "/api/v1/quality/rules/", "/api/v1/quality/issues/", "/api/v1/quality/summary/"


@pytest.fixture
def flagged():
    """城关区: two archives with problems at its first school (one with two), one clean, one at another school;
    七里河区: one with a problem."""
    archive(name="甲", birth_date=dt.date(1920, 1, 1), work_start_month="1940-01", school_entry_month="1939-01")
    archive(name="乙", current_professional_title="061", current_post_grade="110")
    archive(name="丙")
    archive(OTHER_SCHOOL, name="丁", work_start_month="2008-09", school_entry_month="2007-09")
    archive(OTHER_COUNTY_SCHOOL, name="戊", birth_date=dt.date(1925, 1, 1))
    rebuild(today=TODAY)
    refresh_reports(today=TODAY)


def test_the_rules_in_the_readers_language(client_for):
    zh = client_for("demo-school-a").get(RULES, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert [rule["code"] for rule in zh][:2] == ["Q001", "Q002"]
    assert zh[0]["name"] == "年龄不合理" and zh[0]["severity"] == "error" and zh[0]["severity_name"] == "错误"
    en = client_for("demo-school-a").get(RULES, HTTP_ACCEPT_LANGUAGE="en").json()
    assert en[0]["name"] == "Impossible age"


def test_a_school_clerk_sees_her_worklist_with_names(client_for, flagged, django_assert_max_num_queries):
    clerk = client_for("demo-school-a")
    with django_assert_max_num_queries(8):
        response = clerk.get(ISSUES, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.json()
    rows = response.json()["results"]
    assert {(row["teacher"]["name"], row["rule"]) for row in rows} == {("甲", "Q001"), ("甲", "Q003"), ("乙", "Q006")}
    title = next(row for row in rows if row["rule"] == "Q006")
    assert title["rule_name"] == "专业技术职务与岗位等级不符"
    assert "正高级教师" in title["message"] and "专业技术岗位十级" in title["message"]
    assert "061" not in title["message"] and title["school"]["code"] == SCHOOL


def test_the_page_costs_the_same_queries_whatever_its_size(client_for, django_assert_max_num_queries):
    for index in range(30):
        archive(name=f"某{index}", current_professional_title="062", current_post_grade="112")
    archive(record_state="approved")  # Q005: names of groups
    rebuild(today=TODAY)
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(8):
        body = county.get(ISSUES, {"page_size": 50}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert len(body["results"]) == 31
    missing = next(row for row in body["results"] if row["rule"] == "Q005")
    assert "Study history" in missing["message"]


def test_a_county_filters_by_school_and_rule(client_for, flagged):
    county = client_for("demo-county-a")
    rows = county.get(ISSUES, {"school": OTHER_SCHOOL}).json()["results"]
    assert [(row["teacher"]["name"], row["rule"]) for row in rows] == [("丁", "Q003")]
    rows = county.get(ISSUES, {"rule": "Q001"}).json()["results"]
    assert [row["teacher"]["name"] for row in rows] == ["甲"]


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"rule": "Q999"}, "rule", "invalid_choice"),
        ({"school": "620102"}, "school", "not_school"),
        ({"school": OTHER_COUNTY_SCHOOL}, "school", "not_found"),  # another county's school
        ({"org": "620103"}, "org", "not_found"),  # another county
    ],
)
def test_bad_filters_are_400s_naming_the_parameter(client_for, flagged, params, field, code):
    response = client_for("demo-county-a").get(ISSUES, params)
    assert response.status_code == 400
    assert response.json()["errors"][field][0]["code"] == code


def test_a_school_outside_the_chosen_org(client_for, flagged):
    response = client_for("demo-city").get(ISSUES, {"org": "620103", "school": SCHOOL})
    assert response.json()["errors"]["school"][0]["code"] == "outside_org"


def test_scope_another_county_sees_none_of_these(client_for, flagged):
    rows = client_for("demo-county-b").get(ISSUES).json()["results"]
    assert [row["teacher"]["name"] for row in rows] == ["戊"]
    assert client_for("demo-school-b").get(ISSUES, {"org": SCHOOL}).status_code == 400


def test_who_may_read(client_for, flagged):
    assert client_for("demo-auditor").get(ISSUES).status_code == 403
    assert client_for("demo-sysadmin").get(SUMMARY).status_code == 403
    assert client_for("demo-school-a-reviewer").get(ISSUES).status_code == 200


def test_the_summary_per_child_with_the_score(client_for, flagged, django_assert_max_num_queries):
    city = client_for("demo-city")
    with django_assert_max_num_queries(8):
        body = city.get(SUMMARY, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert body["total"]["organisation"]["code"] == "620100"
    assert body["total"]["archives"] == 5 and body["total"]["flagged"] == 4 and body["total"]["score"] == 20.0
    children = {child["organisation"]["code"]: child for child in body["children"]}
    chengguan = children["620102"]
    assert chengguan["archives"] == 4 and chengguan["flagged"] == 3 and chengguan["score"] == 25.0
    assert chengguan["rules"] == {"Q001": 1, "Q002": 0, "Q003": 2, "Q004": 0, "Q005": 0, "Q006": 1}
    assert chengguan["issues"] == 4
    assert children["620103"]["flagged"] == 1 and children["620103"]["rules"]["Q001"] == 1
    assert body["refreshed_at"]


def test_a_school_summary_has_no_children_and_an_empty_org_no_score(client_for, flagged):
    body = client_for("demo-school-a").get(SUMMARY).json()
    assert body["children"] == [] and body["total"]["flagged"] == 2 and body["total"]["archives"] == 3
    empty = client_for("demo-province-bj").get(SUMMARY).json()
    assert empty["total"]["score"] is None and empty["total"]["flagged"] == 0
