"""The gap report (统计人数 against the archives): on generated archives and figures, every child's figures equal a
brute-force recount; `expected_by_org` is one query whatever it is asked; the XLSX carries the same figures."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from python_calamine import CalamineWorkbook

from tests.factories.headcounts import HeadcountFactory
from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import TeacherRowFactory
from tmis.headcounts.models import SchoolHeadcount
from tmis.headcounts.selectors import expected_by_org
from tmis.orgs.models import Level, Organisation
from tmis.reports.refresh import refresh
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db
GAP, YEAR = "/api/v1/headcounts/gap/", 2025


def _full_time(teacher: Teacher) -> bool:
    return teacher.staff_category == ("04" if teacher.school.school_stage == "kindergarten" else "A1")


@pytest.fixture
def world():
    """Random archives over the demo schools of 兰州市 and two more, random figures for most schools (one year's
    figures of another year besides), then the summary refreshed."""
    rng = random.Random(8)
    SchoolFactory(), SchoolFactory(parent=Organisation.objects.get(code="620103"), school_type="111")
    schools = list(Organisation.objects.filter(level=Level.SCHOOL, path__startswith="/000000/620000/620100/"))
    for _ in range(150):
        TeacherRowFactory(
            school=rng.choice(schools),
            staff_category=rng.choice(["A1", "A1", "04", "B1", ""]),
            record_state=rng.choice(["draft", "submitted", "approved", "returned"]),
        )
    Teacher.objects.filter(pk=Teacher.objects.order_by("pk").first().pk).update(active=False)
    for school in schools[:-2]:
        staff = rng.randint(0, 40)
        HeadcountFactory(school=school, year=YEAR, staff=staff, fulltime=rng.randint(0, staff))
        HeadcountFactory(school=school, year=YEAR - 1, staff=999, fulltime=1)
    refresh(today=dt.date.today())


def _recount(org: Organisation) -> dict:
    teachers = [t for t in Teacher.objects.select_related("school") if t.active and t.org_path.startswith(org.path)]
    figures = list(SchoolHeadcount.objects.filter(school__path__startswith=org.path, year=YEAR))
    schools = Organisation.objects.filter(level=Level.SCHOOL, path__startswith=org.path).count()
    staff = sum(f.staff for f in figures) if figures else None
    fulltime = sum(f.fulltime for f in figures) if figures else None
    collected, collected_fulltime = len(teachers), sum(_full_time(t) for t in teachers)
    return {
        "schools": schools,
        "schools_with_figure": len(figures),
        "staff": staff,
        "fulltime": fulltime,
        "collected": collected,
        "collected_fulltime": collected_fulltime,
        "staff_gap": None if staff is None else staff - collected,
        "fulltime_gap": None if fulltime is None else fulltime - collected_fulltime,
        "collection_rate": round(collected / staff, 4) if staff else None,
        "fulltime_rate": round(collected_fulltime / fulltime, 4) if fulltime else None,
    }


@pytest.mark.parametrize(("login", "org"), [("demo-city", "620100"), ("demo-county-b", "620103")])
def test_every_figure_equals_a_brute_force_recount(client_for, world, login, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):  # 4 authenticate the request, 5-6 the report
        response = client_for(login).get(GAP, {"org": org, "year": YEAR})
    assert response.status_code == 200, response.json()
    body = response.json()
    organisation = Organisation.objects.get(code=org)
    keys = list(_recount(organisation))
    assert {k: body["total"][k] for k in keys} == _recount(organisation)
    children = Organisation.objects.filter(parent=organisation).order_by("code")
    assert [row["organisation"]["code"] for row in body["children"]] == [c.code for c in children]
    for row, child in zip(body["children"], children, strict=True):
        assert {k: row[k] for k in keys} == _recount(child), child.name
    assert body["total"]["collected"] > 0 and body["refreshed_at"]


def test_a_countys_rows_are_its_schools_with_their_own_figures(client_for, world):
    body = client_for("demo-county-b").get(GAP, {"year": YEAR}).json()
    assert {row["organisation"]["level"] for row in body["children"]} == {"school"}
    for row in body["children"]:
        figure = SchoolHeadcount.objects.filter(school__code=row["organisation"]["code"], year=YEAR).first()
        if figure is None:
            assert row["headcount"] is None and row["staff"] is None and row["collection_rate"] is None
        else:
            assert (row["headcount"]["staff"], row["headcount"]["fulltime"]) == (figure.staff, figure.fulltime)


def test_expected_by_org_is_one_query_for_any_number_of_organisations(world, django_assert_num_queries):
    orgs = list(Organisation.objects.filter(path__startswith="/000000/620000/"))
    with django_assert_num_queries(1):
        few = expected_by_org([orgs[0].pk], YEAR)
    with django_assert_num_queries(1):
        many = expected_by_org([org.pk for org in orgs], YEAR)
    assert few[orgs[0].pk] == many[orgs[0].pk]
    for org in orgs:
        figures = SchoolHeadcount.objects.filter(school__path__startswith=org.path, year=YEAR)
        assert many[org.pk] == {
            "staff": sum(f.staff for f in figures),
            "fulltime": sum(f.fulltime for f in figures),
            "schools_with_figure": figures.count(),
            "schools": Organisation.objects.filter(level=Level.SCHOOL, path__startswith=org.path).count(),
        }
    assert expected_by_org([], YEAR) == {}


def test_the_gap_xlsx_has_a_row_per_child_and_the_total(client_for, world):
    county = client_for("demo-county-b")
    body = county.get(GAP, {"year": YEAR}).json()
    response = county.get(GAP + "xlsx/", {"year": YEAR}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[1][:5] == ["机构", "学校数", "已填统计数的学校", "教职工数（统计）", "已采集档案"]
    names = [row[0] for row in rows[2:]]
    assert names == [row["organisation"]["name"] for row in body["children"]] + ["合计"]
    assert int(rows[-1][4]) == body["total"]["collected"]


def test_the_gap_of_an_organisation_outside_the_scope_is_refused(client_for):
    response = client_for("demo-county-a").get(GAP, {"org": "620103"})
    assert response.status_code == 400 and "org" in response.json()["errors"]
