"""Imports over HTTP: template round trip, normalisation, dedup, big files with bad rows, hostile files, reports.
Jobs run inline here (tests/conftest.py); test_worker.py runs them in a real worker."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pghistory.models
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from tests.factories.accounts import UserFactory
from tests.factories.imports import PLAIN_HEADERS, csv_bytes, id_for, plain_row, xlsx_bytes
from tests.factories.orgs import SchoolFactory
from tests.factories.teachers import complete_payload
from tmis.accounts.models import User
from tmis.core import crypto
from tmis.orgs.models import Organisation
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"


@pytest.fixture
def filler(client_for):
    return client_for("demo-school-a")


def upload(client, content: bytes, name: str = "teachers.xlsx", **fields):
    headers = {k: v for k, v in fields.items() if k.startswith("HTTP_")}
    data = {"file": SimpleUploadedFile(name, content)}
    data |= {k: str(v).lower() for k, v in fields.items() if not k.startswith("HTTP_")}
    return client.post("/api/v1/imports/", data, format="multipart", **headers)


def finished(client, response) -> dict:
    assert response.status_code == 202, response.json()
    job = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert job["state"] in ("done", "failed")
    return job


def problems(client, job: dict, **params) -> list[dict]:
    rows, url, query = [], f"/api/v1/imports/{job['id']}/errors/", {"page_size": 500} | params
    while url:
        body = client.get(url, query).json()
        rows += body["results"]
        url, query = body["next"], None
    return rows


def teachers_named(prefix: str):
    return Teacher.objects.filter(name__startswith=prefix)


def test_template_round_trip_creates_drafts(filler):
    response = filler.get("/api/v1/imports/template/", {"org": SCHOOL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_name("教师基本信息").to_python()
    headers, codes = [str(c) for c in rows[0]], [str(c) for c in rows[1]]
    assert codes[0] == "school" and "id_number" in codes and headers[codes.index("name")] == "*姓名"
    filled = []
    for index in range(3):
        payload = complete_payload(SCHOOL)
        number, birth = id_for(900 + index)
        payload |= {"name": f"模板{index}", "id_number": number, "birth_date": birth, "gender": "1"}
        row = []
        for code in codes:
            value = payload.get(code, "")
            if isinstance(value, bool):
                value = "是" if value else "否"
            elif isinstance(value, list):
                value = "、".join(value)
            row.append(value)
        filled.append(row)
    job = finished(filler, upload(filler, xlsx_bytes(headers, filled, codes=codes)))
    assert job["state"] == "done", job
    assert (job["rows_total"], job["rows_written"], job["rows_failed"]) == (3, 3, 0), [
        (p["field"], p["value"], p["message"]) for p in problems(filler, job)
    ]
    assert job["percent"] == 100.0
    created = teachers_named("模板").order_by("name")
    assert [t.name for t in created] == ["模板0", "模板1", "模板2"]
    first = created[0]
    assert first.record_state == "draft" and first.school.code == SCHOOL
    assert crypto.decrypt(first.id_key, bytes(first.id_cipher), context=ID_CONTEXT) == id_for(900)[0]
    assert first.ethnicity == "01" and first.on_establishment is True
    assert problems(filler, job, severity="error") == []
    # the history names the uploader and the import; the timeline shows who filled the archive
    [event] = pghistory.models.Events.objects.references(first).all()
    assert event.pgh_context["user"] == User.objects.get(username="demo-school-a").pk
    assert event.pgh_context["import_job"] == job["id"]
    timeline = filler.get(f"/api/v1/teachers/{first.pk}/timeline/").json()
    assert timeline[0]["action"] == "filled" and timeline[0]["actor"]["display_name"]


def test_problems_are_in_the_readers_language(filler):
    """Stored as found (an English upload), read in each reader's language."""
    rows = [plain_row(1200)]
    rows[0][6] = "1985-02-30"
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows), HTTP_ACCEPT_LANGUAGE="en"))
    url = f"/api/v1/imports/{job['id']}/errors/"
    english = {p["field"]: p["message"] for p in filler.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["results"]}
    chinese = {p["field"]: p["message"] for p in filler.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").json()["results"]}
    assert english["birth_date"].isascii() and english["birth_date"] != chinese["birth_date"]
    assert not chinese["birth_date"].isascii()


def test_plain_sheet_normalises_cells(filler):
    number, birth = id_for(77)
    assert birth == "1962-03-19"
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    rows = [plain_row(77 + 12_000 * n) for n in range(3)] + [plain_row(5000)]  # three share a birth date
    for index, row in enumerate(rows):
        row[1] = f"规范{index}"
    rows[0][5] = f" {full_width} "
    rows[0][6] = "1962年3月19日"
    rows[1][6], rows[1][7] = "1962/3/19", "01 汉族"
    rows[2][6], rows[2][7] = "1962.03.19", "01-汉族"
    serial = (dt.date.fromisoformat(id_for(5000)[1]) - dt.date(1899, 12, 30)).days
    rows[3][6], rows[3][4], rows[3][3] = serial, "1", "156"  # an Excel date serial; codes instead of names
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    assert job["state"] == "done", job
    assert problems(filler, job, severity="error") == []
    assert job["rows_written"] == 4
    made = {t.name: t for t in teachers_named("规范")}
    assert made["规范0"].id_masked == crypto.mask(number)
    assert [made[f"规范{n}"].birth_date.isoformat() for n in range(3)] == ["1962-03-19"] * 3
    assert made["规范3"].birth_date.isoformat() == id_for(5000)[1]
    assert {t.ethnicity for t in made.values()} == {"01"}
    assert made["规范0"].political_status == ["13"] and made["规范3"].nationality == "156"


def test_gbk_csv(filler):
    rows = [plain_row(i) for i in range(300, 305)]
    job = finished(filler, upload(filler, csv_bytes(PLAIN_HEADERS, rows, encoding="gbk"), "教师.csv"))
    assert job["state"] == "done" and job["rows_written"] == 5, job


def test_dry_run_writes_nothing(filler):
    before = Teacher.objects.count()
    rows = [plain_row(i) for i in range(400, 410)]
    rows[3][5] = "620102198501010000"  # wrong check digit
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows), dry_run=True))
    assert (job["state"], job["dry_run"], job["rows_valid"], job["rows_failed"]) == ("done", True, 9, 1)
    assert Teacher.objects.count() == before
    [problem] = problems(filler, job, severity="error")
    assert (problem["row"], problem["field"]) == (5, "id_number")


