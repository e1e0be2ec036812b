"""`GET /api/v1/reports/summary/`, `/children/` and `/dimensions/`: figures from the summary tables with names in the
reader's language, for organisations in the caller's scope only; bad parameters are 400s naming the parameter."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.teachers import TeacherRowFactory
from tmis.orgs.models import Organisation
from tmis.reports.refresh import refresh

from .recount import recount

pytestmark = pytest.mark.django_db
SUMMARY, CHILDREN = "/api/v1/reports/summary/", "/api/v1/reports/children/"


@pytest.fixture
def archive():
    """Teachers at two schools of 城关区 and one of 七里河区, refreshed."""
    schools = [Organisation.objects.get(code=code) for code in ("2162010201", "3162010202", "2162010301")]
    for index in range(30):
        school = schools[index % 3]
        TeacherRowFactory(
            school=school,
            org_path=school.path,
            gender="1" if index % 3 else "2",
            staff_category="A1" if index % 2 else "B1",
            birth_date=dt.date(1970 + index, 5, 1),
        )
    refresh(today=dt.date.today())


def _expected(org_code: str, dimension: str, *, fulltime_only: bool = False) -> dict:
    org = Organisation.objects.get(code=org_code)
    counts: dict = {}
    for (org_id, dim, _type, fulltime, value, value2), count in recount(dt.date.today().year).items():
        if org_id == org.pk and dim == dimension and (fulltime or not fulltime_only):
            counts[(value, value2)] = counts.get((value, value2), 0) + count
    return counts


def test_a_county_reads_its_figures_by_gender_with_names(client_for, archive, django_assert_max_num_queries):
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(8):
        response = county.get(SUMMARY, {"by": "gender"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["organisation"]["code"] == "620102" and body["by"] == [{"key": "gender", "name": "性别"}]
    got = {tuple(row["codes"]): row["count"] for row in body["rows"]}
    assert got == {(value,): count for (value, _v2), count in _expected("620102", "gender").items()}
    assert {tuple(row["names"]) for row in body["rows"]} <= {("男",), ("女",)}
    assert body["total"] == sum(got.values()) == sum(_expected("620102", "total").values())
    assert body["refreshed_at"]


def test_the_pyramid_pair_and_the_full_time_filter(client_for, archive):
    body = client_for("demo-province").get(SUMMARY, {"by": "age_band,gender", "staff": "fulltime"}).json()
    assert [d["key"] for d in body["by"]] == ["gender", "age_band"]  # the kept pair's order
    got = {tuple(row["codes"]): row["count"] for row in body["rows"]}
    assert got == _expected("620000", "gender.age_band", fulltime_only=True)
    ages = [row["codes"][1] for row in body["rows"] if row["codes"][0] == "1"]
    assert ages == sorted(
        ages, key=["lt25", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "ge60"].index
    )


def test_the_drill_down_lists_every_child_largest_first(client_for, archive, django_assert_max_num_queries):
    city = client_for("demo-city")
    with django_assert_max_num_queries(8):
        body = city.get(CHILDREN, {"by": "record_state"}, HTTP_ACCEPT_LANGUAGE="en").json()
    children = body["children"]
    codes = [child["organisation"]["code"] for child in children]
    assert set(codes) == set(Organisation.objects.filter(parent__code="620100").values_list("code", flat=True))
    totals = [child["total"] for child in children]
    assert totals == sorted(totals, reverse=True)
    chengguan = next(child for child in children if child["organisation"]["code"] == "620102")
    assert chengguan["total"] == sum(_expected("620102", "total").values())
    assert {name for row in chengguan["rows"] for name in row["names"]} <= {
        "Draft",
        "Submitted",
        "In review",
        "Approved",
        "Returned",
    }


@pytest.mark.parametrize(
    ("login", "params", "field"),
    [
        ("demo-county-a", {"org": "620103"}, "org"),  # another county
        ("demo-county-a", {"org": "110000"}, "org"),  # another province
        ("demo-county-a", {"by": "salary"}, "by"),
        ("demo-county-a", {"by": "gender,education"}, "by"),  # not a kept pair
        ("demo-county-a", {"by": "gender,age_band,education"}, "by"),
        ("demo-county-a", {"school_type": "university"}, "school_type"),
        ("demo-county-a", {"staff": "some"}, "staff"),
    ],
)
def test_bad_parameters_are_named(client_for, login, params, field):
    response = client_for(login).get(SUMMARY, params)
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]


def test_the_three_separated_administrators_read_no_reports(client_for):
    for login in ("demo-sysadmin", "demo-secadmin", "demo-auditor"):
        assert client_for(login).get(SUMMARY).status_code == 403, login


def test_dimensions_name_their_pairs(client_for):
    body = client_for("demo-county-a").get("/api/v1/reports/dimensions/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    gender = next(d for d in body if d["key"] == "gender")
    assert gender["name"] == "性别" and gender["pairs_with"] == ["age_band"]


def test_the_figures_download_as_xlsx_with_names(client_for, archive):
    import io

    from python_calamine import CalamineWorkbook

    county = client_for("demo-county-a")
    response = county.get("/api/v1/reports/children/xlsx/", {"by": "gender"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[1][:3] == ["机构", "代码", "教师数"] and "男" in rows[1]
    body = county.get(CHILDREN, {"by": "gender"}).json()
    first = body["children"][0]
    assert rows[2][1] == first["organisation"]["code"] and rows[2][2] == first["total"]
    summary = county.get("/api/v1/reports/summary/xlsx/", {"by": "gender"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(summary.content)).get_sheet_by_index(0).to_python()
    assert sheet[1] == ["性别", "教师数"] and sheet[-1][0] == "合计"
    assert county.get("/api/v1/reports/summary/xlsx/", {"org": "620103"}).status_code == 400
