"""Entering the statistics figures (`/api/v1/headcounts/`): a county (or above) administrator sets a school's two
numbers; another county's school is a 404, a school's user a 403; the list shows the subtree's schools with their
figures or null."""

from __future__ import annotations

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.headcounts import HeadcountFactory
from tmis.audit.models import AccessLog
from tmis.headcounts.models import SchoolHeadcount
from tmis.headcounts.selectors import current_year
from tmis.orgs.models import Level, Organisation

pytestmark = pytest.mark.django_db
ONE = "/api/v1/headcounts/{code}/{year}/"
LIST = "/api/v1/headcounts/"
MINE, THEIRS = "2162010201", "2162010301"  # 城关区 and 七里河区 schools
BODY, ZERO = {"fulltime": 1, "staff": 2}, {"fulltime": 0, "staff": 0}


def test_a_county_admin_sets_and_replaces_a_schools_figures(client_for):
    county = client_for("demo-county-a")
    response = county.put(ONE.format(code=MINE, year=2025), {"fulltime": 40, "staff": 52}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["school"] == {"code": MINE, "name": "兰州市城关区第一实验小学", "level": "school"}
    assert (body["year"], body["fulltime"], body["staff"], body["entered_by"]) == (2025, 40, 52, "城关区审核员")
    again = county.put(ONE.format(code=MINE, year=2025), {"fulltime": 41, "staff": 50}, format="json")
    assert again.status_code == 200
    assert list(SchoolHeadcount.objects.values_list("fulltime", "staff")) == [(41, 50)]
    assert county.get(ONE.format(code=MINE, year=2025)).json()["staff"] == 50
    assert AccessLog.objects.filter(action="headcount.set").count() == 2


def test_the_province_enters_for_any_school_below_it(client_for):
    response = client_for("demo-province").put(
        ONE.format(code=THEIRS, year=2024), {"fulltime": 0, "staff": 0}, format="json"
    )
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"fulltime": 10, "staff": 9}, "fulltime", "fulltime_above_staff"),
        ({"fulltime": -1, "staff": 9}, "fulltime", "min_value"),
        ({"fulltime": 1}, "staff", "required"),
        ({"fulltime": "x", "staff": 9}, "fulltime", "invalid"),
    ],
)
def test_bad_figures_are_400s_naming_the_field(client_for, body, field, code):
    response = client_for("demo-county-a").put(ONE.format(code=MINE, year=2025), body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][field][0]["code"] == code
    assert not SchoolHeadcount.objects.exists()


@pytest.mark.parametrize("year", [1999, current_year() + 2, 99999])
def test_a_year_out_of_range_is_a_400(client_for, year):
    response = client_for("demo-county-a").put(
        ONE.format(code=MINE, year=year), {"fulltime": 1, "staff": 2}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"]["year"][0]["code"] == "invalid_year"


def test_another_countys_school_is_a_404_and_nothing_changes(client_for):
    HeadcountFactory(school=Organisation.objects.get(code=THEIRS), year=2025, fulltime=5, staff=6)
    county = client_for("demo-county-a")
    for method in ("get", "put", "delete"):
        response = getattr(county, method)(
            ONE.format(code=THEIRS, year=2025), {"fulltime": 1, "staff": 2}, format="json"
        )
        assert response.status_code == 404, (method, response.json())
    assert county.put(ONE.format(code="2999999999", year=2025), {"fulltime": 1, "staff": 2}).status_code == 404
    assert county.put(ONE.format(code="620103", year=2025), {"fulltime": 1, "staff": 2}).status_code == 404  # no school
    assert list(SchoolHeadcount.objects.values_list("fulltime", "staff")) == [(5, 6)]


def test_a_schools_users_may_not_enter(client_for):
    filler = client_for("demo-school-a")
    assert filler.put(ONE.format(code=MINE, year=2025), {"fulltime": 1, "staff": 2}).status_code == 403
    school_admin = UserFactory(organisation=Organisation.objects.get(code=MINE), roles=["admin"])
    response = client_for(school_admin).put(
        ONE.format(code=MINE, year=2025), {"fulltime": 1, "staff": 2}, format="json"
    )
    assert response.status_code == 403 and response.json()["code"] == "not_above_school"
    assert client_for(school_admin).get("/api/v1/headcounts/template/").status_code == 403
    assert not SchoolHeadcount.objects.exists()


def test_delete_removes_the_figures(client_for):
    HeadcountFactory(year=2025)
    county = client_for("demo-county-a")
    assert county.delete(ONE.format(code=MINE, year=2025)).status_code == 204
    assert county.delete(ONE.format(code=MINE, year=2025)).status_code == 404
    assert county.get(ONE.format(code=MINE, year=2025)).status_code == 404


def test_the_list_shows_every_school_of_the_subtree_with_its_figures_or_null(client_for, django_assert_max_num_queries):
    HeadcountFactory(year=2025, fulltime=30, staff=35)
    HeadcountFactory(year=2024, school=Organisation.objects.get(code="3162010202"), fulltime=1, staff=1)
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(4):
        response = county.get(LIST, {"year": 2025})
    assert response.status_code == 200, response.json()
    rows = {row["school"]["code"]: row for row in response.json()["results"]}
    expected = set(
        Organisation.objects.filter(path__startswith="/000000/620000/620100/620102/", level=Level.SCHOOL).values_list(
            "code", flat=True
        )
    )
    assert set(rows) == expected
    assert (rows[MINE]["fulltime"], rows[MINE]["staff"]) == (30, 35)
    assert rows["3162010202"]["staff"] is None  # its figures are of another year
    missing = county.get(LIST, {"year": 2025, "missing": "true"}).json()["results"]
    assert MINE not in {row["school"]["code"] for row in missing} and len(missing) == len(expected) - 1


def test_the_list_of_a_city_pages_by_code(client_for):
    pages, url, seen = 0, LIST, []
    city = client_for("demo-city")
    params: dict = {"page_size": 3, "org": "620100"}
    while url:
        body = city.get(url, params).json()
        seen += [row["school"]["code"] for row in body["results"]]
        url, params, pages = body["next"], {}, pages + 1
    assert seen == sorted(seen) and len(seen) == len(set(seen)) >= 8 and pages >= 3


def test_the_list_of_an_organisation_outside_the_scope_is_refused(client_for):
    response = client_for("demo-county-a").get(LIST, {"org": "620103"})
    assert response.status_code == 400 and "org" in response.json()["errors"]
    assert client_for("demo-county-a").get(LIST, {"year": "20x5"}).status_code == 400
