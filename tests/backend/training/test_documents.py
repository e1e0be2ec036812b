"""The transcript's files over HTTP: JSON, XLSX (names, never codes) and PDF (the CJK font embedded, the teacher and
the labels in its text), each download in the audit trail, nothing for a teacher of another county; the school's
compliance list as XLSX. And the PDF of many long claims: wrapped, paged, headings on every page."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from tests.factories.teachers import TeacherRowFactory
from tmis.audit.models import AccessLog
from tmis.training.documents import transcript_pdf

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/training/claims/"
REVIEWS = "/api/v1/reviews/"
LONG_TITLE = "关于在小学数学课堂教学中培养学生核心素养与跨学科综合实践能力的县级课题研究及其成果推广应用（第二阶段）"


def _approved(client_for, teacher, **body) -> dict:
    """A claim filed by the school and approved by its reviewer and the county, as in test_claim_flow."""
    filed = client_for("demo-school-a").post(
        CLAIMS, {"teacher": teacher.pk, "hours": 40, "date": "2026-03-01"} | body, format="json"
    )
    assert filed.status_code == 201, filed.json()
    submission = client_for("demo-school-a").get(f"{CLAIMS}{filed.json()['id']}/").json()["submission"]
    for reviewer in ("demo-school-a-reviewer", "demo-county-a"):
        decided = client_for(reviewer).post(f"{REVIEWS}{submission}/approve/")
        assert decided.status_code == 200, decided.json()
    return filed.json()


@pytest.fixture
def teacher(client_for):
    teacher = TeacherRowFactory(name="王喆", work_start_month="2010-09")  # 喆: outside GB 2312, in the font
    _approved(client_for, teacher, kind="research", title=LONG_TITLE, provider="兰州市城关区教师发展中心")
    _approved(client_for, teacher, kind="school_based", title="校本研修：课堂观察", hours=12, date="2026-04-10")
    return teacher


def _url(teacher, suffix: str) -> str:
    return f"/api/v1/teachers/{teacher.pk}/training/transcript{suffix}"


def _zh(text: str) -> str:
    with translation.override("zh-hans"):
        return str(translation.gettext(text))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_transcript_json_and_xlsx_name_things(client_for, teacher):
    data = client_for("demo-school-a").get(_url(teacher, "/")).json()
    assert [c["kind"] for c in data["claims"]] == ["research", "school_based"]
    response = client_for("demo-school-a").get(_url(teacher, ".xlsx"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    cells = {str(cell) for row in book.get_sheet_by_index(0).to_python() for cell in row}
    assert any(teacher.name in cell and teacher.teacher_no in cell for cell in cells)
    names = {c["kind_name"] for c in data["claims"]} | {c["level_name"] for c in data["claims"]}
    names |= {c["form_name"] for c in data["claims"]}
    assert names <= cells and {_zh("Research project"), LONG_TITLE, "兰州市城关区教师发展中心"} <= cells
    assert not {"research", "school_based"} & cells  # names, never codes
    assert all(name and not name.isdigit() for name in names)


def test_transcript_pdf_embeds_its_font_and_says_who(client_for, teacher):
    response = client_for("demo-school-a").get(_url(teacher, ".pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                fonts[str(descendant["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert fonts, "no font"
    for name, descriptor in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+NotoSansCJKSC", name)  # a subset, named as such
        assert "/FontFile3" in descriptor or "/FontFile2" in descriptor  # embedded, not the reader's own font
    text = _squeezed("".join(page.extract_text() for page in reader.pages))
    labels = [
        "Teacher training record (credit bank)",
        "Teacher number",
        "Standing by cycle",
        "Required hours",
        "Approved training",
        "Provider",
        "Generated at %(time)s",
    ]
    for expected in [teacher.name, teacher.teacher_no, teacher.school.name, "姓名", "学校", "日期", "课堂观察"]:
        assert expected in text, expected
    for label in labels:
        assert _squeezed(_zh(label).split("%")[0]) in text, label
    assert any(_squeezed(_zh(status)) in text for status in ("Compliant", "On track", "Behind"))
    assert _squeezed(LONG_TITLE) in text  # wrapped over lines, whole
    assert f"{timezone.localdate():%Y-%m-%d}" in text


def test_downloads_are_audited(client_for, teacher):
    client = client_for("demo-school-a")
    assert client.get(_url(teacher, ".xlsx")).status_code == 200
    assert client.get(_url(teacher, ".pdf")).status_code == 200
    logged = AccessLog.objects.filter(action="training.transcript_download", subject_id=str(teacher.pk))
    assert sorted(entry.detail["format"] for entry in logged) == ["pdf", "xlsx"]
    assert {(entry.username, entry.subject_type) for entry in logged} == {("demo-school-a", "teacher")}


def test_another_countys_teacher_is_not_found(client_for, teacher):
    client = client_for("demo-county-b")  # 七里河区: the teacher is at a school of 城关区
    for suffix in ("/", ".xlsx", ".pdf"):
        response = client.get(_url(teacher, suffix))
        assert response.status_code == 404 and response.json()["code"] == "not_found", suffix
    assert not AccessLog.objects.filter(action="training.transcript_download", subject_id=str(teacher.pk)).exists()


def test_school_compliance_xlsx(client_for, teacher):
    client = client_for("demo-county-a")
    response = client.get("/api/v1/training/compliance/school.xlsx?org=2162010201&cycle=2026-2030")
    assert response.status_code == 200, response.content[:200]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    mine = next(row for row in rows if teacher.name in row)
    assert teacher.teacher_no in mine and 52 in mine and 360 in mine  # hours approved, required
    assert {_zh(status) for status in ("Compliant", "On track", "Behind")} & set(mine)
    refused = client.get("/api/v1/training/compliance/school.xlsx?org=620102")
    assert refused.status_code == 400
    assert refused.json()["errors"]["org"][0]["code"] == "not_a_school"


def test_many_long_claims_page_cleanly():
    claims = [
        {
            "date": dt.date(2021, 9, 1) + dt.timedelta(days=7 * i),
            "kind_name": "课题研究",
            "title": f"{i:03d}{LONG_TITLE}"[:100],
            "provider": "兰州市城关区教师发展中心",
            "level_name": "县级",
            "form_name": "集中面授",
            "hours": 40,
            "credits": None if i % 4 == 0 else Decimal("4.00"),
        }
        for i in range(60)
    ]
    cycle = {"cycle": "2021-2025", "required": 360, "counted": 360, "missing": 0, "credits": Decimal("36.00")}
    data = {
        "teacher": {"name": "阿依古丽·买买提", "teacher_no": "6201020000000001", "school": "城关区第一实验小学"},
        "cycles": [cycle | {"status": "compliant"}],
        "claims": claims,
        "generated_at": timezone.now(),
    }
    with translation.override("zh-hans"):
        reader = PdfReader(io.BytesIO(transcript_pdf(data)))
    pages = [_squeezed(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 3
    heading = _squeezed(_zh("Provider"))
    assert all(heading in page for page in pages[1:])  # the claims' headings repeat on every page
    everything = "".join(pages)
    assert all(_squeezed(f"{i:03d}{LONG_TITLE}"[:100]) in everything for i in range(60))
    assert "阿依古丽·买买提" in pages[-1]  # the footer names the teacher on every page
