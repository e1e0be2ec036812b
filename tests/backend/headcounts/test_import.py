"""The import of statistics figures from a file: every bad row reported (row, column, why), every good one saved in
one go, nothing lost that was saved before; a dry run saves nothing; the template comes back in as it went out."""

from __future__ import annotations

import io
import random

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from tests.factories.headcounts import HeadcountFactory
from tmis.headcounts.models import SchoolHeadcount
from tmis.orgs.models import Level, Organisation

pytestmark = pytest.mark.django_db
IMPORT, TEMPLATE = "/api/v1/headcounts/import/", "/api/v1/headcounts/template/"
HEADERS = ["学校标识码", "学校名称", "年度", "专任教师数", "教职工数"]


def _xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> io.BytesIO:
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet("统计人数")
    for line, row in enumerate([headers, *rows]):
        for column, value in enumerate(row):
            if isinstance(value, (int, float)):
                sheet.write_number(line, column, value)
            else:
                sheet.write_string(line, column, str(value))
    workbook.close()
    out.seek(0)
    out.name = "figures.xlsx"
    return out


def _schools(n: int) -> list[Organisation]:
    """n schools of 城关区 (bulk: the import is about rows, not how schools are made)."""
    county = Organisation.objects.get(code="620102")
    made = [
        Organisation(
            code=f"21620{index:05d}",
            name=f"导入测试学校{index}",
            level=Level.SCHOOL,
            parent=county,
            path=f"{county.path}21620{index:05d}/",
            depth=county.depth + 1,
            province_code="620000",
            school_type="211",
            school_stage="primary_secondary",
        )
        for index in range(n)
    ]
    return Organisation.objects.bulk_create(made)


def _upload(client, file: io.BytesIO, *, dry_run: bool = False):
    return client.post(IMPORT, {"file": file, "dry_run": "true" if dry_run else "false"}, format="multipart")


@pytest.fixture
def big_file():
    """2,000 rows (100 schools × 20 years), 17 of them bad in known ways: (row number, column, code) of each."""
    rng = random.Random(2026)
    schools = _schools(100)
    rows: list[list[object]] = []
    for school in schools:
        for year in range(2005, 2025):
            staff = rng.randint(10, 200)
            rows.append([school.code, school.name, year, rng.randint(0, staff), staff])
    rng.shuffle(rows)
    other = "2162010301"  # 七里河区: outside 城关区
    bad = [
        ("学校标识码", "unknown_school", lambda r: r.__setitem__(0, "2999999999")),
        ("学校标识码", "unknown_school", lambda r: r.__setitem__(0, "620102")),  # a county, not a school
        ("学校标识码", "required", lambda r: r.__setitem__(0, "")),
        ("学校标识码", "out_of_scope", lambda r: r.__setitem__(0, other)),
        ("学校标识码", "out_of_scope", lambda r: r.__setitem__(0, other)),
        ("专任教师数", "negative", lambda r: r.__setitem__(3, -3)),
        ("教职工数", "negative", lambda r: r.__setitem__(4, -1)),
        ("教职工数", "not_integer", lambda r: r.__setitem__(4, 12.5)),
        ("专任教师数", "not_integer", lambda r: r.__setitem__(3, "十二")),
        ("专任教师数", "required", lambda r: r.__setitem__(3, "")),
        ("专任教师数", "fulltime_above_staff", lambda r: (r.__setitem__(3, 90), r.__setitem__(4, 80))),
        ("专任教师数", "fulltime_above_staff", lambda r: (r.__setitem__(3, 1), r.__setitem__(4, 0))),
        ("年度", "invalid_year", lambda r: r.__setitem__(2, "20x6")),
        ("年度", "invalid_year", lambda r: r.__setitem__(2, 1999)),
        ("年度", "invalid_year", lambda r: r.__setitem__(2, 3000)),
        ("年度", "invalid_year", lambda r: r.__setitem__(2, "")),
    ]
    positions = rng.sample(range(1, len(rows)), len(bad) + 1)
    expected = []
    for (column, code, spoil), index in zip(bad, positions, strict=False):
        spoil(rows[index])
        expected.append((index + 2, column, code))  # row 1 is the header row
    dup_of, dup_at = positions[-1], 0  # a copy of a good row further down: the later one is refused
    rows[dup_at] = list(rows[dup_of])
    expected.append((max(dup_at, dup_of) + 2, "学校标识码", "duplicate"))
    return rows, sorted(expected)


