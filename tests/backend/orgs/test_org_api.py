import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.orgs import SchoolFactory
from tmis.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_list_filters_by_level_and_parent(client_for):
    client = client_for("demo-province")
    body = client.get("/api/v1/orgs/", {"parent": "620100", "level": "county"}).json()
    names = {row["name"] for row in body["results"]}
    assert {"城关区", "七里河区"} <= names
    assert all(row["parent_code"] == "620100" for row in body["results"])


def test_search_by_name_substring_and_code_prefix(client_for):
    client = client_for("demo-city")
    by_name = client.get("/api/v1/orgs/", {"q": "七里河"}).json()["results"]
    assert [row["code"] for row in by_name if row["level"] == "county"] == ["620103"]
    by_code = client.get("/api/v1/orgs/", {"q": "21620103"}).json()["results"]
    assert [row["code"] for row in by_code] == ["2162010301"]


def test_search_never_leaves_the_scope(client_for):
    assert client_for("demo-county-a").get("/api/v1/orgs/", {"q": "七里河"}).json()["results"] == []


def test_children_are_paginated_with_a_cursor(client_for):
    client = client_for("demo-central")
    first = client.get("/api/v1/orgs/000000/children/", {"page_size": 10}).json()
    assert len(first["results"]) == 10
    assert first["next"]
    second = client.get(first["next"]).json()
    assert {r["code"] for r in first["results"]}.isdisjoint({r["code"] for r in second["results"]})
    assert [r["code"] for r in first["results"]] == sorted(r["code"] for r in first["results"])


def test_is_leaf_and_counts(client_for):
    client = client_for("demo-city")
    county = client.get("/api/v1/orgs/620102/").json()
    assert county["is_leaf"] is False
    school = client.get("/api/v1/orgs/2162010201/").json()
    assert school["is_leaf"] is True
    assert school["school_stage"] == "primary_secondary"
    counts = client.get("/api/v1/orgs/620100/counts/").json()
    assert counts["county"] == 9  # 兰州市 has 9 county-level units in GB/T 2260
    assert counts["school"] == 8  # the demo schools
    assert counts["city"] == counts["province"] == 0


def test_fields_and_brief_trim_the_payload(client_for):
    client = client_for("demo-city")
    row = client.get("/api/v1/orgs/620102/", {"fields": "code,name"}).json()
    assert row == {"code": "620102", "name": "城关区"}
    brief = client.get("/api/v1/orgs/", {"brief": "1", "parent": "620100"}).json()["results"][0]
    assert set(brief) == {"code", "name", "level", "parent_code", "is_leaf"}


def test_list_query_count_does_not_grow_with_rows(client_for, django_assert_max_num_queries):
    client = client_for("demo-central")
    with django_assert_max_num_queries(3):  # user+org, page
        body = client.get("/api/v1/orgs/", {"level": "city", "page_size": 200}).json()
    assert len(body["results"]) == 200


def test_create_school_under_own_county(client_for):
    response = client_for("demo-county-a").post(
        "/api/v1/orgs/",
        {
            "parent": "620102",
            "code": "1162010299",
            "name": "城关区新建幼儿园",
            "level": "school",
            "school_type": "111",
            "sponsor": "11",
            "urban_rural": "111",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["path"] == "/000000/620000/620100/620102/1162010299/"
    assert body["school_stage"] == "kindergarten"
    assert body["province_code"] == "620000"


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"code": "2163010299"}, "code", "code_province"),  # digits 3-4 must be 62
        ({"code": "8862010299"}, "code", "code_category"),
        ({"code": "216201029"}, "code", "invalid"),  # nine digits
        ({"school_type": "999"}, "school_type", "unknown_code"),
        ({"school_type": "311"}, "school_type", "type_mismatch"),  # code says 小学
        ({"school_type": ""}, "school_type", "required"),
        ({"urban_rural": "9"}, "urban_rural", "unknown_code"),
        ({"parent": "620103"}, "parent", "not_found"),  # the other county
        ({"parent": "2162010201"}, "parent", "parent_is_school"),
        ({"level": "county", "code": "620199"}, "level", "level_mismatch"),
    ],
)
def test_create_school_bad_input_names_the_field(client_for, payload, field, code):
    base = {
        "parent": "620102",
        "code": "2162010299",
        "name": "新学校",
        "level": "school",
        "school_type": "211",
    }
    response = client_for("demo-county-a").post("/api/v1/orgs/", {**base, **payload}, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["errors"][field][0]["code"] == code
    assert not Organisation.objects.filter(name="新学校").exists()


def test_create_duplicate_code_conflicts(client_for):
    response = client_for("demo-county-a").post(
        "/api/v1/orgs/",
        {"parent": "620102", "code": "2162010201", "name": "重复", "level": "school", "school_type": "211"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_code"


def test_city_creates_a_county_with_a_fitting_code(client_for):
    client = client_for("demo-city")
    bad = client.post(
        "/api/v1/orgs/", {"parent": "620100", "code": "620299", "name": "x", "level": "county"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["errors"]["code"][0]["code"] == "code_prefix"
    good = client.post(
        "/api/v1/orgs/",
        {"parent": "620100", "code": "620199", "name": "新区", "level": "county"},
        format="json",
    )
    assert good.status_code == 201


def test_update_school_attributes(client_for):
    school = SchoolFactory()
    client = client_for("demo-county-a")
    response = client.patch(
        f"/api/v1/orgs/{school.code}/",
        {"name": "改名小学", "urban_rural": "220"},
        format="json",
        HTTP_IF_MATCH=client.get(f"/api/v1/orgs/{school.code}/")["ETag"],
    )
    assert response.status_code == 200
    assert response.json()["name"] == "改名小学"
    assert response.json()["urban_rural"] == "220"
    bad = client.patch(f"/api/v1/orgs/{school.code}/", {"school_type": "342"}, format="json", HTTP_IF_MATCH="*")
    assert bad.status_code == 400
    assert bad.json()["errors"]["school_type"][0]["code"] == "type_mismatch"


def test_region_has_no_school_attributes(client_for):
    response = client_for("demo-city").patch(
        "/api/v1/orgs/620102/", {"school_type": "211"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["school_type"][0]["code"] == "not_a_school"


def test_filler_cannot_create(client_for):
    response = client_for("demo-school-a").post("/api/v1/orgs/", {}, format="json")
    assert response.status_code == 403


def test_children_query_count(client_for):
    client = client_for("demo-central")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/v1/orgs/000000/children/", {"page_size": 40})
    assert len(ctx.captured_queries) <= 3


def test_regions_have_null_school_attributes(client_for):
    body = client_for("demo-city").get("/api/v1/orgs/620102/").json()
    assert body["school_type"] is None
    assert body["school_stage"] is None


def test_school_code_lists(client_for):
    body = client_for("demo-school-a").get("/api/v1/orgs/school-codes/").json()
    assert {"code": "211", "name": "小学"} in body["school_type"]
    assert {"code": "111", "name": "主城区"} in body["urban_rural"]
    assert {"code": "21", "name": "公办"} in body["sponsor"]
    assert {"code": "831", "name": "县级教育部门"} in body["affiliation"]
    assert all(len(item["code"]) == 3 for item in body["school_type"])


def test_name_prefix_filter(client_for):
    rows = client_for("demo-city").get("/api/v1/orgs/", {"name": "兰州市城关区"}).json()["results"]
    assert {r["code"] for r in rows} == {"2162010201", "3162010202", "1162010203", "3462010204"}
