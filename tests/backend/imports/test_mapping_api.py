"""Sheets as schools make them, over HTTP: headers found below titles, synonyms, the mapping step (proposed,
given, remembered per organisation), absent columns as one warning each, IDs Excel turned into numbers."""

from __future__ import annotations

import io
import json

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from tests.backend.imports.test_import_api import SCHOOL, finished, problems, upload
from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tmis.imports.models import ColumnMapping
from tmis.teachers.models import Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def filler(client_for):
    return client_for("demo-school-a")


def titled_xlsx(headers: list[str], rows: list[list[object]]) -> bytes:
    """A school's own sheet: a merged title, a note and a blank row above the headers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Sheet1")
    sheet.merge_range(0, 0, 0, len(headers) - 1, "城关区第一实验小学 2026 年教师信息表")
    sheet.write(1, 0, "填表人：王老师    审核人：李校长")
    sheet.write_row(3, 0, headers)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(4 + offset, column, value)
            else:
                sheet.write(4 + offset, column, value)
    book.close()
    return buffer.getvalue()


VARIANT_HEADERS = ["学校代码", "教师姓名", "性别 ", "国籍", "证件类型", "身份证号码", "出生年月日", "民族", "政治面貌"]


def test_title_rows_and_header_synonyms_import(filler):
    rows = [plain_row(i) for i in range(30_000, 30_004)]
    rows[1][7], rows[2][8] = "回", "党员"  # code synonyms
    job = finished(filler, upload(filler, titled_xlsx(VARIANT_HEADERS, rows)))
    assert job["state"] == "done", job
    layout = job["layout"]
    assert (layout["header_row"], layout["needs_mapping"]) == (4, False)
    assert (job["rows_written"], job["rows_failed"]) == (4, 0), problems(filler, job)
    by_header = {c["header"]: c for c in layout["columns"]}
    assert by_header["身份证号码"]["field"] == "id_number" and by_header["身份证号码"]["source"] == "synonym"
    assert by_header["身份证号码"]["field_name"] == "身份证件号"
    assert Teacher.objects.get(name=rows[1][1]).ethnicity == "03"
    assert Teacher.objects.get(name=rows[2][1]).political_status == ["01"]


def test_a_missing_key_column_asks_for_a_mapping_then_remembers_it(filler):
    headers = [*PLAIN_HEADERS]
    headers[5] = "证件编码号"  # nobody's synonym
    rows = [plain_row(i) for i in range(30_100, 30_103)]
    first = finished(filler, upload(filler, xlsx_bytes(headers, rows), dry_run=True))
    assert first["state"] == "done" and first["layout"]["needs_mapping"] is True
    assert first["layout"]["missing"] == ["id_number"] and first["rows_read"] == 0
    column = next(c for c in first["layout"]["columns"] if c["header"] == "证件编码号")
    assert column["confidence"] < 0.8 and column["source"] in ("proposal", "none")
    report = filler.get(f"/api/v1/imports/{first['id']}/report.xlsx/")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(report.streaming_content))).get_sheet_by_index(0)
    assert {row[-2] for row in sheet.to_python()[1:]} == {"未读取：请先对应文件的列"}

    mapping = json.dumps({"证件编码号": "id_number", "民族": ""})
    mapped = finished(filler, upload(filler, xlsx_bytes(headers, rows), mapping=mapping))
    assert (mapped["rows_written"], mapped["rows_failed"]) == (3, 0), problems(filler, mapped)
    assert Teacher.objects.get(name=rows[0][1]).ethnicity in ("", None)  # 民族 was ignored by the mapping
    assert ColumnMapping.objects.filter(organisation__code=SCHOOL).count() == 1

    again = finished(filler, upload(filler, xlsx_bytes(headers, [plain_row(30_110)])))
    assert again["layout"]["needs_mapping"] is False and again["rows_written"] == 1
    assert next(c for c in again["layout"]["columns"] if c["header"] == "证件编码号")["source"] == "mapping"


def test_a_mapping_naming_unknown_or_repeated_indicators_is_refused(filler):
    content = xlsx_bytes(PLAIN_HEADERS, [plain_row(30_200)])
    unknown = upload(filler, content, mapping=json.dumps({"姓名": "no_such_indicator"}))
    assert unknown.status_code == 400 and unknown.json()["errors"]["mapping"][0]["code"] == "unknown_field"
    twice = upload(filler, content, mapping=json.dumps({"姓名": "name", "性别": "name"}))
    assert twice.status_code == 400 and twice.json()["errors"]["mapping"][0]["code"] == "mapped_twice"
    malformed = upload(filler, content, mapping="[1, 2]")
    assert malformed.status_code == 400 and "mapping" in malformed.json()["errors"]


def test_an_id_excel_turned_into_a_number_is_reported_precisely(filler):
    rows = [plain_row(i) for i in range(30_300, 30_303)]
    rows[1][5] = float(rows[1][5])  # 18 digits: Excel keeps 15
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    assert (job["rows_written"], job["rows_failed"]) == (2, 1)
    [problem] = problems(filler, job, severity="error")
    assert (problem["row"], problem["field"], problem["code"]) == (3, "id_number", "id_as_number")
    assert "文本" in problem["message"] or "text" in problem["message"]


def test_absent_columns_are_one_warning_each_not_one_per_row(filler):
    rows = [plain_row(i) for i in range(30_400, 30_420)]
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    assert job["rows_written"] == 20
    absent = job["layout"]["absent"]
    assert absent and all(item["field_name"] and item["field"] for item in absent)
    absent_fields = {item["field"] for item in absent}
    row_warnings = [p for p in problems(filler, job, severity="warning") if p["field"] in absent_fields]
    assert row_warnings == []


def test_hidden_columns_are_ignored(filler):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("教师基本信息")
    headers = [*PLAIN_HEADERS, "性别"]  # a hidden helper column repeating a header
    sheet.write_row(0, 0, headers)
    sheet.set_column(len(PLAIN_HEADERS), len(PLAIN_HEADERS), None, None, {"hidden": True})
    for offset, row in enumerate([plain_row(i) for i in range(30_500, 30_502)]):
        sheet.write_row(1 + offset, 0, [*row, "不是性别"])
    book.close()
    job = finished(filler, upload(filler, buffer.getvalue()))
    assert (job["rows_written"], job["rows_failed"]) == (2, 0), problems(filler, job)
    assert job["layout"]["columns"][-1]["source"] == "hidden"


def test_errors_grouped_by_column_and_code(filler, client_for):
    rows = [plain_row(i) for i in range(30_600, 30_610)]
    for index in (1, 4, 7):
        rows[index][6] = "1985-02-30"
    rows[5][7] = "火星族"
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    response = filler.get(f"/api/v1/imports/{job['id']}/errors/groups/")
    assert response.status_code == 200
    groups = {(g["field"], g["code"]): g for g in response.json()}
    assert (groups[("birth_date", "invalid_date")]["count"], groups[("birth_date", "invalid_date")]["first_row"]) == (
        3,
        3,
    )
    assert groups[("birth_date", "invalid_date")]["last_row"] == 9
    assert groups[("ethnicity", "unknown_code")]["count"] == 1
    assert client_for("demo-school-b").get(f"/api/v1/imports/{job['id']}/errors/groups/").status_code == 404


def test_the_mapping_step_reruns_the_same_file(filler, client_for):
    headers = [*PLAIN_HEADERS]
    headers[1] = "老师名"
    rows = [plain_row(i) for i in range(30_700, 30_703)]
    first = finished(filler, upload(filler, xlsx_bytes(headers, rows), dry_run=True))
    assert first["layout"]["missing"] == ["name"]
    fields = filler.get("/api/v1/imports/fields/").json()
    assert {"field": "name", "name": "姓名", "required": True, "key": True} in fields
    assert fields[0]["field"] == "school" and fields[0]["key"] is False  # a school's own import

    url = f"/api/v1/imports/{first['id']}/rerun/"
    other = client_for("demo-school-b").post(url, {"mapping": {"老师名": "name"}}, format="json")
    assert other.status_code == 404
    bad = filler.post(url, {"mapping": {"老师名": "name", "姓名": "name"}}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"]["mapping"][0]["code"] == "mapped_twice"
    checked = finished(filler, filler.post(url, {"mapping": {"老师名": "name"}}, format="json"))
    assert (checked["dry_run"], checked["rows_valid"], checked["layout"]["needs_mapping"]) == (True, 3, False)
    done = finished(filler, filler.post(url, {"mapping": {"老师名": "name"}, "dry_run": False}, format="json"))
    assert done["rows_written"] == 3 and Teacher.objects.filter(name=rows[0][1]).exists()


def test_excel_unicode_text_utf16_with_tabs(filler):
    rows = [plain_row(i) for i in range(30_800, 30_802)]
    text = "\r\n".join("\t".join(str(cell) for cell in line) for line in [PLAIN_HEADERS, *rows]) + "\r\n"
    job = finished(filler, upload(filler, text.encode("utf-16"), "unicode.csv"))
    assert (job["state"], job["rows_written"], job["rows_failed"]) == ("done", 2, 0), job


def test_problems_are_read_in_the_readers_language(filler):
    rows = [plain_row(i) for i in range(30_900, 30_903)]
    rows[0][6] = "1985-02-30"  # a cell problem of the import
    rows[1][7] = "汉人族"  # an unknown code with its closest names
    rows[2][5] = rows[2][5][:-1] + ("1" if rows[2][5][-1] != "1" else "2")  # the validator's check character
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    url = f"/api/v1/imports/{job['id']}/errors/"
    zh = {p["field"]: p["message"] for p in filler.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["results"]}
    en = {p["field"]: p["message"] for p in filler.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["results"]}
    assert set(zh) == set(en) == {"birth_date", "ethnicity", "id_number"}
    assert "不存在" in zh["birth_date"] and "calendar" in en["birth_date"]
    assert "汉族" in zh["ethnicity"] and "Han" in en["ethnicity"] and "Closest" in en["ethnicity"]
    assert "身份证件号" in zh["id_number"] and "ID document number" in en["id_number"]

    report = filler.get(f"/api/v1/imports/{job['id']}/report.xlsx/", HTTP_ACCEPT_LANGUAGE="en")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(report.streaming_content))).get_sheet_by_index(0)
    rows_read = sheet.to_python()
    assert rows_read[0][-2:] == ["Import result", "Problems"]
    assert rows_read[1][-2] == "Failed" and "calendar" in rows_read[1][-1]