def test_2000_rows_with_17_bad_ones(client_for, big_file, django_assert_max_num_queries):
    rows, expected = big_file
    # Saved before: a figure the file replaces and one it does not touch — neither is lost.
    keep = HeadcountFactory(year=2025, fulltime=7, staff=9)
    county = client_for("demo-county-a")
    with django_assert_max_num_queries(12):
        response = _upload(county, _xlsx(rows))
    assert response.status_code == 200, response.json()
    body = response.json()
    got = sorted((p["row"], p["column"], p["code"]) for p in body["problems"])
    assert got == expected
    assert body["bad_rows"] == 17 and body["rows"] == 2000 and body["problem_total"] == 17
    assert body["valid"] == 1983 == body["created"] and body["updated"] == 0
    assert SchoolHeadcount.objects.count() == 1984
    keep.refresh_from_db()
    assert (keep.fulltime, keep.staff) == (7, 9)

    # Again, with two figures changed: both replaced, nothing else touched.
    def good(r: list) -> bool:
        numbers = all(isinstance(v, int) for v in r[2:])
        return r[0].startswith("21620") and numbers and 2005 <= r[2] <= 2024 and 0 <= r[3] <= r[4]

    first = next(r for r in rows if good(r))
    changed = [[first[0], first[1], first[2], 1, 2]]
    again = _upload(county, _xlsx(changed)).json()
    assert (again["created"], again["updated"], again["bad_rows"]) == (0, 1, 0)
    assert SchoolHeadcount.objects.get(school__code=first[0], year=first[2]).staff == 2
    assert SchoolHeadcount.objects.count() == 1984


def test_a_dry_run_writes_nothing(client_for, big_file):
    rows, _expected = big_file
    body = _upload(client_for("demo-county-a"), _xlsx(rows), dry_run=True).json()
    assert body["dry_run"] and body["valid"] == 1983 and body["bad_rows"] == 17
    assert (body["created"], body["updated"]) == (0, 0)
    assert not SchoolHeadcount.objects.exists()


def test_messages_come_in_chinese(client_for):
    file = _xlsx([["2162010301", "x", 2025, 1, 2], ["2162010201", "x", 2025, 5, 4]])
    body = client_for("demo-county-a").post(IMPORT, {"file": file}, format="multipart", HTTP_ACCEPT_LANGUAGE="zh-hans")
    messages = [p["message"] for p in body.json()["problems"]]
    assert messages == ["该学校不在本单位管辖范围内。", "专任教师数不能大于教职工数（4）。"]


def test_a_file_without_the_columns_is_refused_whole(client_for):
    response = _upload(client_for("demo-county-a"), _xlsx([["2162010201", 2025]], headers=["学校标识码", "年份"]))
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0]["code"] == "missing_columns"
    garbage = io.BytesIO(b"PK\x03\x04 not a zip")
    garbage.name = "x.xlsx"
    assert _upload(client_for("demo-county-a"), garbage).status_code == 400
    assert not SchoolHeadcount.objects.exists()


def test_only_a_county_or_above_imports(client_for):
    response = _upload(client_for("demo-school-a"), _xlsx([["2162010201", "x", 2025, 1, 2]]))
    assert response.status_code == 403


def test_the_template_lists_the_schools_in_scope_and_imports_back(client_for):
    HeadcountFactory(year=2025, fulltime=30, staff=33)
    county = client_for("demo-county-a")
    response = county.get(TEMPLATE, {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("统计人数").to_python()
    assert sheet[0] == HEADERS
    codes = [str(row[0]) for row in sheet[1:]]
    assert codes == sorted(
        Organisation.objects.filter(level=Level.SCHOOL, path__startswith="/000000/620000/620100/620102/").values_list(
            "code", flat=True
        )
    )
    mine = next(row for row in sheet[1:] if row[0] == "2162010201")
    assert mine[1] == "兰州市城关区第一实验小学" and [int(v) for v in mine[2:]] == [2025, 30, 33]
    # Sent back as it is: the schools left blank (both numbers empty) are nothing to import and nothing wrong.
    file = io.BytesIO(response.content)
    file.name = "template.xlsx"
    body = _upload(county, file).json()
    assert body["valid"] == 1 and body["updated"] == 1 and body["bad_rows"] == 0, body
    # A row with one number only is a mistake: the other is asked for.
    half = _upload(county, _xlsx([["2162010201", "x", 2025, 30, ""], ["3162010202", "x", 2025, "", ""]])).json()
    assert half["bad_rows"] == 1 and [p["code"] for p in half["problems"]] == ["required"], half