def test_duplicates_in_the_file_and_in_the_database(filler, client_for):
    existing = filler.post("/api/v1/teachers/", complete_payload(SCHOOL, name="已有"), format="json").json()
    number = crypto.decrypt(*_cipher(existing["id"]), context=ID_CONTEXT)
    rows = [plain_row(i) for i in range(500, 505)]
    rows[3][5] = rows[1][5]  # the same document twice in the file
    rows[3][6], rows[3][2] = rows[1][6], rows[1][2]
    rows[4][5] = number  # already registered here
    rows[4][6], rows[4][2] = "1985-03-12", "男"
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    assert (job["rows_written"], job["rows_failed"]) == (2, 3), job
    found = {(p["row"], p["code"]) for p in problems(filler, job, severity="error")}
    assert found == {(3, "duplicate_in_file"), (5, "duplicate_in_file"), (6, "duplicate_id_document")}
    by_row = {p["row"]: p["message"] for p in problems(filler, job, severity="error")}
    assert existing["teacher_no"] in by_row[6]
    # upsert updates the archive in scope instead
    rows[4][1] = "已有改名"
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, [rows[4]]), mode="upsert"))
    assert (job["rows_updated"], job["rows_failed"]) == (1, 0), problems(filler, job)
    assert Teacher.objects.get(pk=existing["id"]).name == "已有改名"


