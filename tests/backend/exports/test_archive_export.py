"""The whole archive as a workbook: an export with `groups` (the basic sheet, then a sheet per many-valued group in
the group import's format) and one teacher's `archive.xlsx` — scope, masking, the access log, flat query counts."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from tests.factories.teachers import TeacherRowFactory, complete_payload
from tmis.accounts.models import User
from tmis.audit.models import AccessLog
from tmis.catalog.selectors import effective_for_organisation
from tmis.core import crypto
from tmis.exports.archive_sheets import exported_sheets
from tmis.imports.group_sheets import KEY_CODES
from tmis.imports.template import TEMPLATE_SHEET, code_names
from tmis.orgs.models import Organisation
from tmis.teachers.group_records import group_record_save
from tmis.teachers.models import GROUP_MODELS, Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"  # demo-school-a's
OTHER_SCHOOL = "2162010301"  # demo-school-b's, another county


@pytest.fixture
def catalogue():
    return effective_for_organisation(organisation=Organisation.objects.get(code=SCHOOL))


def full_id_of(teacher: Teacher) -> str:
    return crypto.decrypt(teacher.id_key, bytes(teacher.id_cipher), context=ID_CONTEXT)


def _create(client, school: str, name: str) -> Teacher:
    response = client.post("/api/v1/teachers/", complete_payload(school, name=name), format="json")
    assert response.status_code == 201, response.json()
    return Teacher.objects.get(pk=response.json()["id"])


@pytest.fixture
def archives(client_for, catalogue):
    """Two archives of the school with records (学习经历 ×2 for the first, ×1 for the second, 国内培训 and 师德 for the
    first), and an archive of another county's school with a record of its own."""
    filler = User.objects.get(username="demo-school-a")
    first, second = _create(client_for(filler), SCHOOL, "档案甲"), _create(client_for(filler), SCHOOL, "=档案乙")
    education = code_names(*catalogue)["study_education"]
    records = [
        (second, "study", {"study_education": education[1][0], "study_major": "数学"}),
        (first, "study", {"study_education": education[0][0], "study_major": "语文"}),
        (first, "study", {"study_education": education[1][0], "study_major": "@历史"}),
        (first, "training", {"training_year": 2025, "training_project": "国培计划", "training_hours": 24}),
        (first, "ethics", {"ethics_month": "2024-12", "ethics_unit": "城关区教育局"}),
    ]
    for teacher, group, data in records:
        group_record_save(actor=filler, teacher=teacher, group_code=group, data=data)
    other = _create(client_for("demo-school-b"), OTHER_SCHOOL, "档案别县")
    group_record_save(actor=filler, teacher=other, group_code="study", data={"study_major": "别县"})
    return {"first": first, "second": second, "other": other, "education": education}


def export(client, **body):
    response = client.post("/api/v1/exports/", body, format="json")
    assert response.status_code == 202, response.json()
    job = client.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert job["state"] == "done", job
    return job


