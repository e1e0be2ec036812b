"""Imports of the many-valued groups' sheets over HTTP (issue 19): one sheet per group in one workbook, a record per
row keyed by 身份证件号 or 全国教师编号, values as people read them; append and replace; the dry run; the report;
rows that cannot be written (another school's teacher, an approved archive, a malformed ID, a bad code) reported on
their sheet, row and column, and nothing already saved lost."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from tests.backend.imports.test_import_api import finished, problems, upload
from tests.factories.imports import PLAIN_HEADERS, plain_row, xlsx_bytes
from tests.factories.teachers import TeacherRowFactory, complete_archive, required_record
from tmis.catalog.selectors import effective_for_organisation
from tmis.imports.group_sheets import GroupSheet, group_sheet
from tmis.imports.template import cell_writer, code_names
from tmis.orgs.models import Organisation
from tmis.teachers.models import GROUP_MODELS, Teacher

pytestmark = pytest.mark.django_db

SCHOOL = "2162010201"


@pytest.fixture
def filler(client_for):
    return client_for("demo-school-a")


def workbook(sheets: dict[str, tuple[Sequence[str], list[Sequence[object]]]]) -> bytes:
    """A workbook with one sheet per name: headers in row 1, then the rows as text cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    for name, (headers, rows) in sheets.items():
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, list(headers))
        for offset, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if value not in (None, ""):
                    sheet.write_string(offset, column, str(value))
    book.close()
    return buffer.getvalue()


class Groups:
    """The school's group sheets and valid records written as a person reads them (names, 是/否)."""

    def __init__(self) -> None:
        school = Organisation.objects.get(code=SCHOOL)
        self.catalogue, tables = effective_for_organisation(organisation=school)
        self.names = code_names(self.catalogue, tables)

    def sheet(self, code: str) -> GroupSheet:
        found = group_sheet(self.catalogue, code)
        assert found is not None
        return found

    def headers(self, code: str) -> list[str]:
        return [f.name for f in self.sheet(code).columns]

    def row(self, code: str, *, id_number: str = "", teacher_no: str = "", name: str = "", **values) -> list[str]:
        sheet = self.sheet(code)
        record = required_record(sheet.group) | values
        cells = [id_number, teacher_no, name]
        for f in sheet.fields:
            value = record.get(f.code)
            names = {c: n for c, n, _en in self.names.get(f.code, [])}
            cells.append(cell_writer(f, names)(value) if value not in (None, "") else "")
        return cells


@pytest.fixture
def groups() -> Groups:
    return Groups()


@pytest.fixture
def drafts(filler) -> list[Teacher]:
    """Three new drafts of the school, imported from a plain sheet."""
    job = finished(filler, upload(filler, xlsx_bytes(PLAIN_HEADERS, [plain_row(7100 + i) for i in range(3)])))
    assert job["rows_written"] == 3, job
    return list(Teacher.objects.filter(name__in=[f"教师{7100 + i:05d}" for i in range(3)]).order_by("name"))


def id_of(teacher: Teacher) -> str:
    return plain_row(int(teacher.name.removeprefix("教师")))[5]


def test_group_sheets_add_records_by_id_number_or_teacher_number(filler, groups, drafts):
    first, second, third = drafts
    study = groups.headers("study")
    content = workbook(
        {
            "学习经历": (
                study,
                [
                    groups.row("study", id_number=id_of(first), name=first.name, study_major="数学"),
                    groups.row("study", id_number=id_of(first), study_major="物理"),
                    groups.row("study", teacher_no=second.teacher_no, study_major="化学"),
                ],
            ),
            "年度考核": (
                groups.headers("assessment"),
                [groups.row("assessment", teacher_no=third.teacher_no, assessment_year="2025")],
            ),
        }
    )
    job = finished(filler, upload(filler, content, "records.xlsx"))
    assert job["state"] == "done", job
    assert (job["rows_total"], job["rows_written"], job["rows_failed"]) == (4, 4, 0), job
    assert (job["rows_read"], job["percent"], job["opened_percent"]) == (4, 100.0, 100), job
    study_model, assessment_model = GROUP_MODELS["study"], GROUP_MODELS["assessment"]
    assert sorted(study_model.objects.filter(teacher=first).values_list("study_major", flat=True)) == ["数学", "物理"]
    assert list(study_model.objects.filter(teacher=second).values_list("study_major", flat=True)) == ["化学"]
    record = assessment_model.objects.get(teacher=third)
    assert record.assessment_year == 2025
    assert record.assessment_result == required_record(groups.sheet("assessment").group)["assessment_result"]
    layout = {g["sheet"]: g for g in job["layout"]["groups"]}
    assert layout["学习经历"]["group"] == "study" and layout["学习经历"]["rows"] == 3
    assert layout["年度考核"]["group_name"] == "年度考核"
    first.refresh_from_db()
    assert first.version > 1  # a record write makes a new archive version