def test_a_document_registered_in_another_province_leaks_nothing(filler, client_for):
    beijing = SchoolFactory(parent=Organisation.objects.get(code="110101"))
    filler_bj = client_for(UserFactory(organisation=beijing, roles=["filler"]))
    row = plain_row(600)
    secret = complete_payload(beijing.code, name="李秘密", id_number=row[5], birth_date=row[6])
    secret["gender"] = "1" if row[2] == "男" else "2"
    created = filler_bj.post("/api/v1/teachers/", secret, format="json")
    assert created.status_code == 201, created.json()
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, [row])))
    [problem] = problems(filler, job, severity="error")
    assert problem["code"] == "duplicate_id_document" and "北京" in problem["message"]
    assert "李秘密" not in problem["message"] and created.json()["teacher_no"] not in problem["message"]


def test_ten_thousand_rows_with_37_bad_ones(filler):
    rows = [plain_row(i) for i in range(10_000)]
    bad = list(range(13, 10_000, 270))[:37]
    assert len(bad) == 37
    for n, index in enumerate(bad):
        kind = n % 4
        if kind == 0:
            rows[index][5] = rows[index][5][:-1] + ("0" if rows[index][5][-1] != "0" else "1")  # check digit
        elif kind == 1:
            rows[index][6] = "1985-02-30"
        elif kind == 2:
            rows[index][2] = "男女"
        else:
            rows[index][1] = '=HYPERLINK("http://x")'
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    assert job["state"] == "done", job
    assert (job["rows_total"], job["rows_written"], job["rows_failed"]) == (10_000, 9_963, 37)
    errors = problems(filler, job, severity="error")
    assert sorted({p["row"] for p in errors}) == [index + 2 for index in bad]
    id_values = [p["value"] for p in errors if p["field"] == "id_number"]
    assert id_values and all("*" in v and v not in {r[5] for r in rows} for v in id_values)  # masked
    assert teachers_named("教师").count() == 9_963


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "locked.xlsx", "encrypted_or_xls"),
        (bytes(range(256)) * 40, "random.xlsx", "not_a_spreadsheet"),
        (b"\n\n", "blank.csv", "empty"),
        (",".join(PLAIN_HEADERS).encode() + b"\n", "headers-only.csv", "no_rows"),
    ],
)
def test_malformed_files_fail_cleanly(filler, content, name, code):
    before = Teacher.objects.count()
    job = finished(filler, upload(filler, content, name))
    assert (job["state"], job["error_code"]) == ("failed", code), job
    assert job["error_message"]
    assert Teacher.objects.count() == before


def test_zip_bomb_is_refused(filler, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/workbook.xml", "<workbook/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    job = finished(filler, upload(filler, buffer.getvalue(), "bomb.xlsx"))
    assert (job["state"], job["error_code"]) == ("failed", "too_large_unpacked"), job


def test_too_big_and_wrong_kind_are_refused_before_a_job(filler, settings):
    settings.TMIS_IMPORT_MAX_BYTES = 1000
    response = upload(filler, b"x" * 2000, "big.csv")
    assert (response.status_code, response.json()["code"]) == (413, "file_too_large")
    settings.TMIS_IMPORT_MAX_BYTES = 50 * 1024 * 1024
    response = upload(filler, b"x", "teachers.pdf")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    response = upload(filler, b"", "empty.csv")
    assert response.status_code == 400 and response.json()["errors"]["file"][0]["code"] == "empty"


def test_formulas_and_formula_like_text_fail_their_row(filler):
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("教师基本信息")
    sheet.write_row(0, 0, PLAIN_HEADERS)
    for offset, index in enumerate(range(700, 704)):
        sheet.write_row(offset + 1, 0, [str(v) for v in plain_row(index)])
    sheet.write_formula(1, 1, '="张"&"三"', None, "张三")
    sheet.write_string(2, 7, "@SUM(1)")
    sheet.write_string(3, 8, "+86")
    workbook.close()
    job = finished(filler, upload(filler, buffer.getvalue()))
    found = {(p["row"], p["field"], p["code"]) for p in problems(filler, job, severity="error")}
    assert found == {(2, "name", "formula"), (3, "ethnicity", "formula_text"), (4, "political_status", "formula_text")}
    assert job["rows_written"] == 1
    assert not Teacher.objects.filter(name="张三").exists()


def test_strict_mode_saves_only_fully_valid_rows(filler):
    rows = [plain_row(i) for i in range(800, 803)]
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows), strict=True))
    # a plain sheet lacks the catalogue's other required columns: every row has problems, none is saved
    assert (job["rows_written"], job["rows_failed"]) == (0, 3)
    lenient = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    # leniently the rows are saved; the columns they lack are the job's warnings, one per column, not per row
    assert (lenient["rows_written"], lenient["rows_warned"]) == (3, 0)
    assert not problems(filler, lenient, severity="warning")
    absent = lenient["layout"]["absent"]
    assert absent and any(item["required"] for item in absent)
    assert len({item["field"] for item in absent}) == len(absent)