def workbook(content: bytes) -> dict[str, list[list[str]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {
        name: [[str(cell) for cell in row] for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        for name in book.sheet_names
    }


def downloaded(client, job) -> dict[str, list[list[str]]]:
    response = client.get(f"/api/v1/exports/{job['id']}/download/")
    assert response.status_code == 200
    return workbook(b"".join(response.streaming_content))


def by_code(sheet: list[list[str]]) -> list[dict[str, str]]:
    codes = sheet[1]
    return [dict(zip(codes, row, strict=True)) for row in sheet[2:]]


def test_a_school_export_with_every_group(client_for, archives, catalogue):
    filler = client_for("demo-school-a")
    job = export(filler, filters={"q": "档案"}, groups=["all"])
    assert job["groups"] == ["all"]
    assert job["rows_total"] == job["rows_written"] == 2 + 5  # teachers, and their records
    sheets = downloaded(filler, job)
    expected = exported_sheets(catalogue[0])
    assert list(sheets) == [TEMPLATE_SHEET, *(s.name for s in expected)]
    assert {"国内培训", "交流轮岗"} <= set(sheets)  # owned groups are exported too
    assert "工作经历" not in sheets  # no indicator of it in this catalogue
    for sheet in expected:  # every group's sheet has its headers, records or not
        head, codes = sheets[sheet.name][:2]
        assert codes == [*KEY_CODES, *(f.code for f in sheet.fields)]
        assert head == [f.name for f in sheet.columns]
    first, second, education = archives["first"], archives["second"], archives["education"]
    study = by_code(sheets["学习经历"])
    # Teacher order, then record order; names, not codes; the masked number; text escaped like the basic sheet.
    assert [(r["teacher_no"], r["study_major"]) for r in study] == [
        (first.teacher_no, "语文"),
        (first.teacher_no, "'@历史"),
        (second.teacher_no, "数学"),
    ]
    assert [r["study_education"] for r in study] == [education[0][1], education[1][1], education[1][1]]
    assert study[0]["id_number"] == first.id_masked and full_id_of(first) not in str(sheets)
    assert [r["name"] for r in study] == ["档案甲", "档案甲", "'=档案乙"]
    assert "别县" not in str(sheets)  # another county's archive and record
    training = by_code(sheets["国内培训"])
    assert [(r["training_project"], r["training_hours"], r["training_year"]) for r in training] == [
        ("国培计划", "24", "2025")
    ]
    assert by_code(sheets["师德信息"])[0]["ethics_month"] == "2024-12"
    assert by_code(sheets["教育教学"]) == []  # headers only
    log = AccessLog.objects.filter(action="teachers.export").latest("id")
    assert log.detail["rows"] == 2 and log.detail["records"] == 5 and log.detail["full_id"] is False
    assert log.detail["groups"] == [s.code for s in expected]


def test_chosen_groups_only_and_full_id_numbers_audited(client_for, archives):
    filler = client_for("demo-school-a")
    job = export(filler, filters={"q": "档案"}, groups=["training", "study", "study"], full_id=True)
    assert job["groups"] == ["training", "study"]
    sheets = downloaded(filler, job)
    assert list(sheets) == [TEMPLATE_SHEET, "学习经历", "国内培训"]  # catalogue order
    first = archives["first"]
    study = by_code(sheets["学习经历"])
    assert study[0]["id_number"] == full_id_of(first) and study[2]["id_number"] == full_id_of(archives["second"])
    log = AccessLog.objects.filter(action="teachers.export").latest("id")
    assert log.detail["full_id"] is True and log.detail["rows"] == 2 and log.detail["records"] == 4
    viewer = client_for("demo-city")  # sees the archives, not their full ID numbers
    response = viewer.post("/api/v1/exports/", {"groups": ["all"], "full_id": True}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"groups": ["all"], "format": "csv"}, "groups_need_xlsx"),
        ({"groups": ["salary"]}, "unknown_group"),
        ({"groups": ["study", "basic"]}, "unknown_group"),
        ({"groups": ["work"]}, "unknown_group"),  # not in this catalogue
    ],
)
def test_bad_groups(client_for, body, code):
    response = client_for("demo-school-a").post("/api/v1/exports/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["groups"][0]["code"] == code


def test_the_groups_an_export_offers(client_for, catalogue):
    groups = client_for("demo-school-a").get("/api/v1/exports/groups/").json()
    assert [g["code"] for g in groups] == [s.code for s in exported_sheets(catalogue[0])]
    owned = {g["code"] for g in groups if g["owned"]}
    assert owned == {"training", "rotation"}
    assert next(g for g in groups if g["code"] == "study")["name"] == "学习经历"


def archive_url(teacher: Teacher) -> str:
    return f"/api/v1/teachers/{teacher.pk}/archive.xlsx"


def test_one_teachers_archive_workbook(client_for, archives, catalogue):
    first = archives["first"]
    response = client_for("demo-school-a").get(archive_url(first))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    sheets = workbook(response.content)
    assert list(sheets) == [TEMPLATE_SHEET, *(s.name for s in exported_sheets(catalogue[0]))]
    basic = by_code(sheets[TEMPLATE_SHEET])
    assert len(basic) == 1 and basic[0]["name"] == "档案甲" and basic[0]["id_number"] == first.id_masked
    assert basic[0]["school"] == SCHOOL and basic[0]["gender"] == "男"
    assert [r["study_major"] for r in by_code(sheets["学习经历"])] == ["语文", "'@历史"]  # his records only
    assert len(by_code(sheets["国内培训"])) == 1
    log = AccessLog.objects.filter(action="teachers.export", subject_type="teacher").latest("id")
    assert log.subject_id == str(first.pk) and log.username == "demo-school-a"
    assert log.detail["full_id"] is False and log.detail["rows"] == 1 and log.detail["records"] == 4


def test_the_archives_full_id_numbers_need_the_capability_and_are_audited(client_for, archives):
    first = archives["first"]
    before = AccessLog.objects.filter(action="teachers.export", detail__full_id=True).count()
    denied = client_for("demo-city").get(archive_url(first), {"full_id": "true"})
    assert denied.status_code == 403
    assert client_for("demo-city").get(archive_url(first)).status_code == 200  # masked is fine
    response = client_for("demo-county-a").get(archive_url(first), {"full_id": "true"})
    assert response.status_code == 200
    sheets = workbook(response.content)
    assert by_code(sheets[TEMPLATE_SHEET])[0]["id_number"] == full_id_of(first)
    assert {r["id_number"] for r in by_code(sheets["学习经历"])} == {full_id_of(first)}
    logged = AccessLog.objects.filter(action="teachers.export", detail__full_id=True)
    assert logged.count() == before + 1
    assert logged.latest("id").username == "demo-county-a" and logged.latest("id").subject_id == str(first.pk)
    assert client_for("demo-county-a").get(archive_url(first), {"full_id": "maybe"}).status_code == 400


def test_an_archive_outside_the_scope_is_404(client_for, archives):
    other = archives["other"]
    for login in ("demo-school-a", "demo-county-a"):
        response = client_for(login).get(archive_url(other))
        assert response.status_code == 404, login
        assert response.json()["code"] == "not_found"
    assert client_for("demo-school-b").get(archive_url(other)).status_code == 200
    assert client_for("demo-school-a").get("/api/v1/teachers/99999999/archive.xlsx").status_code == 404
    assert not AccessLog.objects.filter(action="teachers.export", subject_id=str(other.pk), username="demo-school-a")


def _rows_with_records(count: int) -> None:
    school = Organisation.objects.get(code=SCHOOL)
    for _ in range(count):
        teacher = TeacherRowFactory(school=school, name="批量")
        for model in (GROUP_MODELS["study"], GROUP_MODELS["training"], GROUP_MODELS["teaching"]):
            model.objects.create(teacher=teacher, province_code=teacher.province_code)
            model.objects.create(teacher=teacher, province_code=teacher.province_code)


def _export_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        job = export(client, filters={"name": "批量"}, groups=["all"])
    return len(queries), job


def test_the_export_reads_a_fixed_number_of_queries_whatever_the_teacher_count(client_for):
    filler = client_for("demo-school-a")
    _rows_with_records(2)
    _export_queries(filler)  # caches warmed (catalogue, code tables)
    small, job = _export_queries(filler)
    assert job["rows_written"] == 2 + 12
    _rows_with_records(25)
    large, job = _export_queries(filler)
    assert job["rows_written"] == 27 + 27 * 6
    assert large == small  # one query per sheet, the teachers' keys joined in: nothing per teacher or record


def test_one_archive_reads_a_fixed_number_of_queries(client_for, django_assert_max_num_queries):
    _rows_with_records(1)
    teacher = Teacher.objects.get(name="批量")
    client = client_for("demo-school-a")
    client.get(archive_url(teacher))  # caches warmed (catalogue, code tables)
    with django_assert_max_num_queries(22):  # the request (4), the teacher, code lists, a query per sheet, the log
        assert client.get(archive_url(teacher)).status_code == 200