def test_bad_rows_are_reported_on_their_sheet_row_and_column(filler, groups, drafts):
    first = drafts[0]
    other_school = Organisation.objects.filter(level="school").exclude(code=SCHOOL).first()
    elsewhere = TeacherRowFactory(school=other_school)
    malformed = id_of(first)[:-1] + ("0" if id_of(first)[-1] != "0" else "1")
    rows = [
        groups.row("study", id_number=id_of(first)),  # row 2: good
        groups.row("study", teacher_no=elsewhere.teacher_no),  # row 3: another county's teacher
        groups.row("study", id_number=malformed),  # row 4: a check character that does not fit
        groups.row("study", id_number=id_of(first)),  # row 5: a code name nobody has
        groups.row("study"),  # row 6: no key at all
        groups.row("study", id_number=id_of(first), name="别人"),  # row 7: the name differs: a warning
    ]
    education = groups.headers("study").index("获得学历")
    rows[3][education] = "博士后学历"
    job = finished(filler, upload(filler, workbook({"学习经历": (groups.headers("study"), rows)}), "bad.xlsx"))
    assert (job["rows_written"], job["rows_failed"]) == (2, 4), job
    found = {(p["sheet"], p["row"], p["code"]): p for p in problems(filler, job)}
    assert ("学习经历", 3, "teacher_not_found") in found
    assert elsewhere.name not in found[("学习经历", 3, "teacher_not_found")]["message"]  # nothing told of others
    malformed_problem = found[("学习经历", 4, "invalid_id_number")]
    assert malformed_problem["column"] == "身份证件号" and malformed_problem["severity"] == "error"
    assert found[("学习经历", 3, "teacher_not_found")]["column"] == "全国教师编号"
    code_problem = next(p for p in found.values() if p["row"] == 5)
    assert code_problem["column"] == "获得学历" and "博士后学历" in code_problem["value"]
    assert ("学习经历", 6, "teacher_not_found") in found
    assert found[("学习经历", 7, "name_differs")]["severity"] == "warning"
    assert GROUP_MODELS["study"].objects.filter(teacher=first).count() == 2

    report = filler.get(f"/api/v1/imports/{job['id']}/report.xlsx/")
    assert report.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(report.streaming_content)))
    assert "学习经历" in book.sheet_names
    sheet = book.get_sheet_by_name("学习经历").to_python()
    assert sheet[0][-2:] == ["导入结果", "问题说明"]
    assert [row[-2] for row in sheet[1:]] == ["已导入", "失败", "失败", "失败", "失败", "已导入（有警告）"]


def test_replace_puts_rows_in_place_and_a_teacher_with_a_failed_row_keeps_his(filler, groups, drafts):
    first, second, _third = drafts
    model = GROUP_MODELS["assessment"]
    headers = groups.headers("assessment")
    seed = [
        groups.row("assessment", id_number=id_of(first), assessment_year="2021"),
        groups.row("assessment", id_number=id_of(first), assessment_year="2022"),
        groups.row("assessment", id_number=id_of(second), assessment_year="2023"),
    ]
    assert finished(filler, upload(filler, workbook({"年度考核": (headers, seed)})))["rows_written"] == 3
    bad = groups.row("assessment", id_number=id_of(second), assessment_year="2024")
    bad[headers.index("考核年度")] = "二〇二五年度"
    again = [
        groups.row("assessment", id_number=id_of(first), assessment_year="2024"),
        groups.row("assessment", id_number=id_of(second), assessment_year="2025"),
        bad,
    ]
    content = workbook({"年度考核": (headers, again)})

    def units(teacher: Teacher) -> list[int]:
        return sorted(model.objects.filter(teacher=teacher).values_list("assessment_year", flat=True))

    dry = finished(filler, upload(filler, content, dry_run=True, group_mode="replace"))
    assert (dry["rows_written"], dry["rows_failed"]) == (1, 2), dry
    assert units(first) == [2021, 2022]  # a dry run writes nothing
    job = finished(filler, upload(filler, content, group_mode="replace"))
    assert (job["group_mode"], job["rows_written"], job["rows_failed"]) == ("replace", 1, 2), job
    assert units(first) == [2024]
    assert units(second) == [2023]
    codes = {p["row"]: p["code"] for p in problems(filler, job)}
    assert codes[3] == "teacher_rows_failed" and codes[4] == "invalid_integer"


def approved_teacher(client_for) -> Teacher:
    filler = client_for("demo-school-a")
    teacher = complete_archive(filler)
    submission = filler.post(f"/api/v1/teachers/{teacher}/submit/").json()["id"]
    approve(client_for, submission)
    return Teacher.objects.get(pk=teacher)