def test_report_marks_bad_rows(filler):
    rows = [plain_row(i) for i in range(900, 904)]
    rows[2][6] = "1985-13-45"
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, rows)))
    response = filler.get(f"/api/v1/imports/{job['id']}/report.xlsx/")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert sheet[0][-2:] == ["导入结果", "问题说明"]
    assert [r[-2] for r in sheet[1:]] == ["已导入", "已导入", "失败", "已导入"]
    assert "出生日期" in sheet[3][-1]


def test_imports_are_private_and_scoped(filler, client_for):
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, [plain_row(950)])))
    assert client_for("demo-school-b").get(f"/api/v1/imports/{job['id']}/").status_code == 404  # not the uploader
    assert client_for("demo-county-a").get(f"/api/v1/imports/{job['id']}/").status_code == 403  # no filler role
    assert client_for("demo-school-a-reviewer").get("/api/v1/imports/").status_code == 403
    response = upload(filler, xlsx_bytes(PLAIN_HEADERS, [plain_row(951)]), org="620103")
    assert response.status_code == 400 and "org" in response.json()["errors"]
    assert filler.get("/api/v1/imports/template/", {"org": "620103"}).status_code == 400


def _cipher(teacher_id: int) -> tuple[str, bytes]:
    teacher = Teacher.objects.get(pk=teacher_id)
    return teacher.id_key, bytes(teacher.id_cipher)


def test_coded_columns_use_the_code_list_of_the_rows_school(client_for):
    """A county's file names schools of every kind: a kindergarten's 教职工类别 comes from its own list."""
    from tmis.catalog.selectors import effective_for_organisation
    from tmis.imports.template import code_names

    county = Organisation.objects.get(code="620102")
    kindergarten = Organisation.objects.filter(path__startswith=county.path, school_stage="kindergarten").first()
    assert kindergarten is not None, "the demo county has a kindergarten"
    own, tables = effective_for_organisation(organisation=kindergarten)
    regional, regional_tables = effective_for_organisation(organisation=county)
    mine = {name: code for code, name, _en in code_names(own, tables)["staff_category"]}
    theirs = {name for _code, name, _en in code_names(regional, regional_tables)["staff_category"]}
    name, code = next((n, c) for n, c in mine.items() if n not in theirs)
    filler = client_for(UserFactory(organisation=county, roles=["filler"]))
    row = [*plain_row(1300, school=kindergarten.code), name]
    job = finished(filler, upload(filler, xlsx_bytes([*PLAIN_HEADERS, "教职工类别"], [row])))
    assert [p for p in problems(filler, job) if p["field"] == "staff_category"] == []
    assert Teacher.objects.get(name=row[1]).staff_category == code