def approve(client_for, submission: int) -> None:
    for login in ("demo-school-a-reviewer", "demo-county-a"):
        response = client_for(login).post(f"/api/v1/reviews/{submission}/approve/")
        assert response.status_code == 200, response.json()


def test_an_approved_archives_rows_become_one_change_request_applied_on_approval(client_for, filler, groups):
    teacher = approved_teacher(client_for)
    model = GROUP_MODELS["assessment"]
    before = model.objects.filter(teacher=teacher).count()
    rows = [
        groups.row("assessment", teacher_no=teacher.teacher_no, assessment_year="2024"),
        groups.row("assessment", teacher_no=teacher.teacher_no, assessment_year="2025"),
        groups.row("study", teacher_no=teacher.teacher_no, study_major="教育学"),
    ]
    content = workbook(
        {"年度考核": (groups.headers("assessment"), rows[:2]), "学习经历": (groups.headers("study"), rows[2:])}
    )
    dry = finished(filler, upload(filler, content, group_mode="replace", dry_run=True))
    said = {p["message"] for p in problems(filler, dry, severity="warning") if p["code"] == "change_requested"}
    assert said == {"该档案已审核通过：正式导入时，本文件中的记录将作为变更申请提交审核（本次仅校验，未提交）。"}, said
    teacher.refresh_from_db()
    assert not teacher.pending_change  # the check submitted nothing
    job = finished(filler, upload(filler, content, group_mode="replace"))
    assert (job["rows_written"], job["rows_updated"], job["rows_failed"]) == (0, 3, 0), job
    said = {p["message"] for p in problems(filler, job, severity="warning") if p["code"] == "change_requested"}
    assert said == {"该档案已审核通过：本文件中的记录已作为变更申请提交审核，审核通过后生效。"}, said
    assert "change_requested" in {p["code"] for p in problems(filler, job, severity="warning")}
    assert model.objects.filter(teacher=teacher).count() == before  # nothing changes before the review
    teacher.refresh_from_db()
    assert teacher.pending_change
    queue = client_for("demo-school-a-reviewer").get("/api/v1/reviews/", {"subject_id": teacher.pk}).json()
    item = next(i for i in queue["results"] if i["subject"]["id"] == teacher.pk and i["state"] != "approved")
    detail = client_for("demo-school-a-reviewer").get(f"/api/v1/reviews/{item['id']}/").json()
    imported = {op["group"]: op for op in detail["diff"]["groups"]}
    assert [r["assessment_year"] for r in imported["assessment"]["data"]] == [2024, 2025]
    assert len(imported["assessment"]["old"]) == before and imported["assessment"]["mode"] == "replace"

    timeline = filler.get(f"/api/v1/teachers/{teacher.pk}/timeline/").json()
    submitted = [entry for entry in timeline if entry["action"] == "submit" and entry["imports"]]
    assert len(submitted) == 1 and sorted(submitted[0]["imports"], key=lambda i: i["group"]) == [
        {"group": "assessment", "mode": "replace", "records": 2, "replaced": before},
        {
            "group": "study",
            "mode": "replace",
            "records": 1,
            "replaced": GROUP_MODELS["study"].objects.filter(teacher=teacher).count(),
        },
    ], submitted

    again = finished(filler, upload(filler, content))  # a second import while the first waits: refused per row
    assert again["rows_failed"] == 3 and {p["code"] for p in problems(filler, again)} == {"change_pending"}

    approve(client_for, item["id"])
    assert sorted(model.objects.filter(teacher=teacher).values_list("assessment_year", flat=True)) == [2024, 2025]
    assert GROUP_MODELS["study"].objects.filter(teacher=teacher, study_major="教育学").exists()


def test_an_owned_group_sheet_is_skipped_and_a_sheet_without_keys_fails_its_rows(filler, groups, drafts):
    training = [groups.headers("training") if group_sheet(groups.catalogue, "training") else ["身份证件号"]]
    headers_without_keys = groups.headers("study")[3:]
    content = workbook(
        {
            "国内培训": (training[0], [[id_of(drafts[0])]]),
            "学习经历": (headers_without_keys, [groups.row("study")[3:]]),
        }
    )
    job = finished(filler, upload(filler, content))
    layout = {g["sheet"]: g for g in job["layout"]["groups"]}
    assert layout["国内培训"]["skipped"] == "owned"
    assert layout["学习经历"]["missing"] == ["id_number", "teacher_no"]
    assert [p["code"] for p in problems(filler, job)] == ["missing_key"]
    assert job["rows_failed"] == 1 and job["rows_total"] == 1
